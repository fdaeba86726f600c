"""The scale's training programme: the course catalogue and which levels require which course."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models import in_language
from maturity.models import Level


class Course(models.Model):
    class Audience(models.TextChoices):
        ALL_STAFF = "all_staff", _("All employees")
        MANAGERS = "managers", _("Managers")
        INTERESTED_STAFF = "interested_staff", _("Interested employees")
        DEPARTMENT_FLOWMANAGERS = "department_flowmanagers", _("Flowmanagers in departments")
        DEPARTMENT_PRODUCERS = "department_producers", _("Social media producers in departments")
        FLOWMANAGERS_AND_KEY_PERSONS = (
            "flowmanagers_and_key_persons",
            _("Flowmanagers and key persons in departments"),
        )
        NETWORK_MODERATORS = "network_moderators", _("Flowmanagers and moderators of patient networks")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_da = models.CharField(_("name (Danish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    audience = models.CharField(_("audience"), max_length=40, choices=Audience.choices)
    levels = models.ManyToManyField(Level, related_name="courses", blank=True, verbose_name=_("required from levels"))
    history = HistoricalRecords(m2m_fields=[levels])

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self, "name")
