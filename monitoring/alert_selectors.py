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
