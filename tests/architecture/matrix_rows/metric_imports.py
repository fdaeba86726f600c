"""Metric imports: the channel's department's people on duty (producer, flowmanager) and the communication unit's
reviewers (lead, community manager) upload, preview, confirm and discard; the department's manager and the
superuser see the channel but do not import (403). An empty upload form is shown again (200)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from channels_plan.models import Channel
from governance.models import User
from metrics.imports.services import metric_import_upload
from metrics.models import MetricImport
from tests.architecture.personas import signed_in
from tests.metrics.imports.support import SAMPLES

IMPORTERS = {**signed_in(200), "manager": 403, "admin": 403}
IMPORTERS_ACT = {**signed_in(302), "manager": 403, "admin": 403}


def metric_import() -> list[int]:
    previewed = metric_import_upload(
        channel=Channel.objects.get(),
        uploaded_file=SimpleUploadedFile("meta_posts.csv", (SAMPLES / "meta_posts.csv").read_bytes()),
        format=MetricImport.Format.META_POSTS,
        acting_user=User.objects.get(username="producer"),
    )
    return [previewed.pk]


def channel() -> list[int]:
    return [Channel.objects.get().pk]


ROWS = {
    "metric_imports:upload": ([], {"GET": IMPORTERS, "POST": IMPORTERS}),
    "metric_imports:detail": (metric_import, {"GET": IMPORTERS, "POST": signed_in(405)}),
    "metric_imports:confirm": (metric_import, {"GET": signed_in(405), "POST": IMPORTERS_ACT}),
    "metric_imports:discard": (metric_import, {"GET": signed_in(405), "POST": IMPORTERS_ACT}),
    "metric_imports:channel_imports": (channel, {"GET": IMPORTERS, "POST": signed_in(405)}),
}
