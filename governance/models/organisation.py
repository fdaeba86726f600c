"""The organisation: people, hospitals, units, the role catalogue and who holds which role where."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def in_language(obj, field: str) -> str:
    """The Danish or English variant of a bilingual field, for the active UI language.

    The scale's texts exist in Danish (the original) and English; Norwegian readers get the Danish original.
    """
    suffix = "en" if (get_language() or "da").startswith("en") else "da"
    return getattr(obj, f"{field}_{suffix}")


def in_ui_language(obj, field: str) -> str:
    """The Danish, Norwegian or English variant of a field written in all three UI languages."""
    language = get_language() or "da"
    suffix = "nb" if language.startswith(("nb", "no")) else "en" if language.startswith("en") else "da"
    return getattr(obj, f"{field}_{suffix}")


def text_language() -> str:
    """The language code of the bilingual texts shown for the active UI language."""
    return "en" if (get_language() or "da").startswith("en") else "da"


class User(AbstractUser):
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Hospital(models.Model):
    class Country(models.TextChoices):
        DENMARK = "DK", _("Denmark")
        NORWAY = "NO", _("Norway")

    name = models.CharField(_("name"), max_length=200, unique=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hospital")
        verbose_name_plural = _("hospitals")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    class Kind(models.TextChoices):
        COMMUNICATION = "communication", _("Central communication unit")
        DEPARTMENT = "department", _("Department")

    hospital = models.ForeignKey(Hospital, on_delete=models.PROTECT, related_name="units", verbose_name=_("hospital"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["hospital__name", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["hospital", "name"], name="unit_name_unique_per_hospital"),
            models.UniqueConstraint(
                fields=["hospital"],
                condition=models.Q(kind="communication"),
                name="one_communication_unit_per_hospital",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_communication_unit(self) -> bool:
        return self.kind == self.Kind.COMMUNICATION


class Role(models.Model):
    """A role of the scale's catalogue (strategist, flowmanager, community manager …), or a line manager."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_da = models.CharField(_("name (Danish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    responsibilities_da = models.JSONField(_("responsibilities (Danish)"), default=list, blank=True)
    responsibilities_en = models.JSONField(_("responsibilities (English)"), default=list, blank=True)
    tasks_da = models.JSONField(_("tasks (Danish)"), default=list, blank=True)
    tasks_en = models.JSONField(_("tasks (English)"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self, "name")

    @property
    def responsibilities(self) -> list[str]:
        return in_language(self, "responsibilities")

    @property
    def tasks(self) -> list[str]:
        return in_language(self, "tasks")


class Membership(models.Model):
    """A person holds a role in a unit, perhaps as the back-up of another member."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user"))
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("unit"))
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("role"))
    backup_for = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="backups",
        verbose_name=_("back-up for"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["unit__name", "role__order", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique_role_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.role} ({self.unit})"
