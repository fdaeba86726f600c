from functools import partial

from governance.crisis.selectors import crisis_open_for_user


def crisis_banner(request) -> dict:
    """The open crises of the signed-in person's hospitals, for the notice at the top of every page.

    Handed over as a callable: the template calls it only when it renders the notice, so fragments (htmx regions,
    feeds) that never show it run no query for it.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"open_crises": ()}
    return {"open_crises": partial(crisis_open_for_user, user=user)}
