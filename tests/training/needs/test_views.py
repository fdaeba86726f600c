"""The training needs pages: my training, a unit's training gap, the hospital overview; rights and query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.models import Unit
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from tests.training_factories import completion_make, course, member_make, unit_at_levels

pytestmark = pytest.mark.django_db


def heart(demo) -> Unit:
    return Unit.objects.get(name=PERSONA_DEPARTMENT)


def test_my_training_lists_what_the_producer_must_take_and_has(demo, people, client_as, pages_in_english):
    today = timezone.localdate()
    completion_make(
        user=people["producer"],
        course=course("ambassador"),
        completed_on=today,
        expires_on=today + datetime.timedelta(days=20),
    )
    page = client_as("producer").get(reverse("training_needs:mine")).content.decode()
    assert "Required now" in page
    assert "Content on social media" in page
    assert "Expires soon" in page
    assert "Trained" in page
    assert "target level" not in page  # the target level 4 adds no course for producers
    assert "Recommended if you are interested" in page
    assert "Ambassador for the hospital on social media" in page


def test_my_training_links_managers_to_their_units_gap_and_the_communication_unit_to_the_overview(
    demo, client_as, pages_in_english
):
    gap_url = reverse("training_needs:unit", kwargs={"unit_id": heart(demo).pk})
    overview_url = reverse("training_needs:hospital")
    manager_page = client_as("manager").get(reverse("training_needs:mine")).content.decode()
    assert gap_url in manager_page and overview_url not in manager_page
    producer_page = client_as("producer").get(reverse("training_needs:mine")).content.decode()
    assert gap_url not in producer_page and overview_url not in producer_page
    assert overview_url in client_as("lead").get(reverse("training_needs:mine")).content.decode()


def test_the_unit_gap_is_for_the_manager_the_flowmanager_and_the_communication_unit(demo, client_as, pages_in_english):
    url = reverse("training_needs:unit", kwargs={"unit_id": heart(demo).pk})
    for username in ("manager", "flowmanager", "lead", "community"):
        response = client_as(username).get(url)
        assert response.status_code == 200, username
    page = response.content.decode()
    assert "<caption" in page and 'scope="col"' in page and 'scope="row"' in page
    assert "Pernille Dahl" in page and "Missing" in page
    assert client_as("producer").get(url).status_code == 403


def test_the_gap_of_another_department_or_hospital_is_not_found(demo, client_as):
    other = Unit.objects.get(name="Akutafdelingen")
    foreign = unit_at_levels(current=3, target=3)
    for unit in (other, foreign):
        url = reverse("training_needs:unit", kwargs={"unit_id": unit.pk})
        assert client_as("manager").get(url).status_code == 404
    foreign_url = reverse("training_needs:unit", kwargs={"unit_id": foreign.pk})
    assert client_as("lead").get(foreign_url).status_code == 404


def test_the_hospital_overview_is_for_the_communication_unit(demo, people, client_as, pages_in_english):
    completion_make(user=people["producer"], course=course("content"), completed_on=timezone.localdate())
    response = client_as("lead").get(reverse("training_needs:hospital"))
    page = response.content.decode()
    assert PERSONA_DEPARTMENT in page
    assert "100 % (1 of 1)" in page  # the heart department's one producer has taken "content"
    for username in ("producer", "flowmanager", "manager"):
        assert client_as(username).get(reverse("training_needs:hospital")).status_code == 403


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_trained_producers(unit: Unit, count: int) -> None:
    for _ in range(count):
        producer = member_make(unit=unit, role_code="producer")
        completion_make(user=producer, course=course("content"), completed_on=timezone.localdate())


UNIT_PAGE_QUERIES = 11
HOSPITAL_PAGE_QUERIES = 12
MINE_PAGE_QUERIES = 10


def test_the_unit_gap_page_runs_a_fixed_number_of_queries(demo, client_as):
    unit = heart(demo)
    client = client_as("manager")
    url = reverse("training_needs:unit", kwargs={"unit_id": unit.pk})
    add_trained_producers(unit, 3)
    few = queries_for(client, url)
    add_trained_producers(unit, 27)
    assert (few, queries_for(client, url)) == (UNIT_PAGE_QUERIES, UNIT_PAGE_QUERIES)


def test_the_hospital_overview_runs_a_fixed_number_of_queries(demo, client_as):
    client = client_as("lead")
    url = reverse("training_needs:hospital")
    add_trained_producers(heart(demo), 3)
    few = queries_for(client, url)
    for unit in Unit.objects.filter(kind=Unit.Kind.DEPARTMENT):
        add_trained_producers(unit, 5)
    assert (few, queries_for(client, url)) == (HOSPITAL_PAGE_QUERIES, HOSPITAL_PAGE_QUERIES)


def test_my_training_runs_a_fixed_number_of_queries(demo, people, client_as):
    client = client_as("producer")
    url = reverse("training_needs:mine")
    few = queries_for(client, url)
    for code in ("intro", "content", "ambassador"):
        for _ in range(3):
            completion_make(user=people["producer"], course=course(code), completed_on=timezone.localdate())
    assert (few, queries_for(client, url)) == (MINE_PAGE_QUERIES, MINE_PAGE_QUERIES)
