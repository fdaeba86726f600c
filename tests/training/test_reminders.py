"""Training reminders: before a session, a required course missing for 30 days, before expiry; each sent once."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from governance.models import Hospital
from maturity.models import Level
from maturity.services import unit_maturity_set
from tests.factories import HospitalFactory
from tests.training_factories import (
    completion_make,
    course,
    enrolment_make,
    member_make,
    session_make,
    unit_at_levels,
)
from training.models import Enrolment, TrainingReminder
from training.reminders import training_reminders_send
from training.tasks import send_training_reminders

NOW = timezone.now()
TODAY = timezone.localdate(NOW)


def send(hospital, *, now=NOW) -> int:
    return training_reminders_send(hospital_id=hospital.pk, now=now)


@pytest.fixture
def send_after_commit(django_capture_on_commit_callbacks):
    """Runs the reminders and the mails queued for after their commit."""

    def run(hospital, *, now=NOW) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return send(hospital, now=now)

    return run


@pytest.mark.django_db
def test_enrolled_people_are_reminded_once_two_days_before_a_session(send_after_commit):
    department = unit_at_levels(current=1, target=1)
    producer = member_make(unit=department, role_code="producer")
    waiting = member_make(unit=department, role_code="producer")
    later = member_make(unit=department, role_code="producer")
    teacher = member_make(unit=department, role_code="manager")
    soon = session_make(
        course=course("content"),
        hospital=department.hospital,
        starts_at=NOW + datetime.timedelta(days=2),
        teacher=teacher,
    )
    enrolment_make(session=soon, user=producer)
    enrolment_make(session=soon, user=waiting, status=Enrolment.Status.WAITING)
    far = session_make(
        course=course("content"),
        hospital=department.hospital,
        starts_at=NOW + datetime.timedelta(days=3),
        teacher=teacher,
    )
    enrolment_make(session=far, user=later)

    assert send_after_commit(department.hospital) == 1
    assert send_after_commit(department.hospital) == 0
    (message,) = mail.outbox
    assert message.to == [producer.email]
    assert "Indhold på sociale medier" in message.subject  # the Danish hospital's language
    assert "/training/needs/mine/" in message.body


@pytest.mark.django_db
def test_norwegian_hospitals_get_norwegian_mails(send_after_commit):
    department = unit_at_levels(hospital=HospitalFactory(country=Hospital.Country.NORWAY), current=1, target=1)
    producer = member_make(unit=department, role_code="producer")
    session = session_make(
        course=course("content"),
        hospital=department.hospital,
        starts_at=NOW + datetime.timedelta(days=1),
        teacher=producer,
    )
    enrolment_make(session=session, user=producer)
    send_after_commit(department.hospital)
    (message,) = mail.outbox
    assert TrainingReminder.objects.get().kind == TrainingReminder.Kind.SESSION_SOON
    assert message.to == [producer.email]


@pytest.mark.django_db
def test_a_required_course_missing_for_30_days_is_reminded_once(send_after_commit):
    department = unit_at_levels(current=2, target=2)
    producer = member_make(unit=department, role_code="producer")
    member_make(unit=department, role_code="manager")  # both courses
    trained = member_make(unit=department, role_code="producer")
    completion_make(user=trained, course=course("intro"), completed_on=TODAY)

    assert send_after_commit(department.hospital, now=NOW + datetime.timedelta(days=29)) == 0
    assert send_after_commit(department.hospital, now=NOW + datetime.timedelta(days=30)) == 3
    assert send_after_commit(department.hospital, now=NOW + datetime.timedelta(days=31)) == 0
    assert len(mail.outbox) == 3
    keys = set(TrainingReminder.objects.filter(user=producer).values_list("kind", "subject_key"))
    assert keys == {("course_missing", f"course:{course('intro').pk}:{TODAY.isoformat()}")}


@pytest.mark.django_db
def test_the_clock_starts_when_the_level_makes_the_course_required(send_after_commit):
    department = unit_at_levels(current=2, target=3)
    producer = member_make(unit=department, role_code="producer")
    completion_make(user=producer, course=course("intro"), completed_on=TODAY)
    assert send_after_commit(department.hospital, now=NOW + datetime.timedelta(days=40)) == 0  # content: target only
    unit_maturity_set(
        unit=department,
        current_level=Level.objects.get(number=3),
        target_level=Level.objects.get(number=3),
        acting_user=None,
    )
    assert send_after_commit(department.hospital, now=NOW + datetime.timedelta(days=40)) == 1
    assert TrainingReminder.objects.get().subject_key == f"course:{course('content').pk}:{TODAY.isoformat()}"


@pytest.mark.django_db
def test_expiry_is_reminded_60_and_14_days_before(send_after_commit):
    department = unit_at_levels(current=2, target=2)
    producer = member_make(unit=department, role_code="producer")
    expires_on = TODAY + datetime.timedelta(days=70)
    completion = completion_make(user=producer, course=course("intro"), completed_on=TODAY, expires_on=expires_on)
    for days_later, sent in [(0, 0), (10, 1), (55, 0), (56, 1), (60, 0)]:
        assert send_after_commit(department.hospital, now=NOW + datetime.timedelta(days=days_later)) == sent
    assert set(TrainingReminder.objects.values_list("subject_key", flat=True)) == {
        f"expiry:{completion.pk}:60",
        f"expiry:{completion.pk}:14",
    }
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_people_without_email_are_not_reminded(send_after_commit):
    department = unit_at_levels(current=2, target=2)
    producer = member_make(unit=department, role_code="producer")
    producer.email = ""
    producer.save()
    assert send_after_commit(department.hospital, now=NOW + datetime.timedelta(days=40)) == 0
    assert not TrainingReminder.objects.exists()


@pytest.mark.django_db
def test_the_task_takes_the_hospital_id(send_after_commit, django_capture_on_commit_callbacks):
    department = unit_at_levels(current=1, target=1)
    producer = member_make(unit=department, role_code="producer")
    session = session_make(
        course=course("content"),
        hospital=department.hospital,
        starts_at=NOW + datetime.timedelta(hours=5),
        teacher=producer,
    )
    enrolment_make(session=session, user=producer)
    with django_capture_on_commit_callbacks(execute=True):
        send_training_reminders.apply(kwargs={"hospital_id": department.hospital.pk})
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_send_one_mail():
    department = unit_at_levels(current=1, target=1)
    producer = member_make(unit=department, role_code="producer")
    session = session_make(
        course=course("content"),
        hospital=department.hospital,
        starts_at=NOW + datetime.timedelta(days=1),
        teacher=producer,
    )
    enrolment_make(session=session, user=producer)
    start = threading.Barrier(2)
    counts: list[int] = []

    def worker() -> None:
        start.wait()
        try:
            counts.append(send(department.hospital))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(counts) == [0, 1]
    assert len(mail.outbox) == 1
    assert TrainingReminder.objects.count() == 1
