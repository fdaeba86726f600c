class PlanError(Exception):
    """A change to a channel plan or channel that its state or the acting person's rights do not allow."""


class PlanIncomplete(PlanError):
    """A plan cannot be submitted yet; ``errors`` maps field names to messages."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors
