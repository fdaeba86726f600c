"""The SoMe follow group (level 4 and up): people from different departments who follow the hospital's social media
work, meet, and bring ideas."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models.organisation import Hospital, Unit


class FollowGroup(models.Model):
    hospital = models.OneToOneField(
        Hospital, on_delete=models.PROTECT, related_name="follow_group", verbose_name=_("hospital")
    )
    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"), max_length=4000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow group")
        verbose_name_plural = _("follow groups")

    def __str__(self) -> str:
        return self.name


class FollowGroupMember(models.Model):
    group = models.ForeignKey(FollowGroup, on_delete=models.CASCADE, related_name="members", verbose_name=_("group"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follow_groups", verbose_name=_("person")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="follow_group_members", verbose_name=_("represents")
    )
    joined_on = models.DateField(_("joined"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow group member")
        verbose_name_plural = _("follow group members")
        ordering = ["unit__name", "user__last_name"]
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="follow_group_member_once")]

    def __str__(self) -> str:
        return f"{self.user} ({self.unit})"


class FollowGroupMeeting(models.Model):
    group = models.ForeignKey(FollowGroup, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("group"))
    held_on = models.DateField(_("date"))
    minutes = models.TextField(_("minutes"), max_length=10000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow group meeting")
        verbose_name_plural = _("follow group meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.group} {self.held_on}"


class FollowGroupIdea(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        ADOPTED = "adopted", _("Adopted")
        DONE = "done", _("Done")
        DECLINED = "declined", _("Declined")

    meeting = models.ForeignKey(
        FollowGroupMeeting, on_delete=models.CASCADE, related_name="ideas", verbose_name=_("meeting")
    )
    text = models.CharField(_("idea"), max_length=500)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.text
