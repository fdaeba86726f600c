class GovernanceError(Exception):
    """A change that the state of the guideline, the crisis or the acting person's rights do not allow."""


class GuidelineEditConflict(GovernanceError):
    """Someone saved the draft after the editor opened it; saving now would overwrite their text."""
