"""Channel plans (Haukeland's template), their review, and the registry of official channels they open."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from governance.models import CrisisPeriod, Unit
from maturity.models import Requirement


class Platform(models.TextChoices):
    FACEBOOK_PAGE = "facebook_page", _("Facebook page")
    FACEBOOK_GROUP = "facebook_group", _("Facebook closed group")
    INSTAGRAM = "instagram", _("Instagram")
    LINKEDIN = "linkedin", _("LinkedIn")
    X = "x", _("X")
    YOUTUBE = "youtube", _("YouTube")
    TIKTOK = "tiktok", _("TikTok")
    SNAPCHAT = "snapchat", _("Snapchat")
    OTHER = "other", _("Other")


class ChannelPlan(models.Model):
    """ "Plan for sosiale medier": what a unit must have approved before it opens an account."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    EDITABLE_STATUSES = (Status.DRAFT, Status.CHANGES_REQUESTED)
    # What the department fills in: the form's fields, and what a submission's snapshot records.
    DRAFTED_FIELDS = [
        "title",
        "goals",
        "success_evaluation",
        "primary_target_group",
        "secondary_target_groups",
        "platform",
        "platform_other",
        "content",
        "owner",
        "backup",
        "hours_per_week",
        "sender_name",
        "handle",
        "evaluation_date",
        "content_strategies",
        "invites_dialogue",
        "department_posts",
        "justification",
    ]

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="channel_plans", verbose_name=_("unit"))
    title = models.CharField(_("plan for"), max_length=200)
    goals = models.TextField(_("communication goals"), blank=True)
    success_evaluation = models.TextField(_("how success will be evaluated"), blank=True)
    primary_target_group = models.TextField(_("primary target group"), blank=True)
    secondary_target_groups = models.TextField(_("secondary target groups"), blank=True)
    platform = models.CharField(_("channel/platform"), max_length=30, choices=Platform.choices)
    platform_other = models.CharField(_("other platform"), max_length=100, blank=True)
    content = models.TextField(_("content"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_channel_plans",
        verbose_name=_("owner"),
    )
    backup = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="backup_channel_plans",
        verbose_name=_("back-up"),
    )
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True)
    sender_name = models.CharField(_("sender name as the public sees it"), max_length=120, blank=True)
    handle = models.CharField(_("intended handle or URL"), max_length=200, blank=True)
    evaluation_date = models.DateField(_("evaluation date"), null=True, blank=True)
    content_strategies = models.ManyToManyField(
        Requirement,
        blank=True,
        related_name="+",
        limit_choices_to={"cell__dimension__code": "content_strategy"},
        verbose_name=_("content strategies of the scale it serves"),
    )
    invites_dialogue = models.BooleanField(_("invites comments and dialogue"), default=False)
    department_posts = models.BooleanField(_("the department posts itself"), default=False)
    justification = models.TextField(_("justification for what the level does not allow"), blank=True)
    result = models.TextField(_("result"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("drafted by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("last submitted"), null=True, blank=True)
    evaluated_at = models.DateTimeField(_("evaluated"), null=True, blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("evaluated by"),
    )
    history = HistoricalRecords(m2m_fields=[content_strategies])

    class Meta:
        verbose_name = _("channel plan")
        verbose_name_plural = _("channel plans")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES


class PlanSubmission(models.Model):
    """What the reviewers saw: a snapshot of the plan at each submission, for the diff on resubmission."""

    plan = models.ForeignKey(ChannelPlan, on_delete=models.CASCADE, related_name="submissions")
    number = models.PositiveSmallIntegerField(_("submission"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    snapshot = models.JSONField(_("snapshot"))

    class Meta:
        verbose_name = _("plan submission")
        verbose_name_plural = _("plan submissions")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="one_submission_number_per_plan")]

    def __str__(self) -> str:
        return f"{self.plan} #{self.number}"


class ReviewDecision(models.Model):
    """Who decided what, when and why, on a plan or a proposal; the subclasses name their choices."""

    comment = models.TextField(_("comment"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["decided_at"]


class PlanDecision(ReviewDecision):
    class Decision(models.TextChoices):
        APPROVE = "approve", _("Approve")
        REQUEST_CHANGES = "request_changes", _("Request changes")
        REJECT = "reject", _("Reject")

    plan = models.ForeignKey(ChannelPlan, on_delete=models.CASCADE, related_name="decisions")
    submission = models.OneToOneField(PlanSubmission, on_delete=models.CASCADE, related_name="decision")
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    history = HistoricalRecords()

    class Meta(ReviewDecision.Meta):
        verbose_name = _("plan decision")
        verbose_name_plural = _("plan decisions")

    def __str__(self) -> str:
        return f"{self.plan}: {self.get_decision_display()}"


class Channel(models.Model):
    """An official channel of the hospital, registered when its plan is approved."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        CLOSED = "closed", pgettext_lazy("status", "Closed")

    plan = models.OneToOneField(ChannelPlan, on_delete=models.PROTECT, related_name="channel", verbose_name=_("plan"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="channels", verbose_name=_("unit"))
    platform = models.CharField(_("platform"), max_length=30, choices=Platform.choices)
    handle = models.CharField(_("handle or URL"), max_length=200)
    sender_name = models.CharField(_("sender name"), max_length=120)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_channels", verbose_name=_("owner")
    )
    backup = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="backup_channels", verbose_name=_("back-up")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ["unit__name", "platform", "handle"]
        permissions = [
            ("post_to_channel", _("May post on the channel")),
            ("review_content_for_channel", _("May review content proposals for the channel")),
        ]

    def __str__(self) -> str:
        return f"{self.sender_name} ({self.get_platform_display()})"


class ChannelReview(models.Model):
    """The yearly check of a channel: is the owner still there, the back-up, is the channel still needed."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="reviews")
    owner_still_there = models.BooleanField(_("the owner is still there"))
    backup_still_there = models.BooleanField(_("the back-up is still there"))
    still_needed = models.BooleanField(_("the channel is still needed"))
    comment = models.TextField(_("comment"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("reviewed by")
    )
    reviewed_at = models.DateTimeField(_("reviewed"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("channel review")
        verbose_name_plural = _("channel reviews")
        ordering = ["-reviewed_at"]

    def __str__(self) -> str:
        return f"{self.channel} @ {self.reviewed_at:%Y-%m-%d}"


class ChannelUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Channel, on_delete=models.CASCADE)


class ChannelGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Channel, on_delete=models.CASCADE)


class PostingEnrolment(models.Model):
    """A department's place among those that post on official channels themselves.

    At level 3 the communication unit selects departments; at level 4 a department asks and the communication
    unit approves. Either way the enrolment is active once the communication unit has decided.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested by the department")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="posting_enrolment")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("posting enrolment")
        verbose_name_plural = _("posting enrolments")

    def __str__(self) -> str:
        return f"{self.unit}: {self.get_status_display()}"


class ContentStrategy(models.TextChoices):
    """The scale's content strategies, as a proposal names the one it serves."""

    BRANDING = "branding", _("Branding and visibility")
    OPENNESS = "openness", _("Openness and insight into the hospital")
    MARKETING = "marketing", _("Marketing of services, events and campaigns")
    CRISIS = "crisis", _("Crisis communication")
    EDUCATION = "education", _("Educating users")
    PATIENT_PATHWAY = "patient_pathway", _("Supporting the patient pathway")
    RELATIONS = "relations", _("Good relations through accessibility and service")
    INVOLVEMENT = "involvement", _("Involving users")


class ContentProposal(models.Model):
    """A post a department proposes (or, with the right to post, schedules) for one or more official channels."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")
        HELD = "held", _("Held during crisis mode")

    EDITABLE_STATUSES = (Status.DRAFT, Status.CHANGES_REQUESTED)

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="content_proposals", verbose_name=_("unit"))
    title = models.CharField(_("working title"), max_length=200)
    text = models.TextField(_("text"), max_length=10000)
    channels = models.ManyToManyField(Channel, related_name="proposals", verbose_name=_("channels"))
    wished_at = models.DateTimeField(_("wished publication time"), null=True, blank=True)
    strategy = models.CharField(_("content strategy"), max_length=30, choices=ContentStrategy.choices)
    invites_dialogue = models.BooleanField(_("invites dialogue"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    scheduled_at = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    permalink = models.URLField(_("link to the post"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    held_by_crisis = models.ForeignKey(
        CrisisPeriod,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="held_proposals",
        verbose_name=_("held by crisis mode"),
    )
    history = HistoricalRecords(m2m_fields=[channels])

    class Meta:
        verbose_name = _("content proposal")
        verbose_name_plural = _("content proposals")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "scheduled_at"]),
            models.Index(fields=["published_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="held", held_by_crisis__isnull=False)
                | (~models.Q(status="held") & models.Q(held_by_crisis__isnull=True)),
                name="held_proposals_name_their_crisis",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES

    @property
    def calendar_at(self):
        """When the item stands in the editorial calendar: its publication, or else its scheduled time."""
        return self.published_at or self.scheduled_at


class ProposalDecision(ReviewDecision):
    class Decision(models.TextChoices):
        SCHEDULE = "schedule", _("Approve and schedule")
        REQUEST_CHANGES = "request_changes", _("Request changes")
        REJECT = "reject", _("Reject")

    proposal = models.ForeignKey(ContentProposal, on_delete=models.CASCADE, related_name="decisions")
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    history = HistoricalRecords()

    class Meta(ReviewDecision.Meta):
        verbose_name = _("proposal decision")
        verbose_name_plural = _("proposal decisions")

    def __str__(self) -> str:
        return f"{self.proposal}: {self.get_decision_display()}"


class CalendarFeedToken(models.Model):
    """The secret in a person's iCalendar subscription URL: whoever holds it reads what that person may see.

    Resetting it gives a new secret, and the old URL stops working at once.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed_token",
        verbose_name=_("user"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The audit trail records who issued or reset a link and when, never the secret itself.
    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self) -> str:
        return str(self.user)


def _attachment_path(instance: "ProposalAttachment", filename: str) -> str:
    """A random name under proposals/: the uploader's file name is kept only as text, never as a path."""
    return f"proposals/{uuid.uuid4().hex}.{instance.extension}"


class ProposalAttachment(models.Model):
    proposal = models.ForeignKey(ContentProposal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=_attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    extension = models.CharField(_("extension"), max_length=10)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
