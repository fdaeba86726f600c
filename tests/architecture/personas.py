"""The personas of the permission matrix and the shorthands its rows are written in."""

PERSONAS = ["anonymous", "inactive", "producer", "flowmanager", "manager", "community", "lead", "admin"]


def everyone(status: int, **overrides: int) -> dict[str, int]:
    return {persona: overrides.get(persona, status) for persona in PERSONAS}


def signed_in(status: int, *, anonymous: int = 302) -> dict[str, int]:
    """Signed-in people get ``status``; anonymous visitors and deactivated accounts go to the login page."""
    return everyone(status, anonymous=anonymous, inactive=anonymous)


def members(status: int, *, manager: int | None = None, others: int = 404) -> dict[str, int]:
    """For a department's object: its editors (producer, flowmanager) get ``status``; the rest ``others``."""
    return {
        **signed_in(others),
        "producer": status,
        "flowmanager": status,
        "manager": status if manager is None else manager,
    }
