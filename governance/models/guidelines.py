"""The guidelines library: the response guidelines the scale requires and the chapters of the practical handbook.

A document belongs to a hospital, or to one of its departments; its text lives in numbered versions. A version is a
draft until the communication unit lead approves it; approving supersedes the version that was approved before, so
readers always see exactly one approved version and its date.
"""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models.organisation import Hospital, Unit

BODY_MAX_LENGTH = 50_000


class GuidelineKind(models.TextChoices):
    """The guideline documents the scale requires, then the chapters of Haukeland's practical handbook."""

    CRISIS_PLAN = "crisis_plan", _("Crisis plan")
    FEEDBACK_GUIDELINES = "feedback_guidelines", _("General guidelines and rules of thumb for feedback")
    TRIAGE_DIAGRAM = "triage_diagram", _("Triage response diagram")
    PERSONAL_DATA_COMPLAINTS = "personal_data_complaints", _("Handling of personal data and complaints")
    INVOLVEMENT_HANDLING = "involvement_handling", _("Handling of user involvement")
    INVOLVEMENT_INPUT_PROCESSING = (
        "involvement_input_processing",
        _("Collection and processing of involvement input"),
    )
    NETWORK_GUIDELINES = "network_guidelines", _("General guidelines for patient networks")
    DEPARTMENT_NETWORK_GUIDELINES = (
        "department_network_guidelines",
        _("Department-specific guidelines for patient networks"),
    )
    HANDBOOK_WHAT_WE_DO_NOT_DO = "handbook_not_done", _("Handbook: what we do not do on social media")
    HANDBOOK_BEFORE_YOU_START = "handbook_before_start", _("Handbook: before you start")
    HANDBOOK_RESPONSIBILITY = "handbook_responsibility", _("Handbook: who is responsible for the content")
    HANDBOOK_NAMES_AND_VISUAL_PROFILE = "handbook_names_visual", _("Handbook: names and visual profile")
    HANDBOOK_IMAGES = "handbook_images", _("Handbook: images")
    HANDBOOK_RESOURCES = "handbook_resources", _("Handbook: resources")
    HANDBOOK_EXPECTATIONS = "handbook_expectations", _("Handbook: managing expectations")
    HANDBOOK_EVALUATION = "handbook_evaluation", _("Handbook: evaluation")
    HANDBOOK_LANGUAGE = "handbook_language", _("Handbook: language, style and tone")
    HANDBOOK_GOOD_CONTENT = "handbook_good_content", _("Handbook: what is good content")
    HANDBOOK_PRACTICAL_TIPS = "handbook_practical_tips", _("Handbook: practical tips")
    HANDBOOK_WORK_ACCOUNTS = "handbook_work_accounts", _("Handbook: individual work accounts")

    @classmethod
    def is_handbook_chapter(cls, kind: str) -> bool:
        return kind.startswith("handbook_")


class GuidelineDocument(models.Model):
    """A guideline of one kind for a hospital (``unit`` empty) or for one of its departments."""

    hospital = models.ForeignKey(
        Hospital, on_delete=models.PROTECT, related_name="guideline_documents", verbose_name=_("hospital")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="guideline_documents",
        verbose_name=_("department"),
        help_text=_("Leave empty for a document that holds for the whole hospital."),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=GuidelineKind.choices)
    title = models.CharField(_("title"), max_length=200)
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("An approved version older than this no longer counts as current."),
    )
    named_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="guideline_documents_naming",
        verbose_name=_("people named in the document"),
        help_text=_("For the crisis plan: the crisis team, who are notified when crisis mode starts."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[named_people])

    class Meta:
        verbose_name = _("guideline document")
        verbose_name_plural = _("guideline documents")
        ordering = ["hospital__name", "unit__name", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["hospital", "kind"],
                condition=models.Q(unit__isnull=True),
                name="one_hospital_guideline_per_kind",
            ),
            models.UniqueConstraint(fields=["unit", "kind"], name="one_department_guideline_per_kind"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_handbook_chapter(self) -> bool:
        return GuidelineKind.is_handbook_chapter(self.kind)

    def review_due(self, approved_at):
        """When a version approved at ``approved_at`` stops counting as current."""
        return approved_at + timedelta(days=round(self.review_interval_months * 30.44))


class GuidelineVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        SUPERSEDED = "superseded", _("Superseded")

    document = models.ForeignKey(
        GuidelineDocument, on_delete=models.CASCADE, related_name="versions", verbose_name=_("document")
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    body = models.TextField(
        _("text"),
        max_length=BODY_MAX_LENGTH,
        help_text=_("Markdown: # headings, **bold**, *italics*, lists with - or 1., and [links](https://…)."),
    )
    change_summary = models.CharField(_("what changed"), max_length=300, blank=True)
    revision = models.PositiveIntegerField(
        _("revision"),
        default=1,
        help_text=_("Counts the saves of a draft, so two editors cannot overwrite each other."),
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("last edited by")
    )
    updated_at = models.DateTimeField(_("last edited"), default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("guideline version")
        verbose_name_plural = _("guideline versions")
        ordering = ["document_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="guideline_version_number_unique"),
            models.UniqueConstraint(
                fields=["document"], condition=models.Q(status="approved"), name="one_approved_guideline_version"
            ),
            models.UniqueConstraint(
                fields=["document"], condition=models.Q(status="draft"), name="one_draft_guideline_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"
