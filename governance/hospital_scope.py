"""Which hospital a hospital-wide page is about: the one the person works in, or the one they picked."""

from django.http import Http404

from governance.models import Hospital
from governance.permissions import Actor
from governance.selectors import hospital_list_for_user


def hospital_for_request(request, actor: Actor) -> tuple[Hospital, list[Hospital]]:
    """The hospital named by ``?hospital=`` (404 outside one's own), else the person's first; and all of theirs.

    Most people work in one hospital; administrators and people in several get a choice on the page.
    """
    hospitals = list(hospital_list_for_user(user=actor.user))
    if not hospitals:
        raise Http404("No hospital")
    wanted = request.GET.get("hospital") or request.POST.get("hospital")
    if not wanted:
        return hospitals[0], hospitals
    for hospital in hospitals:
        if str(hospital.pk) == wanted:
            return hospital, hospitals
    raise Http404("Not a hospital of yours")
