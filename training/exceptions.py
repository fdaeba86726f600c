class TrainingError(Exception):
    """A change to the course catalogue, a session, an enrolment or a completion that is not allowed."""
