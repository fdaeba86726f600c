"""What channels_plan shows the gap engine: channel plans approved and evaluated, the calendar in use, and the
share of published content that went through a proposal. Each provider runs a fixed number of queries for any
number of units and answers only where the scale asks (``maturity.evidence.source_asked_at``)."""

import datetime
from collections import Counter
from collections.abc import Sequence

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from channels_plan.models import Channel, ChannelPlan, ContentProposal, PostingEnrolment
from governance.models import Unit
from maturity.evidence import Evidence, EvidenceStatus, register_evidence, run_memo, source_asked_at, units_key

CALENDAR_WINDOW_DAYS = 30
# Of a unit's published posts in the window, at least this share went through a proposal the CoE reviewed.
PROPOSAL_SHARE_MET = 0.8
PROPOSAL_SHARE_PARTLY = 0.5
PLANNED = (ContentProposal.Status.SCHEDULED, ContentProposal.Status.PUBLISHED)


def _window(today: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    end = timezone.make_aware(datetime.datetime.combine(today, datetime.time.max))
    return end - datetime.timedelta(days=CALENDAR_WINDOW_DAYS), end


def _posting_units(units: Sequence[Unit]) -> set[int]:
    """The communication unit always posts; a department only with an active posting enrolment. One query, once
    per ``evidence_run``."""
    enrolled = run_memo(
        ("channels_plan.enrolled", units_key(units)),
        lambda: set(
            PostingEnrolment.objects.filter(
                unit__in=[unit.pk for unit in units], status=PostingEnrolment.Status.ACTIVE
            ).values_list("unit_id", flat=True)
        ),
    )
    return {unit.pk for unit in units if unit.is_communication_unit or unit.pk in enrolled}


def channel_plans_evidence(units: Sequence[Unit], level_number: int, today: datetime.date) -> dict[int, Evidence]:
    """Every active channel of the unit has an approved plan that was evaluated by its evaluation date."""
    if not source_asked_at("channel_plans", level_number):
        return {}
    total, current = run_memo(("channels_plan.plans_current", units_key(units), today), lambda: _plans(units, today))
    summary_text = _("%(done)s of %(count)s active channels have an approved plan evaluated on time")
    fix_url, fix_by = reverse("channels_plan:plan_list"), _("The channel's owner")
    answers = {}
    for unit in units:
        if not total[unit.pk]:
            continue
        done, count = current[unit.pk], total[unit.pk]
        status = EvidenceStatus.MET if done == count else EvidenceStatus.PARTLY_MET if done else EvidenceStatus.NOT_MET
        summary = summary_text % {"done": done, "count": count}
        fixing = status != EvidenceStatus.MET
        answers[unit.pk] = Evidence(status, summary, fix_url if fixing else "", fix_by if fixing else "")
    return answers


def _plans(units: Sequence[Unit], today: datetime.date) -> tuple[Counter, Counter]:
    """Per unit its active channels, and those whose plan is approved and evaluated on time. One query."""
    channels = Channel.objects.filter(unit__in=[unit.pk for unit in units], status=Channel.Status.ACTIVE)
    rows = channels.values_list("unit_id", "plan__status", "plan__evaluation_date", "plan__evaluated_at")
    total, current = Counter(), Counter()
    for unit_id, status, due, evaluated_at in rows:
        total[unit_id] += 1
        evaluated = evaluated_at is not None and (due is None or evaluated_at.date() >= due)
        if status == ChannelPlan.Status.APPROVED and (due is None or due >= today or evaluated):
            current[unit_id] += 1
    return total, current


def calendar_in_use_evidence(units: Sequence[Unit], level_number: int, today: datetime.date) -> dict[int, Evidence]:
    """A unit that posts has scheduled or published posts through the calendar in the last 30 days."""
    if not source_asked_at("calendar_in_use", level_number):
        return {}
    posting = _posting_units(units)
    planned = run_memo(("channels_plan.planned", units_key(units), today), lambda: _planned(posting, today))
    summary_text = _("%(count)s posts scheduled or published in the calendar in the last 30 days")
    none_planned = Evidence(
        EvidenceStatus.NOT_MET,
        _("No post scheduled or published in the calendar in the last 30 days"),
        reverse("calendar:month"),
        _("The unit's flowmanager"),
    )
    answers = {}
    for unit in units:
        if unit.pk not in posting:
            continue
        count = planned[unit.pk]
        if count:
            answers[unit.pk] = Evidence(EvidenceStatus.MET, summary_text % {"count": count})
        else:
            answers[unit.pk] = none_planned
    return answers


def _planned(posting: set[int], today: datetime.date) -> Counter:
    """Per posting unit its posts scheduled or published in the window. One query."""
    start, end = _window(today)
    in_window = Q(scheduled_at__range=(start, end)) | Q(published_at__range=(start, end))
    return Counter(
        ContentProposal.objects.filter(in_window, unit__in=posting, status__in=PLANNED).values_list(
            "unit_id", flat=True
        )
    )


def proposal_share_evidence(units: Sequence[Unit], level_number: int, today: datetime.date) -> dict[int, Evidence]:
    """Of a department's posts published in the last 30 days, the share that went through a reviewed proposal."""
    if not source_asked_at("proposal_share", level_number):
        return {}
    departments = [unit.pk for unit in units if not unit.is_communication_unit]
    total, reviewed = run_memo(
        ("channels_plan.published", units_key(units), today), lambda: _published(departments, today)
    )
    nothing_published = Evidence(EvidenceStatus.NOT_EVIDENCED, _("Nothing published in the last 30 days"))
    summary_text = _("%(reviewed)s of %(total)s posts published in the last 30 days went through a proposal")
    fix_url, fix_by = reverse("channels_plan:proposal_list"), _("The unit's flowmanager")
    answers = {}
    for unit_id in departments:
        if not total[unit_id]:
            answers[unit_id] = nothing_published
            continue
        share = reviewed[unit_id] / total[unit_id]
        status = (
            EvidenceStatus.MET
            if share >= PROPOSAL_SHARE_MET
            else EvidenceStatus.PARTLY_MET
            if share >= PROPOSAL_SHARE_PARTLY
            else EvidenceStatus.NOT_MET
        )
        summary = summary_text % {"reviewed": reviewed[unit_id], "total": total[unit_id]}
        fixing = status != EvidenceStatus.MET
        answers[unit_id] = Evidence(status, summary, fix_url if fixing else "", fix_by if fixing else "")
    return answers


def _published(departments: list[int], today: datetime.date) -> tuple[Counter, Counter]:
    """Per department its posts published in the window, and those that went through a reviewed proposal."""
    start, end = _window(today)
    published = ContentProposal.objects.filter(
        unit__in=departments, status=ContentProposal.Status.PUBLISHED, published_at__range=(start, end)
    ).values_list("unit_id", "submitted_at")
    total, reviewed = Counter(), Counter()
    for unit_id, submitted_at in published:
        total[unit_id] += 1
        reviewed[unit_id] += submitted_at is not None
    return total, reviewed


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
