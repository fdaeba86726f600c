"""The training pages: the catalogue, sessions, places, attendance, completions and the posting-course setting."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import Unit
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from tests.factories import HospitalFactory, UnitFactory
from tests.hostile_inputs import DANGEROUS_MARKUP, HOSTILE_INPUTS
from tests.training_session_factories import person_make, session_make
from training.models import Completion, Course, CourseSession, Enrolment, PostingCourseRequirement
from training.services import enrolment_cancel, enrolment_create


@pytest.fixture
def nearly_full(demo):
    return CourseSession.objects.get(hospital=demo, course__code="content")


@pytest.fixture
def foreign_session(demo):
    hospital = HospitalFactory()
    communication = UnitFactory(hospital=hospital, kind=Unit.Kind.COMMUNICATION)
    lead = person_make(unit=communication, role_code="strategist")
    return session_make(hospital=hospital, teacher=lead, organiser=lead)


def _session_data(course: Course, teacher, **overrides) -> dict:
    starts_at = timezone.localtime() + timedelta(days=10)
    return {
        "course": course.pk,
        "starts_at": starts_at.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts_at + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "place": "Auditorium",
        "online_url": "",
        "capacity": "10",
        "teacher": teacher.pk,
        **overrides,
    }


def test_the_catalogue_lists_courses_by_level_with_their_audience(client_as, pages_in_english):
    page = client_as("producer").get(reverse("training:catalogue")).content.decode()
    assert "Required from level 2" in page and "Required from level 5" in page
    assert "Content on social media" in page and "Social media producers in departments" in page
    assert "24 months" in page and "Never expires" in page


def test_the_session_list_shows_seats_left_and_the_waiting_count(client_as, pages_in_english, nearly_full, people):
    enrolment = enrolment_create(session=nearly_full, person=people["lead"], acting_user=people["lead"])
    page = client_as("producer").get(reverse("training:session_list")).content.decode()
    assert "Full" in page and "Content on social media" in page
    enrolment_cancel(enrolment=enrolment, acting_user=people["lead"])
    page = client_as("producer").get(reverse("training:session_list")).content.decode()
    assert "Full" not in page


def test_a_producer_enrols_and_cancels_and_the_waiting_person_moves_up(
    client_as, pages_in_english, nearly_full, people
):
    client = client_as("producer")
    url = reverse("training:session_enrol", args=[nearly_full.pk])
    page = client.post(url, follow=True).content.decode()
    assert "Pernille Dahl has a seat." in page
    client.force_login(people["lead"])
    assert "waiting list" in client.post(url, follow=True).content.decode()

    client.force_login(people["producer"])
    mine = Enrolment.objects.get(session=nearly_full, user=people["producer"])
    client.post(reverse("training:place_cancel", args=[nearly_full.pk, mine.pk]))

    assert Enrolment.objects.get(session=nearly_full, user=people["lead"]).status == Enrolment.Status.ENROLLED
    assert Enrolment.objects.get(pk=mine.pk).status == Enrolment.Status.CANCELLED


def test_someone_elses_place_cannot_be_cancelled(client_as, pages_in_english, nearly_full, people):
    theirs = Enrolment.objects.get(session=nearly_full, user=people["flowmanager"])
    page = client_as("producer").post(reverse("training:place_cancel", args=[nearly_full.pk, theirs.pk]), follow=True)
    assert "You may not cancel this place." in page.content.decode()
    assert Enrolment.objects.get(pk=theirs.pk).status == Enrolment.Status.ENROLLED


def test_a_manager_enrols_a_person_of_the_unit_and_not_a_stranger(
    client_as, pages_in_english, demo, nearly_full, people
):
    client = client_as("manager")
    url = reverse("training:session_enrol", args=[nearly_full.pk])
    client.post(url, {"person": people["producer"].pk})
    assert Enrolment.objects.get(session=nearly_full, user=people["producer"]).enrolled_by == people["manager"]
    response = client.post(url, {"person": people["community"].pk})
    assert response.status_code == 400
    assert not Enrolment.objects.filter(session=nearly_full, user=people["community"]).exists()


def test_the_participant_list_is_for_the_teacher_and_the_communication_unit(client_as, pages_in_english, nearly_full):
    url = reverse("training:session_detail", args=[nearly_full.pk])
    assert "Participants" in client_as("community").get(url).content.decode()
    assert "Participants" in client_as("lead").get(url).content.decode()
    assert "Participants" not in client_as("producer").get(url).content.decode()


def test_another_hospitals_session_is_not_found(client_as, foreign_session):
    client = client_as("producer")
    for name in ("session_detail", "session_edit", "session_enrol", "session_cancel", "attendance"):
        method = client.get if name in ("session_detail", "session_edit", "attendance") else client.post
        assert method(reverse(f"training:{name}", args=[foreign_session.pk])).status_code == 404


def test_the_teacher_records_attendance_once_then_the_page_is_locked(client_as, pages_in_english, demo, people):
    session = session_make(
        hospital=demo,
        teacher=people["community"],
        organiser=people["lead"],
        starts_at=timezone.now() - timedelta(minutes=30),
    )
    for person in (people["producer"], people["flowmanager"]):
        enrolment_create(session=session, person=person, acting_user=person)
    url = reverse("training:attendance", args=[session.pk])
    assert client_as("producer").get(url).status_code == 403
    client = client_as("community")
    assert 'type="checkbox"' in client.get(url).content.decode()

    client.post(url, {"attended": [str(people["producer"].pk)]})

    completion = Completion.objects.get(session=session)
    assert completion.user == people["producer"] and completion.expires_on is not None
    page = client.get(url).content.decode()
    assert "can no longer be changed" in page and 'type="checkbox"' not in page
    assert client.post(url, {"attended": [str(people["flowmanager"].pk)]}).status_code == 400
    assert not Completion.objects.filter(session=session, user=people["flowmanager"]).exists()


def test_planning_a_session_keeps_the_input_on_errors(client_as, pages_in_english, people):
    client = client_as("lead")
    content = Course.objects.get(code="content")
    data = _session_data(content, people["community"], place="Lokale 7", ends_at="2020-01-01T10:00")
    response = client.post(reverse("training:session_new"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "A session ends after it starts." in page and 'value="Lokale 7"' in page
    response = client.post(reverse("training:session_new"), _session_data(content, people["community"]))
    assert response.status_code == 302
    assert client_as("producer").post(reverse("training:session_new"), data).status_code == 403


@pytest.mark.parametrize("name", sorted(HOSTILE_INPUTS))
def test_hostile_input_in_a_session_place_and_evidence(client_as, people, name):
    value = HOSTILE_INPUTS[name]
    client = client_as("lead")
    content = Course.objects.get(code="content")
    response = client.post(reverse("training:session_new"), _session_data(content, people["community"], place=value))
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        page = client.get(response["Location"]).content.decode()
        assert not any(markup in page for markup in DANGEROUS_MARKUP)
    response = client.post(
        reverse("training:completion_record"),
        {
            "person": people["producer"].pk,
            "course": content.pk,
            "completed_on": timezone.localdate().isoformat(),
            "evidence": value,
        },
    )
    assert response.status_code in (302, 400)
    assert not any(markup in response.content.decode() for markup in DANGEROUS_MARKUP)


def test_an_external_completion_is_recorded_by_a_manager_and_listed_for_the_person(client_as, pages_in_english, people):
    client = client_as("manager")
    response = client.post(
        reverse("training:completion_record"),
        {
            "person": people["producer"].pk,
            "course": Course.objects.get(code="ambassador").pk,
            "completed_on": timezone.localdate().isoformat(),
            "evidence": "Kursusbevis 9",
        },
    )
    assert response.status_code == 302
    page = client_as("producer").get(reverse("training:my_completions")).content.decode()
    assert "Ambassador for the hospital on social media" in page
    assert client_as("producer").get(reverse("training:completion_record")).status_code == 403


def test_the_lead_sets_the_courses_required_before_posting(client_as, pages_in_english, demo):
    producer_role = PostingCourseRequirement.objects.get(hospital=demo).role
    ambassador = Course.objects.get(code="ambassador")
    url = reverse("training:posting_courses")
    assert "Content on social media" in client_as("producer").get(url).content.decode()
    assert client_as("community").post(url, {"role": producer_role.pk}).status_code == 403
    client_as("lead").post(url, {"role": producer_role.pk, "courses": [ambassador.pk], "hospital": demo.pk})
    assert list(PostingCourseRequirement.objects.filter(hospital=demo).values_list("course__code", flat=True)) == [
        "ambassador"
    ]


def test_the_catalogue_is_edited_by_reviewers_only_and_keeps_input_on_errors(client_as, pages_in_english):
    course = Course.objects.get(code="content")
    url = reverse("training:course_edit", args=[course.code])
    assert client_as("producer").get(url).status_code == 403
    data = {"name_da": "Indhold", "name_en": "Content", "audience": "bogus", "validity_months": "12"}
    response = client_as("community").post(url, data)
    assert response.status_code == 400 and 'value="Indhold"' in response.content.decode()
    response = client_as("community").post(url, {**data, "audience": "department_producers"})
    assert response.status_code == 302
    course.refresh_from_db()
    assert (course.name_da, course.validity_months) == ("Indhold", 12)


def _more_sessions(demo, people, count: int) -> None:
    department = Unit.objects.get(hospital=demo, name=PERSONA_DEPARTMENT)
    for _index in range(count):
        session = session_make(hospital=demo, teacher=people["community"], organiser=people["lead"], capacity=1)
        for person in (person_make(unit=department), person_make(unit=department)):
            enrolment_create(session=session, person=person, acting_user=person)


@pytest.mark.parametrize(
    ("name", "args", "queries"),
    [("catalogue", [], 8), ("session_list", [], 7), ("session_detail", ["session"], 7)],
)
def test_pages_render_with_a_fixed_number_of_queries(
    client_as, demo, people, nearly_full, django_assert_num_queries, name, args, queries
):
    client = client_as("community")
    url = reverse(f"training:{name}", args=[nearly_full.pk for _arg in args])
    client.get(url)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    _more_sessions(demo, people, 3)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_the_communication_unit_edits_a_session_and_more_seats_move_the_waiting_list_up(
    client_as, pages_in_english, nearly_full, people
):
    enrolment_create(session=nearly_full, person=people["producer"], acting_user=people["producer"])
    waiting = enrolment_create(session=nearly_full, person=people["lead"], acting_user=people["lead"])
    assert waiting.status == Enrolment.Status.WAITING
    url = reverse("training:session_edit", args=[nearly_full.pk])
    assert client_as("producer").get(url).status_code == 403
    client = client_as("community")
    assert 'value="Mødelokale 2, Hjertemedicinsk afdeling"' in client.get(url).content.decode()
    data = _session_data(nearly_full.course, people["community"], capacity="4", place="Mødelokale 3")
    response = client.post(url, {**data, "capacity": "2"})
    assert response.status_code == 400 and "at least as many seats" in response.content.decode()
    assert client.post(url, data).status_code == 302
    assert Enrolment.objects.get(pk=waiting.pk).status == Enrolment.Status.ENROLLED
