"""The top of the scale on top of the demo hospital: hospital_some.demo.involvement's level-4 department with its
running activity and level-5 department with its network, and helpers to reach them."""

from channels_plan.models import Channel
from governance.models import Hospital, User
from hospital_some.demo.involvement import ACTIVITY_TITLE, INVOLVEMENT_DEPARTMENT, demo_involvement_seed
from involvement.models import InvolvementActivity, PatientNetwork


def involvement_seed() -> None:
    demo_involvement_seed(hospital=Hospital.objects.get(name="Demohospitalet"))


def running_activity() -> InvolvementActivity:
    return InvolvementActivity.objects.get(title=ACTIVITY_TITLE)


def involvement_channel() -> Channel:
    return Channel.objects.get(unit__name=INVOLVEMENT_DEPARTMENT)


def demo_network() -> PatientNetwork:
    return PatientNetwork.objects.get()


def person(username: str) -> User:
    return User.objects.get(username=username)
