"""The course catalogue: shared by every hospital, edited by communication unit leads and reviewers."""

from django.db import transaction
from django.utils.translation import gettext as _

from governance.audit import save_as
from governance.models import User
from governance.permissions import actor_for
from training.exceptions import TrainingError
from training.models import Course
from training.permissions import may_edit_catalogue

COURSE_FIELDS = ("name_da", "name_en", "description_da", "description_en", "audience", "validity_months", "is_active")


def _check_editor(acting_user: User) -> None:
    if not may_edit_catalogue(actor_for(acting_user)):
        raise TrainingError(_("Only the communication unit's lead and reviewers edit the course catalogue."))


def _write(course: Course, data: dict, acting_user: User) -> Course:
    for field in COURSE_FIELDS:
        if field in data:
            setattr(course, field, data[field])
    save_as(course, acting_user)
    if "roles" in data:
        course.roles.set(data["roles"])
    if "levels" in data:
        course.levels.set(data["levels"])
    return course


@transaction.atomic
def course_create(*, data: dict, acting_user: User) -> Course:
    """A new course (Haukeland adds internal courses besides the scale's)."""
    _check_editor(acting_user)
    if Course.objects.filter(code=data["code"]).exists():
        raise TrainingError(_("A course with this code exists already."))
    last = Course.objects.order_by("-order").values_list("order", flat=True).first() or 0
    return _write(Course(code=data["code"], order=last + 1), data, acting_user)


@transaction.atomic
def course_update(*, course: Course, data: dict, acting_user: User) -> Course:
    _check_editor(acting_user)
    course = Course.objects.select_for_update().get(pk=course.pk)
    return _write(course, data, acting_user)
