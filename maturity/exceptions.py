class MaturityError(Exception):
    """A change to where a unit stands on the scale that the scale's rules do not allow."""
