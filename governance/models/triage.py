"""The triage response diagram as data: yes/no questions about an interaction that end in a recommended action."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models.guidelines import GuidelineKind
from governance.models.organisation import Hospital, in_ui_language


class TriageAction(models.TextChoices):
    ANSWER_PUBLICLY = "answer_publicly", _("Answer publicly")
    THANK = "thank", _("Thank the writer")
    PRIVATE_MESSAGE = "private_message", _("Move to a private message and answer there")
    FORWARD_TO_DEPARTMENT = "forward_department", _("Forward to the department")
    COMPLAINTS_OFFICE = "complaints_office", _("Hand to the complaints office")
    HIDE = "hide", _("Hide under the house rules")
    ESCALATE_CRISIS = "escalate_crisis", _("Escalate to the crisis plan")
    NO_ANSWER = "no_answer", _("No answer needed: keep watching")


class TriageNode(models.Model):
    """A question with a next node for yes and for no, or an action that ends the walk."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        ACTION = "action", _("Action")

    hospital = models.ForeignKey(
        Hospital, on_delete=models.CASCADE, related_name="triage_nodes", verbose_name=_("hospital")
    )
    code = models.SlugField(
        _("code"),
        max_length=40,
        help_text=_("A stable name, so the inbox can answer the question from what it knows about an interaction."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    is_start = models.BooleanField(_("first question"), default=False)
    text_da = models.CharField(_("text (Danish)"), max_length=300)
    text_nb = models.CharField(_("text (Norwegian)"), max_length=300)
    text_en = models.CharField(_("text (English)"), max_length=300)
    help_da = models.TextField(_("explanation (Danish)"), max_length=2000, blank=True)
    help_nb = models.TextField(_("explanation (Norwegian)"), max_length=2000, blank=True)
    help_en = models.TextField(_("explanation (English)"), max_length=2000, blank=True)
    yes_next = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("if yes")
    )
    no_next = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("if no")
    )
    action = models.CharField(_("action"), max_length=30, choices=TriageAction.choices, blank=True)
    answer_within_hours = models.PositiveSmallIntegerField(
        _("answer within (hours)"), null=True, blank=True, help_text=_("Leave empty where no answer is due.")
    )
    guideline_kind = models.CharField(
        _("guideline to follow"), max_length=40, choices=GuidelineKind.choices, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("triage step")
        verbose_name_plural = _("triage steps")
        ordering = ["hospital", "kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["hospital", "code"], name="triage_code_unique_per_hospital"),
            models.UniqueConstraint(
                fields=["hospital"], condition=models.Q(is_start=True), name="one_triage_start_per_hospital"
            ),
            models.CheckConstraint(
                condition=models.Q(kind="question", action="") | models.Q(kind="action", yes_next=None, no_next=None),
                name="triage_node_is_question_or_action",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return in_ui_language(self, "text")

    @property
    def help(self) -> str:
        return in_ui_language(self, "help")

    @property
    def is_question(self) -> bool:
        return self.kind == self.Kind.QUESTION
