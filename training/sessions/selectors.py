"""Reads for the catalogue, sessions, places and completions pages: a fixed number of queries each."""

from datetime import datetime

from django.db.models import Count, Q, QuerySet

from governance.models import Hospital, User
from training.models import Completion, Course, CourseSession, Enrolment, PostingCourseRequirement


def course_catalogue() -> list[Course]:
    return list(Course.objects.prefetch_related("levels", "roles"))


def course_catalogue_by_level(courses: list[Course]) -> list[tuple[int | None, list[Course]]]:
    """The courses grouped by the lowest level that requires them (courses tied to no level last)."""
    groups: dict[int | None, list[Course]] = {}
    for course in courses:
        numbers = [level.number for level in course.levels.all()]
        groups.setdefault(min(numbers) if numbers else None, []).append(course)
    return sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or 0))


def course_get(*, code: str) -> Course | None:
    return Course.objects.prefetch_related("levels", "roles").filter(code=code).first()


def _with_counts(sessions: QuerySet[CourseSession]) -> list[CourseSession]:
    """Each session with ``seats_taken``, ``seats_left`` and ``waiting_count``, in one query."""
    sessions = list(
        sessions.select_related("course", "teacher", "hospital").annotate(
            seats_taken=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.ENROLLED)),
            waiting_count=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.WAITING)),
        )
    )
    for session in sessions:
        session.seats_left = max(session.capacity - session.seats_taken, 0)
    return sessions


def session_list_upcoming(*, hospital: Hospital, now: datetime, course: Course | None = None) -> list[CourseSession]:
    """Sessions not yet over and not cancelled, with seats taken and the waiting list's length."""
    sessions = CourseSession.objects.filter(hospital=hospital, ends_at__gt=now, cancelled_at__isnull=True)
    if course is not None:
        sessions = sessions.filter(course=course)
    return _with_counts(sessions)


def session_get(*, session_id: int) -> CourseSession | None:
    found = _with_counts(CourseSession.objects.filter(pk=session_id))
    return found[0] if found else None


def session_places(*, session: CourseSession) -> list[Enrolment]:
    """Everyone with a place, seated first, then the waiting list in order, then the rest."""
    return list(session.enrolments.select_related("user").order_by("queued_at", "pk"))


def session_teachers(*, hospital: Hospital) -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True, memberships__unit__hospital=hospital)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def people_of_units(*, unit_ids: set[int], hospital_ids: set[int] = frozenset()) -> QuerySet[User]:
    """Active people of these units, and of every unit of these hospitals."""
    wanted = Q(memberships__unit_id__in=unit_ids) | Q(memberships__unit__hospital_id__in=hospital_ids)
    return User.objects.filter(wanted, is_active=True).distinct().order_by("last_name", "first_name", "username")


def completion_list_for_user(*, user: User) -> list[Completion]:
    return list(Completion.objects.filter(user=user).select_related("course", "session"))


def posting_course_requirements(*, hospital: Hospital) -> list[PostingCourseRequirement]:
    return list(
        PostingCourseRequirement.objects.filter(hospital=hospital)
        .select_related("role", "course")
        .order_by("role__order", "course__order")
    )
