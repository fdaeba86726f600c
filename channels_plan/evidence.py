"""What channels_plan shows the gap engine: channel plans approved and evaluated, the calendar in use, and the
posts published through the calendar's proposals.

One truth: every figure comes from the selector of the page the evidence links to. Active channels are the channel
registry's (``channels_plan.selectors.ACTIVE_CHANNEL``, its list filtered ``?status=active&unit=…``); posts in the
calendar are the calendar's items (``channels_plan.proposals.selectors.calendar_items``, its list of the last 30 days
``?days=30&unit=…``).

No silent passes: where the scale asks (``maturity.evidence.source_asked_at``) every unit gets an answer, "not
applicable" with the reason where the scale asks nothing of it (a department not enrolled to post has no posting
duties; a department without a channel of its own has no channel plan to keep current).

Each provider runs a fixed number of queries for any number of units; loads are shared in an ``evidence_run``.
"""

import datetime
from collections import Counter
from collections.abc import Sequence
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from channels_plan.calendar.selectors import RECENT_DAYS, CalendarCounts, calendar_counts, recent_window
from channels_plan.models import Channel, PostingEnrolment
from channels_plan.selectors import (
    active_channels_of_units,
    channel_status_counts,
    hospital_channel_status_counts,
    plan_is_current,
)
from governance.models import Unit
from maturity.evidence import Evidence, EvidenceStatus, register_evidence, run_memo, source_asked_at, units_key

# The communication unit is responsible for "most of the posts" at level 3 and for "some of the posts" from level 4
# (the scale's organisation lines): the share of the hospital's published posts that are its own or that it reviewed.
MOST_OF_THE_POSTS = 0.5
SOME_FROM_LEVEL = 4


def registry_url(unit_id: int, status: str = Channel.Status.ACTIVE) -> str:
    """The channel registry filtered to the unit's channels of ``status``."""
    query = {"status": status, "unit": unit_id} if status else {"unit": unit_id}
    return f"{reverse('channels_plan:channel_list')}?{urlencode(query)}"


def calendar_url(unit_id: int | None = None, *, published: bool = False) -> str:
    """The calendar's list of the last 30 days, of one unit (or, for the communication unit, the hospital)."""
    query = {"days": RECENT_DAYS}
    if unit_id is not None:
        query["unit"] = unit_id
    if published:
        query["status"] = "published"
    return f"{reverse('calendar:list')}?{urlencode(query)}"


def unit_channel_counts(units: Sequence[Unit]) -> dict[int, Counter]:
    """Per unit its channels by registry status: one query, once per ``evidence_run`` (monitoring's providers
    share it)."""
    return run_memo(("channels_plan.channel_counts", units_key(units)), lambda: channel_status_counts(units_key(units)))


def answering_channel_counts(units: Sequence[Unit]) -> dict[int, Counter]:
    """Per unit the channels it answers for, by registry status: a department its own, the communication unit the
    whole hospital's (it answers the hospital's lines). Two queries, once per ``evidence_run``."""
    own = unit_channel_counts(units)
    hospitals = tuple(sorted({unit.hospital_id for unit in units if unit.is_communication_unit}))
    if not hospitals:
        return own
    by_hospital = run_memo(
        ("channels_plan.hospital_channel_counts", hospitals), lambda: hospital_channel_status_counts(hospitals)
    )
    return {unit.pk: by_hospital[unit.hospital_id] if unit.is_communication_unit else own[unit.pk] for unit in units}


def enrolled_units(units: Sequence[Unit]) -> set[int]:
    """The departments with an active posting enrolment: one query, once per ``evidence_run``."""
    return run_memo(
        ("channels_plan.enrolled", units_key(units)),
        lambda: set(
            PostingEnrolment.objects.filter(
                unit__in=units_key(units), status=PostingEnrolment.Status.ACTIVE
            ).values_list("unit_id", flat=True)
        ),
    )


def posting_units(units: Sequence[Unit]) -> set[int]:
    """The communication unit always posts; a department only with an active posting enrolment."""
    enrolled = enrolled_units(units)
    return {unit.pk for unit in units if unit.is_communication_unit or unit.pk in enrolled}


def _recent_counts(units: Sequence[Unit], today: datetime.date) -> dict[int, CalendarCounts]:
    """The calendar's items of the last 30 days per unit, with every unit of the communication units' hospitals
    (their answer is the hospital's). One query, once per ``evidence_run``."""

    def load():
        start, end = recent_window(today)
        hospitals = {unit.hospital_id for unit in units if unit.is_communication_unit}
        return calendar_counts(unit_ids=units_key(units), hospital_ids=hospitals, start=start, end=end)

    return run_memo(("channels_plan.calendar_counts", units_key(units), today), load)


def _hospital_counts(counts: dict[int, CalendarCounts], hospital_id: int) -> tuple[int, int, int]:
    """The hospital's (in the calendar, published, published by or after a review of the communication unit)."""
    in_calendar = published = by_communication = 0
    for entry in counts.values():
        if entry.hospital_id != hospital_id:
            continue
        in_calendar += entry.in_calendar
        published += entry.published
        by_communication += entry.published if entry.is_communication_unit else entry.reviewed
    return in_calendar, published, by_communication


def channel_plans_evidence(units: Sequence[Unit], level_number: int, today: datetime.date) -> dict[int, Evidence]:
    """Every active channel of the unit has an approved plan that is current: evaluated when its evaluation date
    has passed. A department without an active channel of its own has no plan to keep current."""
    if not source_asked_at("channel_plans", level_number):
        return {}
    total, current = run_memo(("channels_plan.plans_current", units_key(units), today), lambda: _plans(units, today))
    channels = unit_channel_counts(units)
    summary_text = _("%(done)s of %(count)s active channels have an approved plan evaluated on time")
    owner, communication = _("The channel's owner"), _("The communication unit")
    no_channel = _("The channel registry lists no active channel of the communication unit.")
    no_own_channel = _("The unit has no active channel of its own in the channel registry: no channel plan to keep.")
    waiting = _("%(count)s approved channels are still “planned”: set each active once its account exists.")
    answers = {}
    for unit in units:
        done, count = current[unit.pk], total[unit.pk]
        if count:
            status = (
                EvidenceStatus.MET if done == count else EvidenceStatus.PARTLY_MET if done else EvidenceStatus.NOT_MET
            )
            fixing = status != EvidenceStatus.MET
            answers[unit.pk] = Evidence(
                status,
                summary_text % {"done": done, "count": count},
                registry_url(unit.pk) if fixing else "",
                owner if fixing else "",
            )
            continue
        planned = channels[unit.pk][Channel.Status.PLANNED]
        details = (waiting % {"count": planned},) if planned else ()
        if unit.is_communication_unit:
            answers[unit.pk] = Evidence(
                EvidenceStatus.NOT_MET, no_channel, registry_url(unit.pk, ""), communication, details
            )
        else:
            answers[unit.pk] = Evidence(EvidenceStatus.NOT_APPLICABLE, no_own_channel, details=details)
    return answers


def _plans(units: Sequence[Unit], today: datetime.date) -> tuple[Counter, Counter]:
    """Per unit its active channels, and those whose plan is current. One query."""
    rows = active_channels_of_units(units_key(units)).values_list(
        "unit_id", "plan__status", "plan__evaluation_date", "plan__evaluated_at"
    )
    total, current = Counter(), Counter()
    for unit_id, status, due, evaluated_at in rows.order_by():
        total[unit_id] += 1
        current[unit_id] += plan_is_current(status=status, evaluation_date=due, evaluated_at=evaluated_at, today=today)
    return total, current


def calendar_in_use_evidence(units: Sequence[Unit], level_number: int, today: datetime.date) -> dict[int, Evidence]:
    """A unit that posts has posts scheduled or published in the calendar in the last 30 days (for the
    communication unit: the hospital's calendar). A department not enrolled to post plans nothing itself."""
    if not source_asked_at("calendar_in_use", level_number):
        return {}
    posting = posting_units(units)
    counts = _recent_counts(units, today)
    summary_text = _("%(count)s posts scheduled or published in the calendar in the last 30 days")
    hospital_text = _("%(count)s posts of the hospital scheduled or published in the calendar in the last 30 days")
    none_planned = _("No post scheduled or published in the calendar in the last 30 days")
    flowmanager, communication = _("The unit's flowmanager"), _("The communication unit")
    not_posting = _("The department is not enrolled to post: the communication unit plans the content in its calendar.")
    answers = {}
    for unit in units:
        if unit.pk not in posting:
            answers[unit.pk] = Evidence(EvidenceStatus.NOT_APPLICABLE, not_posting)
            continue
        if unit.is_communication_unit:
            count, text, link, who = _hospital_counts(counts, unit.hospital_id)[0], hospital_text, None, communication
        else:
            entry = counts.get(unit.pk)
            count, text, link, who = (entry.in_calendar if entry else 0), summary_text, unit.pk, flowmanager
        if count:
            answers[unit.pk] = Evidence(EvidenceStatus.MET, text % {"count": count})
        else:
            answers[unit.pk] = Evidence(EvidenceStatus.NOT_MET, none_planned, calendar_url(link), who)
    return answers


def proposal_share_evidence(units: Sequence[Unit], level_number: int, today: datetime.date) -> dict[int, Evidence]:
    """Content goes through the calendar's proposals, which the communication unit reviews: a department that posts
    has published through the calendar in the last 30 days; the communication unit is responsible for most (level
    3) or some (level 4 and up) of the hospital's published posts: its own, or proposals it reviewed."""
    if not source_asked_at("proposal_share", level_number):
        return {}
    enrolled = enrolled_units(units)
    counts = _recent_counts(units, today)
    department_text = _(
        "%(published)s posts published through the calendar in the last 30 days, %(reviewed)s of them after the "
        "communication unit's review"
    )
    hospital_text = _(
        "%(ours)s of %(published)s posts the hospital published in the last 30 days were the communication unit's own "
        "or reviewed by it"
    )
    none_published = _("No post published through the calendar in the last 30 days")
    not_posting = _(
        "The department is not enrolled to post and published nothing of its own in the last 30 days: the "
        "communication unit publishes."
    )
    flowmanager, communication = _("The unit's flowmanager"), _("The communication unit")
    answers = {}
    for unit in units:
        if unit.is_communication_unit:
            _in_calendar, published, ours = _hospital_counts(counts, unit.hospital_id)
            if not published:
                answers[unit.pk] = Evidence(
                    EvidenceStatus.NOT_MET, none_published, calendar_url(published=True), communication
                )
                continue
            enough = ours / published > MOST_OF_THE_POSTS if level_number < SOME_FROM_LEVEL else ours > 0
            status = EvidenceStatus.MET if enough else EvidenceStatus.PARTLY_MET if ours else EvidenceStatus.NOT_MET
            fixing = status != EvidenceStatus.MET
            answers[unit.pk] = Evidence(
                status,
                hospital_text % {"ours": ours, "published": published},
                calendar_url(published=True) if fixing else "",
                communication if fixing else "",
            )
            continue
        entry = counts.get(unit.pk)
        if entry and entry.published:
            summary = department_text % {"published": entry.published, "reviewed": entry.reviewed}
            answers[unit.pk] = Evidence(EvidenceStatus.MET, summary)
        elif unit.pk in enrolled:
            answers[unit.pk] = Evidence(
                EvidenceStatus.NOT_MET, none_published, calendar_url(unit.pk, published=True), flowmanager
            )
        else:
            answers[unit.pk] = Evidence(EvidenceStatus.NOT_APPLICABLE, not_posting)
    return answers


def register_channels_plan_evidence() -> None:
    register_evidence(
        code="channel_plans",
        dimension="organisation",
        label=gettext_lazy("Channel plans approved and evaluated"),
        provider=channel_plans_evidence,
    )
    register_evidence(
        code="calendar_in_use",
        dimension="content_planning",
        label=gettext_lazy("The content calendar in use"),
        provider=calendar_in_use_evidence,
    )
    register_evidence(
        code="proposal_share",
        dimension="content_planning",
        label=gettext_lazy("Published content that went through proposals"),
        provider=proposal_share_evidence,
    )
