"""What a dashboard is about: one channel, a department (its channels) or a hospital (all its channels)."""

from dataclasses import dataclass

from django.db.models import Q

from channels_plan.models import Channel
from governance.models import Hospital, Unit


@dataclass(frozen=True)
class MetricScope:
    kind: str  # "channel", "unit" or "hospital"
    title: str
    hospital: Hospital
    level_unit_id: int | None  # the unit whose level says which metrics are required
    channels: Q  # on Channel
    channel_filter: Q  # on a model with a ``channel`` foreign key
    interaction_filter: Q  # on Interaction
    unit: Unit | None = None
    channel: Channel | None = None

    @property
    def slug(self) -> str:
        """A name for downloaded files."""
        target = self.channel or self.unit or self.hospital
        return f"metrics-{self.kind}-{target.pk}"


def channel_scope(channel: Channel) -> MetricScope:
    """``channel`` must come with ``unit__hospital`` loaded."""
    return MetricScope(
        kind="channel",
        title=str(channel),
        hospital=channel.unit.hospital,
        level_unit_id=channel.unit_id,
        channels=Q(pk=channel.pk),
        channel_filter=Q(channel_id=channel.pk),
        interaction_filter=Q(channel_id=channel.pk),
        unit=channel.unit,
        channel=channel,
    )


def unit_scope(unit: Unit) -> MetricScope:
    """``unit`` must come with ``hospital`` loaded. Its interactions: those on its channels or it answers for."""
    return MetricScope(
        kind="unit",
        title=unit.name,
        hospital=unit.hospital,
        level_unit_id=unit.pk,
        channels=Q(unit_id=unit.pk),
        channel_filter=Q(channel__unit_id=unit.pk),
        interaction_filter=Q(channel__unit_id=unit.pk) | Q(unit_id=unit.pk),
        unit=unit,
    )


def hospital_scope(hospital: Hospital, *, communication_unit_id: int | None) -> MetricScope:
    """The whole hospital; the communication unit's level says which metrics are required."""
    return MetricScope(
        kind="hospital",
        title=hospital.name,
        hospital=hospital,
        level_unit_id=communication_unit_id,
        channels=Q(unit__hospital_id=hospital.pk),
        channel_filter=Q(channel__unit__hospital_id=hospital.pk),
        interaction_filter=Q(hospital_id=hospital.pk),
    )
