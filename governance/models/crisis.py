"""Crisis mode: while a period is open, scheduled posts are held and departments' posting rights are suspended."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models.organisation import Hospital


class CrisisPeriod(models.Model):
    hospital = models.ForeignKey(
        Hospital, on_delete=models.PROTECT, related_name="crisis_periods", verbose_name=_("hospital")
    )
    reason = models.TextField(_("reason"), max_length=2000)
    expected_end = models.DateTimeField(_("expected end"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("started by")
    )
    started_at = models.DateTimeField(_("started"))
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ended by"),
    )
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    end_note = models.TextField(_("closing note"), max_length=2000, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("crisis period")
        verbose_name_plural = _("crisis periods")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["hospital"], condition=models.Q(ended_at__isnull=True), name="one_open_crisis_per_hospital"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hospital} {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None
