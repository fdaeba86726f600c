"""The gap pages: who sees which unit, the self-assessment form and its review, exports, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import Unit
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from maturity.models import SELF_ASSESSED, Requirement, SelfAssessment
from tests.gap_factories import unit_at
from tests.hostile_inputs import DANGEROUS_MARKUP, HOSTILE_INPUTS

pytestmark = pytest.mark.usefixtures("pages_in_english")


@pytest.fixture
def department(demo) -> Unit:
    return Unit.objects.get(name=PERSONA_DEPARTMENT)


@pytest.fixture
def requirement() -> Requirement:
    """A line the department answers itself (level 2's "all departments: ready to give input to the dialogue")."""
    return (
        Requirement.objects.filter(evidence_source=SELF_ASSESSED, cell__level__number=2)
        .exclude(scope=Requirement.Scope.HOSPITAL)
        .order_by("pk")
        .first()
    )


def _answer_url(unit, requirement):
    return reverse("gaps:answer", kwargs={"unit_id": unit.pk, "requirement_id": requirement.pk})


def test_manager_sees_the_report_of_their_unit_with_missing_pieces_and_links(client_as, department):
    html = client_as("manager").get(reverse("gaps:unit", args=[department.pk])).content.decode()
    assert "Maturity gaps: Hjertemedicinsk afdeling" in html
    assert "Target level" in html and "Assessed level" in html
    assert "Not evidenced" in html and "Open the self-assessment" in html
    assert "Roles staffed to the minimum head-count" in html


def test_level_parameter_picks_the_level_and_ignores_nonsense(client_as, department):
    client = client_as("manager")
    assert (
        'aria-current="page">Level 2<'
        in client.get(reverse("gaps:unit", args=[department.pk]) + "?level=2").content.decode()
    )
    html = client.get(reverse("gaps:unit", args=[department.pk]) + "?level=99';--").content.decode()
    assert 'aria-current="page">Level 4<' in html  # the target level


def test_people_of_another_department_get_404(client_as, demo):
    other = Unit.objects.get(name="Akutafdelingen")
    for username in ("manager", "producer", "flowmanager"):
        client = client_as(username)
        assert client.get(reverse("gaps:unit", args=[other.pk])).status_code == 404
        assert client.get(reverse("gaps:unit_csv", args=[other.pk])).status_code == 404


def test_overview_shows_a_manager_only_their_own_unit_and_the_lead_all(client_as, demo):
    manager_html = client_as("manager").get(reverse("gaps:hospital")).content.decode()
    assert PERSONA_DEPARTMENT in manager_html and "Akutafdelingen" not in manager_html
    lead_html = client_as("lead").get(reverse("gaps:hospital")).content.decode()
    assert "Akutafdelingen" in lead_html and "Kommunikationsafdelingen" in lead_html
    assert "<caption>" in lead_html and 'scope="col"' in lead_html
    assert "✓" in lead_html or "✗" in lead_html or "?" in lead_html


def test_overview_sorts_by_a_dimension_column(client_as, demo):
    client = client_as("lead")
    html = client.get(reverse("gaps:hospital") + "?sort=resources").content.decode()
    assert 'aria-sort="ascending"><a href="?hospital=' in html
    assert client.get(reverse("gaps:hospital") + "?sort=<script>").status_code == 200


def test_manager_answers_and_the_lead_accepts(client_as, department, requirement):
    response = client_as("manager").post(
        _answer_url(department, requirement), {"answer": "met", "evidence": "Vi holder møder hver uge."}
    )
    assert response.status_code == 302
    assessment = SelfAssessment.objects.get(unit=department, requirement=requirement)
    assert assessment.review == SelfAssessment.Review.PENDING
    lead = client_as("lead")
    assert "Review the answer" in lead.get(_answer_url(department, requirement)).content.decode()
    review_url = reverse("gaps:review", kwargs={"unit_id": department.pk, "requirement_id": requirement.pk})
    assert lead.post(review_url, {"decision": "accept", "comment": ""}).status_code == 302
    assessment.refresh_from_db()
    assert assessment.review == SelfAssessment.Review.ACCEPTED


def test_rejection_without_a_comment_keeps_the_form(client_as, department, requirement, people):
    client_as("manager").post(_answer_url(department, requirement), {"answer": "met", "evidence": "Ja"})
    review_url = reverse("gaps:review", kwargs={"unit_id": department.pk, "requirement_id": requirement.pk})
    response = client_as("lead").post(review_url, {"decision": "reject", "comment": ""})
    assert response.status_code == 400
    assert "Say why the self-assessment is not accepted." in response.content.decode()


def test_producer_may_not_answer(client_as, department, requirement):
    response = client_as("producer").post(_answer_url(department, requirement), {"answer": "met", "evidence": "x"})
    assert response.status_code == 403
    assert not SelfAssessment.objects.exists()


def test_a_requirement_shown_by_data_has_no_self_assessment_page(client_as, department):
    data_line = Requirement.objects.exclude(evidence_source=SELF_ASSESSED).first()
    assert client_as("manager").get(_answer_url(department, data_line)).status_code == 404


@pytest.mark.parametrize("value", HOSTILE_INPUTS.values(), ids=HOSTILE_INPUTS.keys())
def test_hostile_evidence_is_refused_or_stored_and_escaped(client_as, department, requirement, value):
    client = client_as("manager")
    response = client.post(_answer_url(department, requirement), {"answer": "met", "evidence": value})
    assert response.status_code in {302, 400}
    if response.status_code == 302:
        response = client.get(_answer_url(department, requirement))
    html = response.content.decode()
    for markup in DANGEROUS_MARKUP:
        assert markup not in html


def test_invalid_answer_keeps_the_typed_evidence(client_as, department, requirement):
    response = client_as("manager").post(
        _answer_url(department, requirement), {"answer": "maybe", "evidence": "Mit svar"}
    )
    assert response.status_code == 400
    assert "Mit svar" in response.content.decode()


def test_csv_exports(client_as, department):
    client = client_as("lead")
    unit_csv = client.get(reverse("gaps:unit_csv", args=[department.pk])).content.decode("utf-8-sig")
    assert unit_csv.splitlines()[0].startswith("Dimension,Requirement,Status")
    assert "Roles staffed to the minimum head-count" in unit_csv
    overview_csv = client.get(reverse("gaps:hospital_csv")).content.decode("utf-8-sig")
    assert PERSONA_DEPARTMENT in overview_csv and overview_csv.startswith("Unit,Assessed level")


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_overview_queries_do_not_grow_with_the_departments(client_as, demo):
    client = client_as("lead")
    url = reverse("gaps:hospital")
    for number in range(5):
        unit_at(hospital=demo, name=f"Afdeling {number}", current=2, target=3)
    with_few = _queries(client, url)
    for number in range(5, 60):
        unit_at(hospital=demo, name=f"Afdeling {number}", current=2, target=4)
    assert _queries(client, url) == with_few


def test_unit_report_queries_are_fixed(client_as, department, people, requirement):
    client = client_as("manager")
    url = reverse("gaps:unit", args=[department.pk])
    before = _queries(client, url)
    client.post(_answer_url(department, requirement), {"answer": "met", "evidence": "x"})
    assert _queries(client, url) == before


def test_overview_shows_the_trend_since_last_quarter(client_as, department):
    from django.utils import timezone

    from governance.audit import save_as
    from maturity.gaps.selectors import _quarter_ago
    from maturity.models import GapSnapshot

    month = _quarter_ago(timezone.localdate())
    save_as(GapSnapshot(unit=department, month=month, assessed_level=1, report_level=4, taken_at=timezone.now()), None)
    html = client_as("manager").get(reverse("gaps:hospital")).content.decode()
    assert "down" in html  # the demo department now assesses below level 1
    assert month.strftime("%Y") in html
