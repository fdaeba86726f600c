"""Organisational user involvement (level 4): an activity asks the public a question, or recruits for a study or a
council, through content proposals written for it; the input is coded by topic and ends in a decided report."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from channels_plan.models.plans import ContentProposal
from governance.models import Unit


class InvolvementActivity(models.Model):
    class Kind(models.TextChoices):
        SERVICES = "services", _("Question about the hospital's services")
        SERVICE = "service", _("Question about service")
        WORKFLOWS = "workflows", _("Question about workflows")
        PRACTICAL = "practical", _("Question about practical matters")
        COMMUNICATION = "communication", _("Question about communication")
        QUALITY = "quality", _("Question about quality")
        RESEARCH = "research", _("Recruitment for a research project")
        INNOVATION = "innovation", _("Recruitment for an innovation project")
        USER_COUNCIL = "user_council", _("Recruitment for a user council")

    RECRUITMENT_KINDS = (Kind.RESEARCH, Kind.INNOVATION, Kind.USER_COUNCIL)

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        REPORTING = "reporting", _("Reporting")
        CLOSED = "closed", _("Closed")

    NEXT_STATUS = {Status.PLANNED: Status.RUNNING, Status.RUNNING: Status.REPORTING, Status.REPORTING: Status.CLOSED}
    EDITABLE_STATUSES = (Status.PLANNED, Status.RUNNING)

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="involvement_activities", verbose_name=_("run by")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    purpose = models.TextField(_("purpose"), max_length=4000)
    question = models.TextField(_("question to the public"), max_length=4000)
    study_or_council = models.CharField(_("study, project or council"), max_length=300, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    signup = models.CharField(_("where people sign up"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    proposals = models.ManyToManyField(
        ContentProposal, blank=True, related_name="involvement_activities", verbose_name=_("content proposals")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[proposals])

    class Meta:
        verbose_name = _("involvement activity")
        verbose_name_plural = _("involvement activities")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_recruitment(self) -> bool:
        return self.kind in self.RECRUITMENT_KINDS

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES


class InvolvementTopic(models.Model):
    """One of an activity's few topics that input is coded by, with the coder's own summary of it."""

    activity = models.ForeignKey(InvolvementActivity, on_delete=models.CASCADE, related_name="topics")
    label = models.CharField(_("topic"), max_length=120)
    summary = models.TextField(
        _("summary of the input"),
        max_length=4000,
        blank=True,
        help_text=_("In your own words: never copy comments, names or health information."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("involvement topic")
        verbose_name_plural = _("involvement topics")
        ordering = ["activity", "label"]
        constraints = [models.UniqueConstraint(fields=["activity", "label"], name="involvement_topic_once")]

    def __str__(self) -> str:
        return self.label


class InvolvementReport(models.Model):
    """What was learnt and what the organisation does with it: a decision record, who decided and when."""

    activity = models.OneToOneField(InvolvementActivity, on_delete=models.CASCADE, related_name="report")
    learnt = models.TextField(_("what was learnt"), max_length=8000)
    actions = models.TextField(_("what the organisation does with it"), max_length=8000)
    decided_by = models.CharField(_("decided by"), max_length=200, help_text=_("A person or a body, by name."))
    decided_on = models.DateField(_("decided on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("involvement report")
        verbose_name_plural = _("involvement reports")

    def __str__(self) -> str:
        return f"{self.activity}"
