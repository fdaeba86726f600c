"""Training as a condition for posting rights: a role the hospital requires a course of posts only with a current
completion of it; completion grants through the signal, expiry is revoked by the next (nightly) sync."""

from datetime import timedelta

import pytest
from django.utils import timezone

from channels_plan.models import Channel, ChannelUserObjectPermission
from channels_plan.rights.overview import posting_rights_overview
from channels_plan.rights.policy import POST, department_permissions, posting_rights_sync
from channels_plan.tasks import reconcile_posting_rights
from governance.models import Role, Unit
from governance.permissions import actor_for
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from tests.training_session_factories import person_make, session_make
from training.exceptions import TrainingError
from training.models import Completion, Course, PostingCourseRequirement
from training.services import (
    completion_record_external,
    enrolment_create,
    posting_courses_set,
    session_attendance_record,
)


def _posters(channel: Channel) -> set[str]:
    rows = ChannelUserObjectPermission.objects.filter(content_object=channel, permission__codename=POST)
    return set(rows.values_list("user__username", flat=True))


@pytest.fixture
def channel(demo):
    return Channel.objects.get(unit__name=PERSONA_DEPARTMENT)


@pytest.fixture
def newcomer(demo):
    """A producer of the selected level-3 department who has not taken "content"."""
    return person_make(unit=Unit.objects.get(hospital=demo, name=PERSONA_DEPARTMENT), username="newcomer")


def test_training_is_one_more_condition_of_the_pure_policy():
    assert department_permissions(level=3, enrolled=True, role="producer", closed_group=False, trained=True) == {POST}
    assert department_permissions(level=3, enrolled=True, role="producer", closed_group=False, trained=False) == set()
    assert department_permissions(level=5, enrolled=True, role="producer", closed_group=True, trained=False) == set()


def test_the_demo_requires_content_of_producers_and_its_producer_keeps_posting(demo, channel):
    requirement = PostingCourseRequirement.objects.get(hospital=demo)
    assert (requirement.role.code, requirement.course.code) == ("producer", "content")
    posting_rights_sync(channel=channel)
    assert "producer" in _posters(channel)


def test_without_the_course_no_right_and_attendance_grants_it_through_the_signal(
    demo, channel, newcomer, people, django_capture_on_commit_callbacks
):
    assert "newcomer" not in _posters(channel)
    session = session_make(hospital=demo, teacher=people["community"], organiser=people["lead"])
    enrolment_create(session=session, person=newcomer, acting_user=newcomer)

    with django_capture_on_commit_callbacks(execute=True):
        session_attendance_record(
            session=session,
            attended_user_ids=[newcomer.pk],
            acting_user=people["community"],
            now=session.starts_at + timedelta(minutes=30),
        )

    assert "newcomer" in _posters(channel)


def test_an_external_completion_grants_and_the_day_after_expiry_the_sync_revokes(
    demo, channel, newcomer, people, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        completion_record_external(
            person=newcomer,
            course=Course.objects.get(code="content"),
            completed_on=today - timedelta(days=730),
            evidence="E-læring, kursusbevis 17",
            acting_user=people["manager"],
        )
    completion = Completion.objects.get(user=newcomer)
    # 24 months from two years ago: the last valid day is today or the day before (leap years).
    completion.expires_on = today
    completion.save()
    reconcile_posting_rights()
    assert "newcomer" in _posters(channel), "valid through its expiry date"

    completion.expires_on = today - timedelta(days=1)
    completion.save()
    reconcile_posting_rights()
    assert "newcomer" not in _posters(channel)


def test_setting_the_required_courses_resyncs_and_only_the_lead_sets_them(
    demo, channel, newcomer, people, django_capture_on_commit_callbacks
):
    producer = Role.objects.get(code="producer")
    with pytest.raises(TrainingError):
        posting_courses_set(hospital=demo, role=producer, courses=[], acting_user=people["community"])
    with django_capture_on_commit_callbacks(execute=True):
        posting_courses_set(hospital=demo, role=producer, courses=[], acting_user=people["lead"])
    assert "newcomer" in _posters(channel)
    with django_capture_on_commit_callbacks(execute=True):
        posting_courses_set(
            hospital=demo,
            role=producer,
            courses=[Course.objects.get(code="content"), Course.objects.get(code="ambassador")],
            acting_user=people["lead"],
        )
    assert {"newcomer", "producer"}.isdisjoint(_posters(channel)), "neither has taken the ambassador course"
    assert PostingCourseRequirement.objects.filter(hospital=demo).count() == 2


def test_the_posting_rights_page_shows_an_untrained_producer_without_rights(newcomer, people):
    (department,) = [
        rights
        for rights in posting_rights_overview(actor=actor_for(people["lead"]))
        if rights.unit.name == PERSONA_DEPARTMENT
    ]
    posters = {holder.membership.user.username for holder in department.holders if holder.may_post}
    assert "producer" in posters  # the demo producer has taken "content"
    assert "newcomer" not in posters
