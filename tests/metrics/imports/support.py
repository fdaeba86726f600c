"""Sample export files and a shortcut through the upload service, for the metric import tests."""

import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from channels_plan.models import Channel
from governance.models import User
from metrics.imports.services import metric_import_upload
from metrics.models import MetricImport

SAMPLES = Path(__file__).parent / "samples"
SAMPLE_FORMATS = {
    "meta_posts.csv": MetricImport.Format.META_POSTS,
    "meta_page_daily.csv": MetricImport.Format.META_PAGE_DAILY,
    "instagram_posts.csv": MetricImport.Format.INSTAGRAM_POSTS,
    "x_analytics.csv": MetricImport.Format.X_ANALYTICS,
    "network_members.csv": MetricImport.Format.NETWORK_MEMBERS,
    "linkedin_page.xlsx": MetricImport.Format.LINKEDIN_PAGE,
    "linkedin_page.xls": MetricImport.Format.LINKEDIN_PAGE,
}


def sample_upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (SAMPLES / name).read_bytes())


def bytes_upload(content: bytes, name: str = "export.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def text_upload(text: str, name: str = "export.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"))


def demo_channel() -> Channel:
    return Channel.objects.get(plan__title="Hjerteafdelingen på Facebook")


def upload(name: str, user: User, *, channel: Channel | None = None, format: str | None = None) -> MetricImport:
    return metric_import_upload(
        channel=channel or demo_channel(),
        uploaded_file=sample_upload(name),
        format=format or SAMPLE_FORMATS[name],
        acting_user=user,
    )


def upload_bytes(content: bytes, format: str, user: User, *, name: str = "export.csv") -> MetricImport:
    return metric_import_upload(
        channel=demo_channel(), uploaded_file=SimpleUploadedFile(name, content), format=format, acting_user=user
    )


def page_daily_csv(rows: list[list[str]], header: str = "Date,Followers,New follows,Reach,Views") -> bytes:
    lines = [header, *(",".join(row) for row in rows)]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def stream(content: bytes) -> io.BytesIO:
    return io.BytesIO(content)
