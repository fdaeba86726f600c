"""Training reminders by e-mail, each sent once: before a session, for a required course missing 30 days, before expiry.

Once means once: a ``TrainingReminder`` row with the unique (kind, person, subject) is inserted before the mail is
queued, and the mail goes out after that insert has committed; a second run, or a second worker at the same moment,
meets the unique constraint and sends nothing.

When is a required course "missing for 30 days"? The clock starts at the latest of

- the moment the person got the role in the unit (the membership's creation in its history),
- the moment the unit reached the run of current levels that require the course (the unit maturity's history:
  a move between two levels that both require the course does not restart the clock), and
- the expiry date of the person's last completion, when it has expired.

Only courses required *now* count. A membership or unit maturity without history (data loaded outside the services)
has no known start, and gets no such reminder. The subject key holds the clock's start, so a course that is taken,
expires and goes missing again is reminded of again.

The mails carry the course's name, the session's time and a link to "My training": no personal or free text. They
are written in the hospital's language (Denmark: Danish, Norway: Norwegian Bokmål); people have no stored language.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from governance.models import Hospital, Membership, Unit, User
from maturity.models import UnitMaturity
from training.models import Course, CourseSession, Enrolment, TrainingReminder
from training.needs.selectors import (
    CourseRule,
    Requirement,
    TrainingStatus,
    best_completions,
    course_rules,
    membership_requirement,
    memberships_of_units,
    training_status,
)

SESSION_REMINDER_DAYS = 2
MISSING_REMINDER_DAYS = 30
EXPIRY_REMINDER_DAYS = (14, 60)  # nearest first: within 14 days the 14-day reminder, else within 60 the 60-day one

Kind = TrainingReminder.Kind


@dataclass(frozen=True)
class Reminder:
    kind: str
    user: User
    subject_key: str
    subject: str
    body: str


def hospital_language(hospital: Hospital) -> str:
    return "nb" if hospital.country == Hospital.Country.NORWAY else "da"


def training_reminders_send(*, hospital_id: int, now: datetime.datetime) -> int:
    """Send the hospital's due training reminders that have not been sent; returns how many were sent."""
    hospital = Hospital.objects.get(pk=hospital_id)
    today = timezone.localdate(now)
    with translation.override(hospital_language(hospital)):
        due = [
            *_session_reminders(hospital=hospital, now=now),
            *_course_reminders(hospital=hospital, today=today),
        ]
    sent_before = set(
        TrainingReminder.objects.filter(user__in={reminder.user.pk for reminder in due}).values_list(
            "kind", "user_id", "subject_key"
        )
    )
    return sum(
        _send_once(reminder, now=now)
        for reminder in due
        if (reminder.kind, reminder.user.pk, reminder.subject_key) not in sent_before
    )


def _send_once(reminder: Reminder, *, now: datetime.datetime) -> bool:
    try:
        with transaction.atomic():
            TrainingReminder.objects.create(
                kind=reminder.kind, user=reminder.user, subject_key=reminder.subject_key, sent_at=now
            )
            transaction.on_commit(lambda: send_mail(reminder.subject, reminder.body, None, [reminder.user.email]))
    except IntegrityError:  # another worker sent it a moment ago
        return False
    return True


def _my_training_url() -> str:
    return settings.SITE_URL.rstrip("/") + reverse("training_needs:mine")


def _session_reminders(*, hospital: Hospital, now: datetime.datetime) -> list[Reminder]:
    enrolments = Enrolment.objects.filter(
        session__hospital=hospital,
        session__cancelled_at__isnull=True,
        session__starts_at__gt=now,
        session__starts_at__lte=now + datetime.timedelta(days=SESSION_REMINDER_DAYS),
        status=Enrolment.Status.ENROLLED,
        user__is_active=True,
    ).exclude(user__email="")
    return [
        _session_reminder(enrolment.session, enrolment.user)
        for enrolment in enrolments.select_related("session__course", "user")
    ]


def _session_reminder(session: CourseSession, user: User) -> Reminder:
    starts = date_format(timezone.localtime(session.starts_at), "DATETIME_FORMAT")
    values = {"course": session.course.name, "starts": starts, "url": _my_training_url()}
    return Reminder(
        kind=Kind.SESSION_SOON,
        user=user,
        subject_key=f"session:{session.pk}",
        subject=_("Reminder: %(course)s on %(starts)s") % values,
        body=_(
            "You are enrolled on the course %(course)s, which starts %(starts)s. "
            "The place and your other courses:\n%(url)s"
        )
        % values,
    )


def _course_reminders(*, hospital: Hospital, today: datetime.date) -> list[Reminder]:
    """Missing-for-30-days and expiry reminders, from the hospital's training needs: a fixed number of queries."""
    rules = course_rules()
    units = list(Unit.objects.filter(hospital=hospital).values_list("pk", flat=True))
    memberships = [m for m in memberships_of_units(units) if m.user.email]
    completions = best_completions(
        user_ids={m.user_id for m in memberships}, course_ids=[rule.course.pk for rule in rules]
    )
    membership_since = _membership_starts(memberships)
    level_runs = _level_runs(units)
    clock_starts: dict[tuple[int, int], datetime.date] = {}
    required: dict[tuple[int, int], tuple[User, Course]] = {}
    for membership in memberships:
        for rule in rules:
            requirement = membership_requirement(rule, membership)
            if requirement not in (Requirement.NOW, Requirement.TARGET):
                continue
            key = (membership.user_id, rule.course.pk)
            required[key] = (membership.user, rule.course)
            start = _required_since(rule, membership, membership_since, level_runs)
            if requirement == Requirement.NOW and start is not None:
                clock_starts[key] = min(start, clock_starts.get(key, start))
    reminders = []
    for key, (user, course) in required.items():
        completion = completions.get(key)
        status = training_status(completion, today)
        if status in (TrainingStatus.MISSING, TrainingStatus.EXPIRED) and key in clock_starts:
            start = max(clock_starts[key], completion.expires_on) if completion else clock_starts[key]
            if (today - start).days >= MISSING_REMINDER_DAYS:
                reminders.append(_missing_reminder(user, course, start))
        elif status == TrainingStatus.EXPIRES_SOON:
            days_left = (completion.expires_on - today).days
            window = next(days for days in EXPIRY_REMINDER_DAYS if days_left <= days)
            reminders.append(_expiry_reminder(user, course, completion.pk, completion.expires_on, window))
    return reminders


def _membership_starts(memberships: list[Membership]) -> dict[int, datetime.date]:
    created = Membership.history.filter(id__in=[m.pk for m in memberships], history_type="+")
    return {pk: timezone.localdate(moment) for pk, moment in created.values_list("id", "history_date")}


def _level_runs(unit_ids: list[int]) -> dict[int, list[tuple[int, datetime.date]]]:
    """Per unit, its current levels in time order with the day each was set, from the unit maturity's history."""
    runs: dict[int, list[tuple[int, datetime.date]]] = defaultdict(list)
    records = UnitMaturity.history.filter(unit_id__in=unit_ids).order_by("history_date", "history_id")
    for unit_id, number, moment in records.values_list("unit_id", "current_level__number", "history_date"):
        if not runs[unit_id] or runs[unit_id][-1][0] != number:
            runs[unit_id].append((number, timezone.localdate(moment)))
    return runs


def _required_since(
    rule: CourseRule,
    membership: Membership,
    membership_since: dict[int, datetime.date],
    level_runs: dict[int, list[tuple[int, datetime.date]]],
) -> datetime.date | None:
    level_since = None
    for number, since in reversed(level_runs.get(membership.unit_id, [])):
        if number not in rule.level_numbers:
            break
        level_since = since
    if level_since is None or membership.pk not in membership_since:
        return None
    return max(level_since, membership_since[membership.pk])


def _missing_reminder(user: User, course: Course, start: datetime.date) -> Reminder:
    values = {"course": course.name, "days": MISSING_REMINDER_DAYS, "url": _my_training_url()}
    return Reminder(
        kind=Kind.COURSE_MISSING,
        user=user,
        subject_key=f"course:{course.pk}:{start.isoformat()}",
        subject=_("A required course is waiting for you: %(course)s") % values,
        body=_(
            "Your role asks you to take the course %(course)s, and it has been missing for more than %(days)d days. "
            "See the coming sessions and your other courses:\n%(url)s"
        )
        % values,
    )


def _expiry_reminder(
    user: User, course: Course, completion_id: int, expires_on: datetime.date, window: int
) -> Reminder:
    values = {"course": course.name, "date": date_format(expires_on, "DATE_FORMAT"), "url": _my_training_url()}
    return Reminder(
        kind=Kind.EXPIRES_SOON,
        user=user,
        subject_key=f"expiry:{completion_id}:{window}",
        subject=_("Your course %(course)s expires on %(date)s") % values,
        body=_("Your completion of %(course)s expires on %(date)s. Renew it in time:\n%(url)s") % values,
    )
