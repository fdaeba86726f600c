"""Sessions, places, the waiting list, attendance and completions, through the services."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from governance.models import Unit
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from tests.factories import HospitalFactory, UnitFactory
from tests.training_session_factories import person_make, session_make
from training.exceptions import TrainingError
from training.models import Completion, Course, Enrolment
from training.services import (
    completion_record_external,
    course_update,
    enrolment_cancel,
    enrolment_create,
    session_attendance_record,
    session_cancel,
    session_update,
)
from training.services.completions import add_months


@pytest.fixture
def department(demo):
    return Unit.objects.get(hospital=demo, name=PERSONA_DEPARTMENT)


@pytest.fixture
def session(demo, people):
    return session_make(hospital=demo, teacher=people["community"], organiser=people["lead"], capacity=1)


def _statuses(session) -> dict[str, str]:
    return {enrolment.user.username: enrolment.status for enrolment in session.enrolments.select_related("user")}


def test_seat_then_waiting_list_then_move_up_on_cancel(session, department, people):
    other = person_make(unit=department, username="other")
    first = enrolment_create(session=session, person=people["producer"], acting_user=people["producer"])
    second = enrolment_create(session=session, person=other, acting_user=other)
    assert (first.status, second.status) == (Enrolment.Status.ENROLLED, Enrolment.Status.WAITING)

    enrolment_cancel(enrolment=first, acting_user=people["producer"])

    assert _statuses(session) == {"producer": Enrolment.Status.CANCELLED, "other": Enrolment.Status.ENROLLED}
    again = enrolment_create(session=session, person=people["producer"], acting_user=people["producer"])
    assert again.pk == first.pk and again.status == Enrolment.Status.WAITING


def test_the_waiting_list_moves_up_in_the_order_people_signed_up(session, department, people):
    now = timezone.now()
    seated = enrolment_create(session=session, person=people["producer"], acting_user=people["producer"], now=now)
    later, earlier = person_make(unit=department), person_make(unit=department)
    enrolment_create(session=session, person=later, acting_user=later, now=now + timedelta(minutes=2))
    enrolment_create(session=session, person=earlier, acting_user=earlier, now=now + timedelta(minutes=1))
    enrolment_cancel(enrolment=seated, acting_user=people["producer"])
    assert Enrolment.objects.get(user=earlier).status == Enrolment.Status.ENROLLED
    assert Enrolment.objects.get(user=later).status == Enrolment.Status.WAITING


def test_more_seats_move_the_waiting_list_up_and_fewer_than_taken_are_refused(session, department, people):
    other = person_make(unit=department)
    enrolment_create(session=session, person=people["producer"], acting_user=people["producer"])
    enrolment_create(session=session, person=other, acting_user=other)
    data = {field: getattr(session, field) for field in ("course", "starts_at", "ends_at", "place", "online_url")}
    session_update(
        session=session, data={**data, "capacity": 2, "teacher": session.teacher}, acting_user=people["lead"]
    )
    assert Enrolment.objects.get(user=other).status == Enrolment.Status.ENROLLED
    with pytest.raises(TrainingError, match="at least as many seats"):
        session_update(
            session=session, data={**data, "capacity": 1, "teacher": session.teacher}, acting_user=people["lead"]
        )


def test_a_manager_enrols_people_of_their_unit_only(demo, session, people):
    enrolment = enrolment_create(session=session, person=people["producer"], acting_user=people["manager"])
    assert enrolment.enrolled_by == people["manager"]
    stranger = person_make(unit=UnitFactory(hospital=demo))
    with pytest.raises(TrainingError, match="only people of their own unit"):
        enrolment_create(session=session, person=stranger, acting_user=people["manager"])
    with pytest.raises(TrainingError, match="only people of their own unit"):
        enrolment_create(session=session, person=people["flowmanager"], acting_user=people["producer"])


def test_people_of_another_hospital_cannot_enrol(session):
    outsider = person_make(unit=UnitFactory(hospital=HospitalFactory()))
    with pytest.raises(TrainingError, match="your own hospital"):
        enrolment_create(session=session, person=outsider, acting_user=outsider)


def test_only_the_communication_unit_runs_sessions(demo, people):
    with pytest.raises(TrainingError, match="Only the communication unit"):
        session_make(hospital=demo, teacher=people["community"], organiser=people["manager"])
    outsider = person_make(unit=UnitFactory(hospital=HospitalFactory()))
    with pytest.raises(TrainingError, match="must work at the hospital"):
        session_make(hospital=demo, teacher=outsider, organiser=people["lead"])


def test_a_cancelled_session_takes_no_places_and_cancels_those_it_had(session, people):
    enrolment_create(session=session, person=people["producer"], acting_user=people["producer"])
    with pytest.raises(TrainingError):
        session_cancel(session=session, acting_user=people["producer"])
    session_cancel(session=session, acting_user=people["community"])
    assert _statuses(session) == {"producer": Enrolment.Status.CANCELLED}
    with pytest.raises(TrainingError, match="cancelled"):
        enrolment_create(session=session, person=people["flowmanager"], acting_user=people["flowmanager"])


def test_the_teacher_records_attendance_once_and_attendees_complete_with_expiry(session, department, people):
    absent = person_make(unit=department, username="absent")
    session_update(
        session=session,
        data={
            **{field: getattr(session, field) for field in ("course", "place", "online_url", "teacher")},
            "starts_at": session.starts_at,
            "ends_at": session.ends_at,
            "capacity": 2,
        },
        acting_user=people["lead"],
    )
    enrolment_create(session=session, person=people["producer"], acting_user=people["producer"])
    enrolment_create(session=session, person=absent, acting_user=absent)
    after_start = session.starts_at + timedelta(hours=1)
    with pytest.raises(TrainingError, match="teacher"):
        session_attendance_record(session=session, attended_user_ids=[], acting_user=people["lead"], now=after_start)
    with pytest.raises(TrainingError, match="has started"):
        session_attendance_record(session=session, attended_user_ids=[], acting_user=people["community"])

    session_attendance_record(
        session=session, attended_user_ids=[people["producer"].pk], acting_user=people["community"], now=after_start
    )

    completion = Completion.objects.get(session=session)
    started_on = timezone.localdate(session.starts_at)
    assert (completion.user, completion.course.code, completion.source) == (people["producer"], "content", "session")
    assert completion.completed_on == started_on
    assert completion.expires_on == add_months(started_on, 24)
    assert _statuses(session) == {"producer": Enrolment.Status.ATTENDED, "absent": Enrolment.Status.ABSENT}
    with pytest.raises(TrainingError, match="already"):
        session_attendance_record(
            session=session, attended_user_ids=[people["producer"].pk], acting_user=people["community"], now=after_start
        )


def test_only_seated_participants_can_be_marked_attending(session, people):
    with pytest.raises(TrainingError, match="Only participants with a seat"):
        session_attendance_record(
            session=session,
            attended_user_ids=[people["flowmanager"].pk],
            acting_user=people["community"],
            now=session.starts_at + timedelta(minutes=5),
        )


def test_months_end_on_the_last_day_of_a_shorter_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 24) == date(2028, 11, 15)


@pytest.mark.django_db
def test_every_scale_course_has_a_description_and_the_introduction_never_expires():
    assert Course.objects.get(code="intro").validity_months is None
    assert Course.objects.get(code="content").validity_months == 24
    assert Course.objects.exclude(description_da="").exclude(description_en="").count() == 8


def test_an_external_completion_by_the_manager_or_the_communication_unit(demo, people):
    content = Course.objects.get(code="content")
    today = date(2026, 3, 1)
    completion = completion_record_external(
        person=people["producer"],
        course=content,
        completed_on=date(2026, 2, 1),
        evidence="  E-læringsbevis nr. 42  ",
        acting_user=people["manager"],
        today=today,
    )
    assert (completion.source, completion.evidence, completion.expires_on) == (
        "external",
        "E-læringsbevis nr. 42",
        date(2028, 2, 1),
    )
    completion_record_external(
        person=people["producer"],
        course=content,
        completed_on=today,
        evidence="x",
        acting_user=people["community"],
        today=today,
    )
    for acting, evidence, completed_on, message in [
        (people["flowmanager"], "bevis", today, "manager or the communication unit"),
        (people["producer"], "bevis", today, "manager or the communication unit"),
        (people["manager"], "   ", today, "what shows"),
        (people["manager"], "bevis", today + timedelta(days=1), "future"),
    ]:
        with pytest.raises(TrainingError, match=message):
            completion_record_external(
                person=people["producer"],
                course=content,
                completed_on=completed_on,
                evidence=evidence,
                acting_user=acting,
                today=today,
            )


def test_only_reviewers_and_administrators_edit_the_catalogue(demo, people):
    course = Course.objects.get(code="content")
    with pytest.raises(TrainingError):
        course_update(course=course, data={"validity_months": 12}, acting_user=people["producer"])
    course_update(course=course, data={"validity_months": 12}, acting_user=people["community"])
    course.refresh_from_db()
    assert course.validity_months == 12
    assert course.history.first().history_user == people["community"]
