"""Patient and relatives networks (level 5): a department's closed group, opened through a channel plan that also
states the treatment offer, the membership rules, the facilitators and the department's guidelines."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from channels_plan.models.plans import Channel, ChannelPlan
from governance.models import GuidelineDocument, Unit

YEARLY = datetime.timedelta(days=365)


class NetworkTerms(models.Model):
    """What a network's treatment offer, membership rules, facilitators and guidelines are: shared fields."""

    treatment_offer = models.TextField(_("treatment offer it belongs to"), max_length=4000)
    membership_rules = models.TextField(_("membership rules"), max_length=4000)

    class Meta:
        abstract = True


class NetworkPlanTerms(NetworkTerms):
    """The network part of a closed-group channel plan, drafted with it and copied into the network on approval."""

    plan = models.OneToOneField(ChannelPlan, on_delete=models.CASCADE, related_name="network_terms")
    facilitators = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("facilitators"))
    guidelines = models.ManyToManyField(
        GuidelineDocument, blank=True, related_name="+", verbose_name=_("department guidelines it follows")
    )
    history = HistoricalRecords(m2m_fields=[facilitators, guidelines])

    class Meta:
        verbose_name = _("network plan terms")
        verbose_name_plural = _("network plan terms")

    def __str__(self) -> str:
        return f"{self.plan}"


class PatientNetwork(NetworkTerms):
    channel = models.OneToOneField(
        Channel, on_delete=models.PROTECT, related_name="patient_network", verbose_name=_("closed group")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="patient_networks", verbose_name=_("unit"))
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="facilitated_networks", verbose_name=_("facilitators")
    )
    guidelines = models.ManyToManyField(
        GuidelineDocument, blank=True, related_name="patient_networks", verbose_name=_("department guidelines")
    )
    approved_at = models.DateTimeField(_("approved"))
    history = HistoricalRecords(m2m_fields=[facilitators, guidelines])

    class Meta:
        verbose_name = _("patient network")
        verbose_name_plural = _("patient networks")
        ordering = ["unit__name", "channel__sender_name"]

    def __str__(self) -> str:
        return f"{self.channel.sender_name}"

    def review_due(self, last_reviewed_on: datetime.date | None) -> datetime.date:
        """A year after the last review, or after the approval."""
        return (last_reviewed_on or self.approved_at.date()) + YEARLY


class NetworkReview(models.Model):
    """The yearly review of a network: does it still serve its treatment offer, and does it go on."""

    network = models.ForeignKey(PatientNetwork, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("reviewed on"))
    continues = models.BooleanField(_("the network continues"))
    findings = models.TextField(_("findings"), max_length=4000)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("network review")
        verbose_name_plural = _("network reviews")
        ordering = ["-reviewed_on"]

    def __str__(self) -> str:
        return f"{self.network} {self.reviewed_on:%Y-%m-%d}"
