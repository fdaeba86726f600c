"""E-mails about channel plans, sent after the transaction that caused them has committed.

They name the plan and link to it, and carry no free text from the plan itself.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from channels_plan.models import ChannelPlan, PlanDecision
from governance.models import Membership, Unit


def _plan_url(plan: ChannelPlan) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("channels_plan:plan_detail", args=[plan.pk])


def notify_submission(*, plan_id: int) -> None:
    plan = ChannelPlan.objects.select_related("unit").get(pk=plan_id)
    recipients = sorted(
        set(
            Membership.objects.filter(
                unit__hospital_id=plan.unit.hospital_id, unit__kind=Unit.Kind.COMMUNICATION, user__is_active=True
            )
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )
    if recipients:
        send_mail(
            _("Channel plan to review: %(unit)s") % {"unit": plan.unit.name},
            _("%(unit)s has submitted a channel plan for review:\n%(url)s")
            % {"unit": plan.unit.name, "url": _plan_url(plan)},
            None,
            recipients,
        )


def notify_decision(*, decision_id: int) -> None:
    decision = PlanDecision.objects.select_related("plan__unit", "submission__submitted_by").get(pk=decision_id)
    submitter = decision.submission.submitted_by
    if submitter.email:
        send_mail(
            _("Your channel plan: %(decision)s") % {"decision": decision.plan.get_status_display()},
            _("The communication unit has decided on the channel plan of %(unit)s: %(decision)s.\n%(url)s")
            % {
                "unit": decision.plan.unit.name,
                "decision": decision.plan.get_status_display(),
                "url": _plan_url(decision.plan),
            },
            None,
            [submitter.email],
        )
