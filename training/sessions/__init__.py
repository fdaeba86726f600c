"""Course sessions: planning them, enrolment and attendance."""
