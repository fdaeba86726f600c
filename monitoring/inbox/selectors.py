"""Reading the inbox: the interactions a person sees, filtered and in the order they must be worked; one
interaction; the channels a person may check, with their last check; who may be given an interaction; and the
triage diagram's suggestion from what an interaction already tells.

Every list is one query whatever its length (its relations are joined), so the inbox page costs the same for ten
interactions and for ten thousand.
"""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from channels_plan.calendar.selectors import recent_window
from channels_plan.models import Channel
from governance.models import Hospital, TriageNode, Unit, User
from governance.permissions import Actor
from governance.triage.selectors import TriageWalk, triage_tree, triage_walk
from monitoring.models import ChannelCheck, Interaction
from monitoring.permissions import DEPARTMENT_DUTY_ROLES, visible_interactions_filter
from monitoring.sentiment import NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD

OPEN, ALL = "open", "all"
MINE, UNASSIGNED = "mine", "unassigned"
STATUS_CHOICES = [(OPEN, _("Open (new or in progress)")), (ALL, _("All")), *Interaction.Status.choices]
ASSIGNEE_CHOICES = [(MINE, _("Mine")), (UNASSIGNED, _("Nobody yet"))]
SENTIMENT_LABELS = {
    "positive": _("Positive"),
    "neutral": _("Neutral"),
    "negative": _("Negative"),
    "unknown": _("Unknown"),
}
SENTIMENT_CHOICES = list(SENTIMENT_LABELS.items())


def _sentiment_q(label: str) -> Q:
    """The interactions ``monitoring.sentiment.sentiment_label`` gives ``label``, as SQL."""
    return {
        "positive": Q(sentiment__gte=POSITIVE_THRESHOLD),
        "negative": Q(sentiment__lte=NEGATIVE_THRESHOLD),
        "neutral": Q(sentiment__gt=NEGATIVE_THRESHOLD, sentiment__lt=POSITIVE_THRESHOLD),
        "unknown": Q(sentiment__isnull=True),
    }[label]


def _positive_int(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) <= 12 else None


# The inbox filtered ``?due=30&unit=…&status=all`` lists a unit's answers due in the last 30 days, as the gap report
# counts them.
DUE_DAYS = 30


def answers_due_filter(*, start, end, now) -> Q:
    """On Interaction: an answer deadline that fell in [start, end) and has passed."""
    return Q(deadline__gte=start, deadline__lt=min(end, now))


def _closed_unanswered_at() -> Subquery:
    """On Interaction: when it was closed as "no answer needed" (the inbox's button), from its history: the first
    history row of its last closing, i.e. the earliest row with that status not followed by a row with another
    status (a reopened and closed again interaction counts from its last closing). NULL for any other status."""
    history = Interaction.history.model
    closed = Interaction.Status.NO_ANSWER_NEEDED
    reopened_after = history.objects.filter(id=OuterRef("id"), history_date__gt=OuterRef("history_date")).exclude(
        status=closed
    )
    last_closing = (
        history.objects.filter(id=OuterRef("pk"), status=closed)
        .exclude(Exists(reopened_after))
        .order_by("history_date")
        .values("history_date")[:1]
    )
    return Subquery(last_closing)


def _handled_in_time(*, status: str, deadline, answered_at, closed_unanswered_at) -> bool:
    """Whether an interaction was handled by its deadline: answered by then, or closed as "no answer needed" by
    then. Closed as "no answer needed" after its deadline, it was handled late."""
    if status == Interaction.Status.NO_ANSWER_NEEDED:
        return closed_unanswered_at is not None and closed_unanswered_at <= deadline
    return answered_at is not None and answered_at <= deadline


@dataclass
class AnswersDue:
    """Interactions counted per responsible unit and per hospital, with those handled by their deadline (answered,
    or closed as "no answer needed", in time: ``_handled_in_time``)."""

    by_unit: Counter = field(default_factory=Counter)
    in_time_by_unit: Counter = field(default_factory=Counter)
    by_hospital: Counter = field(default_factory=Counter)
    in_time_by_hospital: Counter = field(default_factory=Counter)


def answer_deadline_counts(interactions: QuerySet[Interaction]) -> AnswersDue:
    """The interactions counted per responsible unit and per hospital, with those handled in time. One query."""
    counts = AnswersDue()
    rows = (
        interactions.annotate(closed_unanswered_at=_closed_unanswered_at())
        .values_list("unit_id", "hospital_id", "status", "deadline", "answered_at", "closed_unanswered_at")
        .order_by()
    )
    for unit_id, hospital_id, status, deadline, answered_at, closed_at in rows:
        in_time = _handled_in_time(
            status=status, deadline=deadline, answered_at=answered_at, closed_unanswered_at=closed_at
        )
        counts.by_unit[unit_id] += 1
        counts.in_time_by_unit[unit_id] += in_time
        counts.by_hospital[hospital_id] += 1
        counts.in_time_by_hospital[hospital_id] += in_time
    return counts


@dataclass(frozen=True)
class InboxFilters:
    channel_id: int | None = None
    status: str = OPEN
    overdue: bool = False
    assignee: str = ""  # "", MINE, UNASSIGNED or a person's id
    sentiment: str = ""
    unit_id: int | None = None  # the responsible unit
    due_days: int | None = None  # DUE_DAYS: answers due in the last days

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> "InboxFilters":
        """The filters in ``?channel=&status=&overdue=1&assignee=&sentiment=``; nonsense is ignored."""
        status = query.get("status") or OPEN
        assignee = query.get("assignee") or ""
        if assignee not in (MINE, UNASSIGNED):
            assignee = str(_positive_int(assignee) or "")
        sentiment = query.get("sentiment") or ""
        return cls(
            channel_id=_positive_int(query.get("channel")),
            status=status if status in {value for value, _label in STATUS_CHOICES} else OPEN,
            overdue=query.get("overdue") in {"1", "on", "true"},
            assignee=assignee,
            sentiment=sentiment if sentiment in SENTIMENT_LABELS else "",
            unit_id=_positive_int(query.get("unit")),
            due_days=DUE_DAYS if query.get("due") == str(DUE_DAYS) else None,
        )

    @property
    def active(self) -> bool:
        return self != InboxFilters()


def interaction_list_for_actor(
    *, actor: Actor, hospital: Hospital, filters: InboxFilters | None = None, now: datetime | None = None
) -> QuerySet[Interaction]:
    """The hospital's interactions the person sees, filtered; the soonest deadline first (none last), then the
    newest. One query, its channel and assignee joined."""
    filters = filters or InboxFilters()
    now = now or timezone.now()
    interactions = Interaction.objects.filter(visible_interactions_filter(actor), hospital=hospital)
    if filters.channel_id is not None:
        interactions = interactions.filter(channel_id=filters.channel_id)
    if filters.status == OPEN:
        interactions = interactions.filter(status__in=Interaction.OPEN_STATUSES)
    elif filters.status != ALL:
        interactions = interactions.filter(status=filters.status)
    if filters.overdue:
        interactions = interactions.filter(status__in=Interaction.OPEN_STATUSES, deadline__lt=now)
    if filters.assignee == MINE:
        interactions = interactions.filter(assignee=actor.user)
    elif filters.assignee == UNASSIGNED:
        interactions = interactions.filter(assignee__isnull=True)
    elif filters.assignee:
        interactions = interactions.filter(assignee_id=int(filters.assignee))
    if filters.sentiment:
        interactions = interactions.filter(_sentiment_q(filters.sentiment))
    if filters.unit_id is not None:
        interactions = interactions.filter(unit_id=filters.unit_id)
    if filters.due_days:
        start, end = recent_window(timezone.localdate(now), filters.due_days)
        interactions = interactions.filter(answers_due_filter(start=start, end=end, now=now))
    return interactions.select_related("channel", "assignee").order_by(
        F("deadline").asc(nulls_last=True), "-occurred_at", "-pk"
    )


def interaction_get_for_actor(*, actor: Actor, interaction_id: int) -> Interaction:
    """One interaction the person sees, with everything the detail page shows; 404 for any other."""
    interaction = (
        Interaction.objects.filter(visible_interactions_filter(actor), pk=interaction_id)
        .select_related("hospital", "channel", "unit", "assignee", "answered_by", "feed")
        .first()
    )
    if interaction is None:
        raise Http404("No such interaction")
    return interaction


def _sees_hospital(actor: Actor, hospital_id: int) -> bool:
    return actor.user.is_superuser or hospital_id in actor.communication_units


def inbox_channels_for_actor(*, actor: Actor, hospital: Hospital) -> list[Channel]:
    """The channels whose interactions the person sees (the channel filter's choices). One query."""
    channels = Channel.objects.filter(unit__hospital=hospital)
    if not _sees_hospital(actor, hospital.pk):
        channels = channels.filter(unit_id__in=list(actor.unit_roles))
    return list(channels.order_by("sender_name", "platform", "pk"))


def channel_get_for_actor(*, actor: Actor, channel_id: int) -> Channel:
    """A channel whose inbox the person sees, with its unit; 404 for any other."""
    channel = Channel.objects.select_related("unit").filter(pk=channel_id).first()
    if channel is None or not (_sees_hospital(actor, channel.unit.hospital_id) or channel.unit_id in actor.unit_roles):
        raise Http404("No such channel")
    return channel


def _duty_unit_ids(actor: Actor) -> list[int]:
    return [unit_id for unit_id, roles in actor.unit_roles.items() if roles & DEPARTMENT_DUTY_ROLES]


def checkable_channels_for_actor(*, actor: Actor, hospital: Hospital) -> list[Channel]:
    """The open channels the person may record a check of, each with ``last_checked_at`` (by anyone) and
    ``my_last_checked_at``. One query."""
    channels = Channel.objects.filter(unit__hospital=hospital).exclude(status=Channel.Status.CLOSED)
    if hospital.pk not in actor.communication_units:
        channels = channels.filter(unit_id__in=_duty_unit_ids(actor))
    checks = ChannelCheck.objects.filter(channel=OuterRef("pk")).order_by("-checked_at").values("checked_at")[:1]
    mine = (
        ChannelCheck.objects.filter(channel=OuterRef("pk"), checked_by=actor.user)
        .order_by("-checked_at")
        .values("checked_at")[:1]
    )
    return list(
        channels.annotate(last_checked_at=Subquery(checks), my_last_checked_at=Subquery(mine)).order_by(
            "sender_name", "platform", "pk"
        )
    )


def channel_with_checks(*, channel: Channel, actor: Actor) -> Channel:
    """One channel with the same annotations as ``checkable_channels_for_actor`` (after recording a check)."""
    checks = ChannelCheck.objects.filter(channel=OuterRef("pk")).order_by("-checked_at").values("checked_at")[:1]
    mine = (
        ChannelCheck.objects.filter(channel=OuterRef("pk"), checked_by=actor.user)
        .order_by("-checked_at")
        .values("checked_at")[:1]
    )
    return Channel.objects.annotate(last_checked_at=Subquery(checks), my_last_checked_at=Subquery(mine)).get(
        pk=channel.pk
    )


def may_enter_interactions(actor: Actor, *, hospital: Hospital) -> bool:
    """Whether the person may work (so enter, import and assign) any interaction of the hospital, without a query:
    the communication unit, or people on duty in a department. A department's hospital is checked per item."""
    return hospital.pk in actor.communication_units or bool(_duty_unit_ids(actor))


def entry_channels_for_actor(*, actor: Actor, hospital: Hospital) -> QuerySet[Channel]:
    """The channels the person may enter interactions on: all the hospital's for the communication unit, their
    departments' for people on duty there."""
    channels = Channel.objects.filter(unit__hospital=hospital).select_related("unit")
    if hospital.pk not in actor.communication_units:
        channels = channels.filter(unit_id__in=_duty_unit_ids(actor))
    return channels.order_by("sender_name", "platform", "pk")


def assignee_choices_for_actor(*, actor: Actor, hospital: Hospital) -> QuerySet[User]:
    """Who the person may give interactions to: the hospital's communication unit, and the people on duty in the
    departments whose interactions the person sees. (The service checks each interaction again.)"""
    on_duty = Q(
        memberships__unit__hospital=hospital,
        memberships__unit__kind=Unit.Kind.DEPARTMENT,
        memberships__role__code__in=DEPARTMENT_DUTY_ROLES,
    )
    if not _sees_hospital(actor, hospital.pk):
        on_duty &= Q(memberships__unit_id__in=list(actor.unit_roles))
    communication = Q(memberships__unit__hospital=hospital, memberships__unit__kind=Unit.Kind.COMMUNICATION)
    return User.objects.filter(is_active=True).filter(communication | on_duty).distinct().order_by("first_name", "pk")


# --- triage ---------------------------------------------------------------------------------------------------------


def interaction_triage_answers(interaction: Interaction) -> dict[str, bool]:
    """The answers to the default diagram's questions (by code) that the interaction itself gives.

    Only facts count: flagged personal or health data answers "personal_data" yes. A review is feedback on the
    hospital's care or service, so it is a complaint when its sentiment indication is negative, and praise when it
    is positive. Nothing else is guessed (a crisis, abuse, a question): the person answers those in the walk.
    """
    answers: dict[str, bool] = {}
    if interaction.has_health_data:
        answers["personal_data"] = True
    if interaction.kind == Interaction.Kind.REVIEW and interaction.sentiment is not None:
        if interaction.sentiment <= NEGATIVE_THRESHOLD:
            answers["complaint"] = True
        elif interaction.sentiment >= POSITIVE_THRESHOLD:
            answers["complaint"] = False
            answers["question"] = False
            answers["positive"] = True
    return answers


@dataclass(frozen=True)
class TriageSuggestion:
    walk: TriageWalk  # from the first question as far as the known answers go
    known: list[tuple[TriageNode, bool]]  # every question the interaction answers, in the diagram's order


def interaction_triage_suggestion(*, interaction: Interaction) -> TriageSuggestion:
    """Walk the hospital's diagram with the answers the interaction gives. Two queries, whatever it gives."""
    answers = interaction_triage_answers(interaction)
    walk = triage_walk(hospital=interaction.hospital, answers=answers)
    nodes = triage_tree(hospital=interaction.hospital).nodes
    known = [(node, answers[node.code]) for node in nodes if node.is_question and node.code in answers]
    return TriageSuggestion(walk=walk, known=known)
