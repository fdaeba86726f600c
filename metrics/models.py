"""Effect measurement: the platforms' own export files brought in, and the daily and per-post figures they hold.

Snapshots and post figures are not historied: a hospital holds hundreds of thousands of them, and each carries the
import that last wrote it (``source``), while every import itself is historied with who uploaded and confirmed it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from channels_plan.models import Channel


class MetricImport(models.Model):
    """One uploaded export file: previewed first, then confirmed (all rows written) or discarded."""

    class Format(models.TextChoices):
        META_POSTS = "meta_posts", _("Meta Business Suite: posts")
        META_PAGE_DAILY = "meta_page_daily", _("Meta Business Suite: page, per day")
        INSTAGRAM_POSTS = "instagram_posts", _("Instagram: posts")
        LINKEDIN_PAGE = "linkedin_page", _("LinkedIn: page analytics")
        X_ANALYTICS = "x_analytics", _("X: analytics")
        NETWORK_MEMBERS = "network_members", _("Closed group: members per day")

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed")
        CONFIRMED = "confirmed", _("Confirmed")
        DISCARDED = "discarded", _("Discarded")

    channel = models.ForeignKey(
        Channel, on_delete=models.CASCADE, related_name="metric_imports", verbose_name=_("channel")
    )
    format = models.CharField(_("format"), max_length=30, choices=Format.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PREVIEWED)
    file = models.FileField(_("file"), upload_to="metric-imports/%Y/%m/", blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    rows_total = models.PositiveIntegerField(_("rows read"), default=0)
    rows_rejected = models.PositiveIntegerField(_("rows rejected"), default=0)
    rows_created = models.PositiveIntegerField(_("rows created"), default=0)
    rows_updated = models.PositiveIntegerField(_("rows updated"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("rows unchanged"), default=0)
    first_day = models.DateField(_("first day"), null=True, blank=True)
    last_day = models.DateField(_("last day"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed or discarded by"),
    )
    decided_at = models.DateTimeField(_("confirmed or discarded"), null=True, blank=True)
    # The first rejected rows of the preview ({"row", "column", "reason"}), shown without reading the file again.
    rejections = models.JSONField(_("rejected rows"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("metric import")
        verbose_name_plural = _("metric imports")
        ordering = ["-uploaded_at", "-pk"]
        indexes = [models.Index(fields=["channel", "sha256"])]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_format_display()})"


class ChannelDailySnapshot(models.Model):
    """A channel's figures for one day. A figure the export did not hold stays empty (None), never zero."""

    channel = models.ForeignKey(
        Channel, on_delete=models.CASCADE, related_name="daily_snapshots", verbose_name=_("channel")
    )
    day = models.DateField(_("day"))
    followers = models.PositiveIntegerField(_("followers"), null=True, blank=True)
    new_followers = models.IntegerField(_("new followers"), null=True, blank=True)
    reach = models.PositiveIntegerField(_("reach"), null=True, blank=True)
    reach_organic = models.PositiveIntegerField(_("organic reach"), null=True, blank=True)
    reach_paid = models.PositiveIntegerField(_("paid reach"), null=True, blank=True)
    views = models.PositiveIntegerField(_("views"), null=True, blank=True)
    reactions = models.PositiveIntegerField(_("reactions"), null=True, blank=True)
    comments = models.PositiveIntegerField(_("comments"), null=True, blank=True)
    shares = models.PositiveIntegerField(_("shares"), null=True, blank=True)
    clicks = models.PositiveIntegerField(_("clicks"), null=True, blank=True)
    engagements = models.PositiveIntegerField(_("engagements"), null=True, blank=True)
    network_members = models.PositiveIntegerField(_("network members"), null=True, blank=True)
    source = models.ForeignKey(
        MetricImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("import")
    )

    class Meta:
        verbose_name = _("daily snapshot")
        verbose_name_plural = _("daily snapshots")
        constraints = [models.UniqueConstraint(fields=["channel", "day"], name="one_snapshot_per_channel_and_day")]

    def __str__(self) -> str:
        return f"{self.channel} {self.day:%Y-%m-%d}"

    @property
    def engagement_rate(self) -> float | None:
        """Engagements per person reached, as a share (0.031 is 3.1 %); None without both figures."""
        if self.engagements is None or not self.reach:
            return None
        return self.engagements / self.reach


class PostMetric(models.Model):
    """One published post's figures, for the best and worst posts of a period."""

    channel = models.ForeignKey(
        Channel, on_delete=models.CASCADE, related_name="post_metrics", verbose_name=_("channel")
    )
    external_id = models.CharField(_("post id on the platform"), max_length=200)
    published_at = models.DateTimeField(_("published"))
    post_type = models.CharField(_("type"), max_length=60, blank=True)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    permalink = models.URLField(_("link"), max_length=500, blank=True)
    reach = models.PositiveIntegerField(_("reach"), null=True, blank=True)
    reach_organic = models.PositiveIntegerField(_("organic reach"), null=True, blank=True)
    reach_paid = models.PositiveIntegerField(_("paid reach"), null=True, blank=True)
    views = models.PositiveIntegerField(_("views"), null=True, blank=True)
    video_views = models.PositiveIntegerField(_("video views"), null=True, blank=True)
    reactions = models.PositiveIntegerField(_("reactions"), null=True, blank=True)
    comments = models.PositiveIntegerField(_("comments"), null=True, blank=True)
    shares = models.PositiveIntegerField(_("shares"), null=True, blank=True)
    clicks = models.PositiveIntegerField(_("clicks"), null=True, blank=True)
    saves = models.PositiveIntegerField(_("saves"), null=True, blank=True)
    engagements = models.PositiveIntegerField(_("engagements"), null=True, blank=True)
    source = models.ForeignKey(
        MetricImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("import")
    )

    class Meta:
        verbose_name = _("post figures")
        verbose_name_plural = _("post figures")
        constraints = [models.UniqueConstraint(fields=["channel", "external_id"], name="one_figure_row_per_post")]
        indexes = [models.Index(fields=["channel", "published_at"])]

    def __str__(self) -> str:
        return f"{self.channel} {self.external_id}"

    @property
    def engagement_rate(self) -> float | None:
        if self.engagements is None or not self.reach:
            return None
        return self.engagements / self.reach


class MonthlyReportDispatch(models.Model):
    """The monthly effect report of one department for one month was mailed: at most once (the unique key)."""

    unit = models.ForeignKey(
        "governance.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("department")
    )
    month = models.DateField(_("month (its first day)"))
    sent_at = models.DateTimeField(_("sent"))
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("monthly report sent")
        verbose_name_plural = _("monthly reports sent")
        constraints = [models.UniqueConstraint(fields=["unit", "month"], name="one_monthly_report_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit} {self.month:%Y-%m}"
