"""Input to a user-involvement activity: a link from the activity to an interaction, coded by topic.

No text is copied: the link points to the interaction, which keeps the inbox's visibility and retention rules (an
interaction with health data is deleted after the retention period, and its links with it)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from involvement.models import InvolvementActivity, InvolvementTopic
from monitoring.models.duties import Interaction


class InvolvementInput(models.Model):
    activity = models.ForeignKey(InvolvementActivity, on_delete=models.CASCADE, related_name="inputs")
    interaction = models.ForeignKey(Interaction, on_delete=models.CASCADE, related_name="involvement_inputs")
    topic = models.ForeignKey(
        InvolvementTopic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inputs",
        verbose_name=_("topic"),
    )
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    linked_at = models.DateTimeField(_("linked"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("involvement input")
        verbose_name_plural = _("involvement input")
        constraints = [
            models.UniqueConstraint(fields=["activity", "interaction"], name="involvement_input_once_per_activity")
        ]

    def __str__(self) -> str:
        return f"{self.activity} ← #{self.interaction_id}"
