"""Interactions coming in, by every way in (by hand, CSV, the integration endpoint, mention feeds).

Each gets its responsible unit (the channel's, or the communication unit for mentions outside our channels), an
answer deadline from that unit's monitoring norm, and an indicative sentiment score. The platform's id makes intake
idempotent: an item seen before on the same channel or feed is skipped. The channel's (or feed's) row is locked, so
two pushes of the same items at once store them once.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Subquery
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from channels_plan.models import Channel
from governance.models import Hospital, Unit, User
from maturity.models import MonitoringNorm, UnitMaturity
from monitoring.models import Interaction, MentionFeed
from monitoring.sentiment import sentiment_score
from monitoring.working_time import due_after

LANGUAGE_BY_COUNTRY = {Hospital.Country.DENMARK: "da", Hospital.Country.NORWAY: "nb"}


@dataclass(frozen=True)
class IncomingInteraction:
    kind: str
    text: str
    occurred_at: datetime
    author_handle: str = ""
    url: str = ""
    external_id: str = ""
    has_health_data: bool = False
    is_involvement: bool = False


@dataclass
class IntakeResult:
    created: list[Interaction] = field(default_factory=list)
    skipped: int = 0  # seen before: same platform id on the same channel or feed


def responsible_unit(*, hospital: Hospital, channel: Channel | None) -> Unit | None:
    if channel is not None:
        return channel.unit
    return Unit.objects.filter(hospital=hospital, kind=Unit.Kind.COMMUNICATION).first()


def unit_norm(unit: Unit | None) -> MonitoringNorm | None:
    """The monitoring norm of the unit's current level (one query)."""
    if unit is None:
        return None
    level = UnitMaturity.objects.filter(unit=unit).values("current_level_id")[:1]
    return MonitoringNorm.objects.filter(level_id=Subquery(level)).first()


def answer_deadline(*, norm: MonitoringNorm | None, country: str, occurred_at: datetime) -> datetime | None:
    """When the answer is due under the norm; None where the level sets no deadline."""
    if norm is None or norm.answer_within_minutes is None:
        return None
    return due_after(occurred_at, norm.answer_within_minutes, working_time=norm.answer_in_working_time, country=country)


@transaction.atomic
def interactions_intake(
    *,
    hospital: Hospital,
    items: list[IncomingInteraction],
    source: str,
    channel: Channel | None = None,
    feed: MentionFeed | None = None,
    acting_user: User | None = None,
) -> IntakeResult:
    if channel is not None:
        channel = Channel.objects.select_for_update().select_related("unit").get(pk=channel.pk)
        if channel.unit.hospital_id != hospital.pk:
            raise ValidationError("The channel belongs to another hospital.")
        seen = Interaction.objects.filter(channel=channel)
    elif feed is not None:
        feed = MentionFeed.objects.select_for_update().get(pk=feed.pk)
        seen = Interaction.objects.filter(feed=feed)
    else:
        seen = Interaction.objects.none()
    ids = {item.external_id for item in items if item.external_id}
    known = set(seen.filter(external_id__in=ids).values_list("external_id", flat=True)) if ids else set()
    unit = responsible_unit(hospital=hospital, channel=channel)
    norm = unit_norm(unit)  # a mention elsewhere is the communication unit's, under its level's norm
    language = LANGUAGE_BY_COUNTRY.get(hospital.country, "da")
    result = IntakeResult()
    fresh = []
    for item in items:
        if item.external_id and item.external_id in known:
            result.skipped += 1
            continue
        known.add(item.external_id)
        fresh.append(
            Interaction(
                hospital=hospital,
                channel=channel,
                unit=unit,
                feed=feed,
                source=source,
                kind=item.kind,
                text=item.text,
                author_handle=item.author_handle,
                url=item.url,
                external_id=item.external_id,
                occurred_at=item.occurred_at,
                has_health_data=item.has_health_data,
                is_involvement=item.is_involvement,
                sentiment=sentiment_score(item.text, preferred_language=language),
                deadline=answer_deadline(norm=norm, country=hospital.country, occurred_at=item.occurred_at),
                received_at=timezone.now(),
            )
        )
    for interaction in fresh:
        # The foreign keys were resolved above; checking each again would cost three queries per item.
        interaction.full_clean(
            exclude=["received_at", "hospital", "channel", "unit", "feed"], validate_constraints=False
        )
    result.created = bulk_create_with_history(fresh, Interaction, default_user=acting_user) if fresh else []
    return result
