from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from governance.permissions import Actor
from monitoring.models import Alert


def visible_alerts_filter(actor: Actor) -> Q:
    """The communication unit sees its hospital's alerts; a department the alerts about its own units."""
    if actor.user.is_superuser:
        return Q()
    return Q(hospital_id__in=list(actor.communication_units)) | Q(unit_id__in=list(actor.unit_roles))


def alert_list_for_actor(*, actor: Actor, is_open: bool = True) -> QuerySet[Alert]:
    alerts = Alert.objects.filter(visible_alerts_filter(actor), closed_at__isnull=is_open)
    return alerts.select_related("hospital", "unit", "channel", "feed").order_by(
        "-escalated_at" if is_open else "-closed_at", "-opened_at"
    )


# The alerts that say a monitoring duty was missed: a channel not checked within the level's norm, a user-involvement
# post not checked.
MISSED_CHECK_CAUSES = (Alert.Cause.MISSED_CHECK, Alert.Cause.INVOLVEMENT_CHECK)


def missed_check_alerts(
    *, unit_ids: Iterable[int] = (), hospital_ids: Iterable[int] = (), start, end
) -> QuerySet[Alert]:
    """The missed-check alerts of the units (and of every unit of the hospitals) open at any time in [start, end):
    the alerts page filtered ``?duty=checks&unit=…`` lists them (for the communication unit, the whole hospital's)
    and the gap report counts them."""
    of = Q(unit__in=list(unit_ids)) | Q(hospital__in=list(hospital_ids))
    return Alert.objects.filter(of, cause__in=MISSED_CHECK_CAUSES, opened_at__lt=end).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=start)
    )


@dataclass
class MissedChecks:
    """Missed-check alerts counted per unit and per hospital, with those still open."""

    by_unit: Counter = field(default_factory=Counter)
    open_by_unit: Counter = field(default_factory=Counter)
    by_hospital: Counter = field(default_factory=Counter)
    open_by_hospital: Counter = field(default_factory=Counter)


def missed_check_counts(alerts: QuerySet[Alert]) -> MissedChecks:
    """The alerts counted per unit and per hospital. One query."""
    counts = MissedChecks()
    for unit_id, hospital_id, closed_at in alerts.values_list("unit_id", "hospital_id", "closed_at").order_by():
        counts.by_unit[unit_id] += 1
        counts.by_hospital[hospital_id] += 1
        counts.open_by_unit[unit_id] += closed_at is None
        counts.open_by_hospital[hospital_id] += closed_at is None
    return counts
