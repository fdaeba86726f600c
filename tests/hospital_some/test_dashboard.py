import pytest
from django.urls import reverse
from django.utils import timezone

from channels_plan.services import plan_create
from governance.models import Unit, User
from maturity.gaps.engine import unit_gap_reports
from maturity.models import Level
from maturity.services import unit_maturity_set
from tests.factories import HospitalFactory, UnitFactory, UserFactory, membership_make, plan_submit_complete

pytestmark = pytest.mark.django_db


def test_dashboard_shows_the_hospital_units_and_levels(client_as):
    response = client_as("flowmanager").get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert "Demohospitalet" in html
    for unit in Unit.objects.all():
        assert unit.name in html
    assert "Social Media Manager/Flowmanager, Hjertemedicinsk afdeling" in html
    assert "Revise the channel plan: Rekruttering af sygeplejersker på LinkedIn" in html


def test_what_waits_follows_the_persona(client_as):
    lead = client_as("lead").get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Review the channel plan: Hjerteforeningens fællesskab på Facebook" in lead
    assert "Revise the channel plan" not in lead
    manager = client_as("manager").get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Review the channel plan" not in manager
    assert "Hjertemedicinsk afdeling is assessed at level" in manager
    community = client_as("community").get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "is assessed at level" not in community


def test_the_manager_reads_the_gap_reports_verdict_until_the_unit_reaches_its_target(client_as):
    department = Unit.objects.select_related("hospital", "maturity__current_level", "maturity__target_level").get(
        name="Hjertemedicinsk afdeling"
    )
    report = unit_gap_reports([department], today=timezone.localdate())[department.pk]
    assert report.assessed_level < report.target_level
    client = client_as("manager")
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    lines = "line blocks" if len(report.blocked_by) == 1 else "lines block"
    expected = (
        f"Hjertemedicinsk afdeling is assessed at level {report.assessed_level}; "
        f"{len(report.blocked_by)} {lines} level {report.next_level}"
    )
    assert f'<a href="{reverse("gaps:unit", args=[department.pk])}">{expected}</a>' in html
    reached = Level.objects.get(number=max(report.assessed_level, 1))
    unit_maturity_set(unit=department, current_level=reached, target_level=reached, acting_user=None)
    if report.assessed_level >= 1:
        html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "is assessed at level" not in html


def test_dashboard_shows_only_the_users_own_hospital(client_as):
    other = UnitFactory(hospital=HospitalFactory(name="Other hospital"), name="Other ward")
    html = client_as("producer").get(reverse("home")).content.decode()
    assert other.name not in html and "Other hospital" not in html


def test_administrator_sees_every_hospital(client_as):
    UnitFactory(hospital=HospitalFactory(name="Other hospital"), name="Other ward")
    html = client_as("admin").get(reverse("home")).content.decode()
    assert "Other hospital" in html and "Demohospitalet" in html
    assert reverse("admin:index") in html


def test_navigation_fits_the_persona(client_as):
    assert reverse("admin:index") not in client_as("producer").get(reverse("home")).content.decode()


# The lead: guideline drafts and self-assessments to review (one query each); nobody else asks for them.
# The manager: the gap report of the unit they manage (the engine asks every source once: 53 queries, whatever
# the data), while it is short of its target.
@pytest.mark.parametrize(("persona", "queries"), [("producer", 13), ("lead", 15), ("manager", 66)])
def test_dashboard_query_count_does_not_grow_with_data(client_as, django_assert_num_queries, persona, queries):
    client = client_as(persona)
    client.get(reverse("home"))
    with django_assert_num_queries(queries):
        client.get(reverse("home"))
    department = Unit.objects.get(name="Hjertemedicinsk afdeling")
    drafter = User.objects.get(username="producer")
    for index in range(20):
        unit = UnitFactory(hospital=department.hospital, name=f"Extra {index}")
        membership_make(user=UserFactory(), unit=unit, role_code="producer")
        plan = plan_create(unit=department, data={"title": f"Plan {index}", "platform": "x"}, acting_user=drafter)
        plan_submit_complete(plan=plan, acting_user=drafter)
    with django_assert_num_queries(queries):
        client.get(reverse("home"))


def test_long_queues_show_the_oldest_ten_and_a_link_to_the_rest(client_as):
    department = Unit.objects.get(name="Hjertemedicinsk afdeling")
    drafter = User.objects.get(username="producer")
    for index in range(11):
        plan = plan_create(unit=department, data={"title": f"Kø {index:02d}", "platform": "x"}, acting_user=drafter)
        plan_submit_complete(plan=plan, acting_user=drafter)
    response = client_as("lead").get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")
    labels = [item["label"] for item in response.context["waiting"]]
    reviews = [label for label in labels if label.startswith("Review the channel plan")]
    assert len(reviews) == 10
    assert reviews[0].startswith("Review the channel plan: Hjerteforeningens")  # the oldest submission first
    assert "All plans waiting for review" in labels
    assert reverse("channels_plan:plan_list") + "?status=submitted" in response.content.decode()


def test_proposals_to_review_wait_for_the_communication_unit(client_as):
    html = client_as("lead").get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Review the content proposal: Sådan forbereder du dig til en ballonudvidelse" in html
    producer = client_as("producer").get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Review the content proposal" not in producer


def test_the_lead_finds_guideline_drafts_to_approve(client_as):
    labels = [
        item["label"] for item in client_as("lead").get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").context["waiting"]
    ]
    assert "Approve the guideline: Før I starter, version 1" in labels
    community = [
        item["label"]
        for item in client_as("community").get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").context["waiting"]
    ]
    assert not any(label.startswith("Approve the guideline") for label in community)
