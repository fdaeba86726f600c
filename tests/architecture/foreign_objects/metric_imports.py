"""A metric import of the foreign department's channel, uploaded by its producer."""

from django.core.files.uploadedfile import SimpleUploadedFile

from metrics.imports.services import metric_import_upload
from metrics.models import MetricImport
from tests.metrics.imports.support import SAMPLES

KWARGS = {"import_id"}


def build(base) -> dict[str, int]:
    metric_import = metric_import_upload(
        channel=base["channel"],
        uploaded_file=SimpleUploadedFile("meta_posts.csv", (SAMPLES / "meta_posts.csv").read_bytes()),
        format=MetricImport.Format.META_POSTS,
        acting_user=base["producer"],
    )
    return {"import_id": metric_import.pk}
