"""Reads for the metric import pages: a person's import with its channel, a channel's past imports, the twin."""

from django.http import Http404

from governance.permissions import Actor
from metrics.imports.rights import can_see_channel_of
from metrics.models import MetricImport

LIST_LIMIT = 100


def metric_import_get_for_actor(*, actor: Actor, import_id: int) -> MetricImport:
    """The import, with its channel, department and people; 404 outside the channel's department and hospital's
    communication unit (the caller decides who may act: 403)."""
    metric_import = (
        MetricImport.objects.select_related("channel__unit__hospital", "uploaded_by", "decided_by")
        .filter(pk=import_id)
        .first()
    )
    if metric_import is None or not can_see_channel_of(
        actor, hospital_id=metric_import.channel.unit.hospital_id, unit_id=metric_import.channel.unit_id
    ):
        raise Http404("No such import")
    return metric_import


def metric_import_list(*, channel_id: int) -> list[MetricImport]:
    """The channel's latest imports, newest first."""
    return list(
        MetricImport.objects.filter(channel_id=channel_id)
        .select_related("uploaded_by", "decided_by")
        .order_by("-uploaded_at", "-pk")[:LIST_LIMIT]
    )


def metric_import_twin(metric_import: MetricImport) -> MetricImport | None:
    """An earlier confirmed import of the very same file into the same channel, if any."""
    return (
        MetricImport.objects.filter(
            channel_id=metric_import.channel_id, sha256=metric_import.sha256, status=MetricImport.Status.CONFIRMED
        )
        .exclude(pk=metric_import.pk)
        .select_related("decided_by")
        .order_by("decided_at")
        .first()
    )
