"""Monitoring: the check log, the interaction inbox, mention feeds, ingest tokens and the alerts the sweep raises."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from channels_plan.models import Channel
from governance.models import Hospital, TriageAction, Unit

TEXT_MAX_LENGTH = 10_000


class SchedulerHeartbeat(models.Model):
    """Written by a periodic Celery task: proof that beat schedules and a worker runs what it schedules."""

    name = models.SlugField(_("name"), max_length=60, unique=True)
    beat_at = models.DateTimeField(_("last beat"))
    beats = models.PositiveBigIntegerField(_("beats"), default=0)

    class Meta:
        verbose_name = _("scheduler heartbeat")
        verbose_name_plural = _("scheduler heartbeats")

    def __str__(self) -> str:
        return f"{self.name} @ {self.beat_at:%Y-%m-%d %H:%M:%S}"


class ChannelCheck(models.Model):
    """Someone on duty looked at a channel: the log the monitoring norms are measured against."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="checks", verbose_name=_("channel"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("checked by")
    )
    checked_at = models.DateTimeField(_("checked"))

    class Meta:
        verbose_name = _("channel check")
        verbose_name_plural = _("channel checks")
        ordering = ["-checked_at"]
        indexes = [models.Index(fields=["channel", "-checked_at"])]

    def __str__(self) -> str:
        return f"{self.channel} {self.checked_at:%Y-%m-%d %H:%M}"


class MentionFeed(models.Model):
    """An RSS or Atom source of mentions (a news search, a Google Alerts feed), fetched by a Celery task."""

    hospital = models.ForeignKey(
        Hospital, on_delete=models.CASCADE, related_name="mention_feeds", verbose_name=_("hospital")
    )
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("feed address"), max_length=1000)
    is_active = models.BooleanField(_("active"), default=True)
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_fetched_at = models.DateTimeField(_("last fetched"), null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(_("last fetched successfully"), null=True, blank=True, editable=False)
    last_error = models.CharField(_("last error"), max_length=300, blank=True, editable=False)
    consecutive_failures = models.PositiveIntegerField(_("failures in a row"), default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["etag", "last_modified", "last_fetched_at", "last_success_at"])

    class Meta:
        verbose_name = _("mention feed")
        verbose_name_plural = _("mention feeds")
        ordering = ["hospital", "name"]
        constraints = [models.UniqueConstraint(fields=["hospital", "url"], name="mention_feed_once_per_hospital")]

    def __str__(self) -> str:
        return self.name


class Interaction(models.Model):
    """Something a member of the public wrote that someone on duty must look at, and perhaps answer."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Comment")
        DIRECT_MESSAGE = "direct_message", _("Direct message")
        MENTION = "mention", _("Mention")
        REVIEW = "review", _("Review")
        USER_POST = "user_post", _("A user's post on the profile")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        ANSWERED = "answered", _("Answered")
        NO_ANSWER_NEEDED = "no_answer_needed", _("No answer needed")

    class Source(models.TextChoices):
        MANUAL = "manual", _("Entered by hand")
        CSV = "csv", _("CSV import")
        API = "api", _("Integration")
        FEED = "feed", _("Mention feed")

    OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS)

    hospital = models.ForeignKey(
        Hospital, on_delete=models.PROTECT, related_name="interactions", verbose_name=_("hospital")
    )
    channel = models.ForeignKey(
        Channel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interactions",
        verbose_name=_("channel"),
        help_text=_("Empty for a mention found outside the hospital's own channels."),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interactions",
        verbose_name=_("responsible unit"),
    )
    feed = models.ForeignKey(MentionFeed, on_delete=models.SET_NULL, null=True, blank=True, related_name="interactions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.MANUAL)
    external_id = models.CharField(
        _("platform id"), max_length=300, blank=True, help_text=_("The platform's own id: importing it twice is safe.")
    )
    author_handle = models.CharField(_("author"), max_length=200, blank=True)
    text = models.TextField(_("text"), max_length=TEXT_MAX_LENGTH)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    occurred_at = models.DateTimeField(_("written"))
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_interactions",
        verbose_name=_("assigned to"),
    )
    deadline = models.DateTimeField(_("answer by"), null=True, blank=True)
    triage_action = models.CharField(_("triage outcome"), max_length=30, choices=TriageAction.choices, blank=True)
    sentiment = models.FloatField(_("sentiment"), null=True, blank=True)
    has_health_data = models.BooleanField(
        _("contains personal or health data"),
        default=False,
        help_text=_(
            "Only the communication unit and the responsible department see it; it is deleted after the "
            "retention period."
        ),
    )
    is_involvement = models.BooleanField(_("on a user-involvement post"), default=False)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    # The text never enters the history: it may hold health data, and the retention job must be able to erase it.
    history = HistoricalRecords(excluded_fields=["text", "author_handle", "url"])

    class Meta:
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        ordering = ["-occurred_at"]
        indexes = [
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["hospital", "status", "-occurred_at"]),
            models.Index(fields=["has_health_data", "received_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "external_id"],
                condition=~models.Q(external_id=""),
                name="interaction_platform_id_once_per_channel",
            ),
            models.UniqueConstraint(
                fields=["feed", "external_id"],
                condition=~models.Q(external_id=""),
                name="interaction_entry_once_per_feed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class InteractionAccess(models.Model):
    """Who read an interaction holding personal or health data, and when."""

    interaction = models.ForeignKey(Interaction, on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    accessed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("access to an interaction")
        verbose_name_plural = _("accesses to interactions")
        ordering = ["-accessed_at"]

    def __str__(self) -> str:
        return f"{self.user} → #{self.interaction_id}"


class IngestToken(models.Model):
    """The secret a hospital's integration sends to push interactions of one channel; only its hash is stored."""

    channel = models.OneToOneField(
        Channel, on_delete=models.CASCADE, related_name="ingest_token", verbose_name=_("channel")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["token_hash", "last_used_at"])

    class Meta:
        verbose_name = _("ingest token")
        verbose_name_plural = _("ingest tokens")

    def __str__(self) -> str:
        return f"{self.channel}"


class Alert(models.Model):
    """A duty not met, raised by the monitoring sweep and closed by it when its cause is gone.

    ``key`` names the cause and its object (``missed_check:channel:12``); at most one alert per key is open, so a
    sweep that runs twice, or two sweeps at once, raise nothing twice. Alerts record who and when in their own
    fields and are written in bulk by the sweep, so they carry no simple-history.
    """

    class Cause(models.TextChoices):
        MISSED_CHECK = "missed_check", _("Check missed")
        INVOLVEMENT_CHECK = "involvement_check", _("User-involvement post not checked")
        OVERDUE_ANSWER = "overdue_answer", _("Answer overdue")
        DORMANT_CHANNEL = "dormant_channel", _("Channel dormant")
        NO_BACKUP = "no_backup", _("Channel without a back-up")
        EVALUATION_DUE = "evaluation_due", _("Plan evaluation due")
        REVIEW_DUE = "review_due", _("Yearly channel review due")
        FEED_FAILING = "feed_failing", _("Mention feed failing")

    key = models.CharField(max_length=120)
    cause = models.CharField(_("cause"), max_length=30, choices=Cause.choices)
    hospital = models.ForeignKey(Hospital, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("hospital"))
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="alerts")
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, null=True, blank=True, related_name="alerts")
    interaction = models.ForeignKey(Interaction, on_delete=models.CASCADE, null=True, blank=True, related_name="alerts")
    feed = models.ForeignKey(MentionFeed, on_delete=models.CASCADE, null=True, blank=True, related_name="alerts")
    opened_at = models.DateTimeField(_("raised"))
    notified_at = models.DateTimeField(_("notified"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=models.Q(closed_at__isnull=True), name="one_open_alert_per_cause"
            ),
        ]
        indexes = [models.Index(fields=["hospital", "closed_at"])]

    def __str__(self) -> str:
        return self.key
