import pytest
from django.urls import reverse

from channels_plan.exceptions import PlanError
from channels_plan.models import Channel, ChannelUserObjectPermission, PostingEnrolment
from channels_plan.rights.policy import POST, REVIEW, department_permissions
from channels_plan.services import posting_enrolment_end, posting_enrolment_grant, posting_enrolment_request
from governance.models import Membership, Role, Unit
from governance.services import membership_ensure
from maturity.models import Level
from maturity.services import unit_maturity_set
from tests.factories import UnitFactory, UserFactory, membership_make

BOTH = {POST, REVIEW}


@pytest.mark.parametrize(
    ("level", "enrolled", "role", "closed_group", "expected"),
    [
        (None, True, "flowmanager", False, set()),
        (1, True, "flowmanager", False, set()),
        (2, True, "producer", False, set()),
        (3, False, "flowmanager", False, set()),
        (3, True, "flowmanager", False, BOTH),
        (3, True, "producer", False, {POST}),
        (3, True, "community_manager", False, {POST}),
        (3, True, "manager", False, set()),
        (4, False, "producer", False, set()),
        (4, True, "producer", False, {POST}),
        (4, True, "producer", True, {POST}),
        (4, False, "producer", True, set()),
        (5, False, "producer", True, BOTH),
        (5, False, "network_facilitator", True, BOTH),
        (5, False, "network_facilitator", False, set()),
        (5, False, "manager", True, set()),
        (5, True, "flowmanager", False, BOTH),
    ],
)
def test_department_rights_follow_level_enrolment_and_role(level, enrolled, role, closed_group, expected):
    assert (
        department_permissions(level=level, enrolled=enrolled, role=role, closed_group=closed_group, trained=True)
        == expected
    )


def _holders(channel: Channel) -> set[tuple[str, str]]:
    rows = ChannelUserObjectPermission.objects.filter(content_object=channel)
    return set(rows.values_list("user__username", "permission__codename"))


COMMUNICATION = {(user, codename) for user in ["lead", "community"] for codename in BOTH}
SELECTED_DEPARTMENT = {("flowmanager", POST), ("flowmanager", REVIEW), ("producer", POST)}


@pytest.mark.django_db
def test_the_selected_level_3_department_posts_on_its_own_channel(demo):
    assert _holders(Channel.objects.get()) == COMMUNICATION | SELECTED_DEPARTMENT


@pytest.mark.django_db
def test_dropping_to_level_2_revokes_the_departments_rights(demo):
    channel = Channel.objects.get()
    level_2 = Level.objects.get(number=2)
    unit_maturity_set(unit=channel.unit, current_level=level_2, target_level=level_2, acting_user=None)
    assert _holders(channel) == COMMUNICATION


@pytest.mark.django_db
def test_leaving_the_department_or_being_deactivated_revokes_rights(demo, people):
    channel = Channel.objects.get()
    Membership.objects.get(user=people["producer"], unit=channel.unit).delete()
    people["flowmanager"].is_active = False
    people["flowmanager"].save()
    assert _holders(channel) == COMMUNICATION
    membership_ensure(user=people["producer"], unit=channel.unit, role=Role.objects.get(code="producer"))
    assert ("producer", POST) in _holders(channel)


@pytest.mark.django_db
def test_ending_the_enrolment_revokes_and_a_request_then_grant_restores(demo, people):
    channel = Channel.objects.get()
    posting_enrolment_end(unit=channel.unit, acting_user=people["flowmanager"])
    assert _holders(channel) == COMMUNICATION
    enrolment = posting_enrolment_request(unit=channel.unit, acting_user=people["flowmanager"])
    assert enrolment.status == PostingEnrolment.Status.REQUESTED
    assert _holders(channel) == COMMUNICATION
    posting_enrolment_grant(unit=channel.unit, acting_user=people["community"])
    assert _holders(channel) == COMMUNICATION | SELECTED_DEPARTMENT
    assert [h.status for h in enrolment.history.order_by("history_date")] == ["active", "ended", "requested", "active"]


@pytest.mark.django_db
def test_enrolment_rules(demo, people):
    department = Unit.objects.get(name="Akutafdelingen")  # level 2
    with pytest.raises(PlanError):
        posting_enrolment_grant(unit=department, acting_user=people["lead"])
    own = Unit.objects.get(name="Hjertemedicinsk afdeling")
    for username in ["producer", "manager"]:
        with pytest.raises(PlanError):
            posting_enrolment_request(unit=own, acting_user=people[username])
    for username in ["flowmanager", "producer"]:
        with pytest.raises(PlanError):
            posting_enrolment_grant(unit=own, acting_user=people[username])


@pytest.mark.django_db
def test_rights_page_shows_who_may_post_and_why(client_as):
    response = client_as("lead").get(reverse("channels_plan:posting_rights"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert "Posts on its own channels since" in html
    assert "Centralised: the communication unit posts for the department." in html
    rows = {r.unit.name: r for r in response.context["overview"]}
    assert {h.membership.user.username for h in rows["Hjertemedicinsk afdeling"].holders} == {"flowmanager", "producer"}
    assert len(rows) == 7


@pytest.mark.django_db
def test_a_department_member_sees_only_the_department(client_as):
    response = client_as("manager").get(reverse("channels_plan:posting_rights"))
    assert [r.unit.name for r in response.context["overview"]] == ["Hjertemedicinsk afdeling"]


@pytest.mark.django_db
def test_rights_page_query_count_does_not_grow(client_as, django_assert_num_queries, people):
    client = client_as("lead")
    client.get(reverse("channels_plan:posting_rights"))
    # Seven, and two for the courses the hospital requires before posting and who has them.
    with django_assert_num_queries(9):
        client.get(reverse("channels_plan:posting_rights"))
    hospital = Unit.objects.get(name="Akutafdelingen").hospital
    for index in range(10):
        unit = UnitFactory(hospital=hospital, name=f"Ekstra {index}")
        membership_make(user=UserFactory(), unit=unit, role_code="flowmanager")
    with django_assert_num_queries(9):
        client.get(reverse("channels_plan:posting_rights"))
