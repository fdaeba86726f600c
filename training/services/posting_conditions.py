"""The hospital's setting of courses a role must have completed before it gets posting rights."""

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from governance.audit import delete_as, save_as
from governance.models import Hospital, Role, User
from governance.permissions import actor_for
from training.exceptions import TrainingError
from training.models import Course, PostingCourseRequirement
from training.permissions import may_set_posting_courses
from training.signals import posting_course_requirements_changed


@transaction.atomic
def posting_courses_set(
    *, hospital: Hospital, role: Role, courses: Iterable[Course], acting_user: User
) -> list[PostingCourseRequirement]:
    """Members in ``role`` get posting rights only with a current completion of each of ``courses``."""
    if not may_set_posting_courses(actor_for(acting_user), hospital.pk):
        raise TrainingError(_("Only the communication unit's lead sets the courses required for posting."))
    Hospital.objects.select_for_update().order_by().get(pk=hospital.pk)
    wanted = {course.pk: course for course in courses}
    existing = {row.course_id: row for row in PostingCourseRequirement.objects.filter(hospital=hospital, role=role)}
    for course_id, row in existing.items():
        if course_id not in wanted:
            delete_as(row, acting_user)
    kept = [row for course_id, row in existing.items() if course_id in wanted]
    added = [
        save_as(PostingCourseRequirement(hospital=hospital, role=role, course=course), acting_user)
        for course_id, course in wanted.items()
        if course_id not in existing
    ]
    if added or len(kept) != len(existing):
        hospital_id = hospital.pk
        transaction.on_commit(
            lambda: posting_course_requirements_changed.send(sender=PostingCourseRequirement, hospital_id=hospital_id)
        )
    return kept + added
