"""E-mails about crisis mode, sent after the transaction that started or ended it has committed.

They go to the people the hospital's crisis plan names (the crisis team), or to the communication unit when the plan
names nobody, and carry no free text: the reason stays in the app, behind the log-in.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from governance.models import CrisisPeriod, GuidelineDocument, GuidelineKind, Membership, Unit


def crisis_team_emails(*, hospital_id: int) -> list[str]:
    plan = GuidelineDocument.objects.filter(
        hospital_id=hospital_id, unit__isnull=True, kind=GuidelineKind.CRISIS_PLAN
    ).first()
    named = plan.named_people.filter(is_active=True) if plan else None
    if named is not None and named.exists():
        emails = named.values_list("email", flat=True)
    else:
        emails = Membership.objects.filter(
            unit__hospital_id=hospital_id, unit__kind=Unit.Kind.COMMUNICATION, user__is_active=True
        ).values_list("user__email", flat=True)
    return sorted({email for email in emails if email})


def notify_crisis_mode(*, crisis_id: int) -> None:
    crisis = CrisisPeriod.objects.select_related("hospital").get(pk=crisis_id)
    recipients = crisis_team_emails(hospital_id=crisis.hospital_id)
    if not recipients:
        return
    url = settings.SITE_URL.rstrip("/") + reverse("crisis:status") + f"?hospital={crisis.hospital_id}"
    if crisis.is_open:
        subject = _("Crisis mode started: %(hospital)s") % {"hospital": crisis.hospital.name}
        body = _(
            "Crisis mode has been started at %(hospital)s. Scheduled posts are held and departments do not post "
            "until it ends. The reason and the crisis plan:\n%(url)s"
        )
    else:
        subject = _("Crisis mode ended: %(hospital)s") % {"hospital": crisis.hospital.name}
        body = _("Crisis mode has ended at %(hospital)s. Held posts are back in the schedule:\n%(url)s")
    send_mail(subject, body % {"hospital": crisis.hospital.name, "url": url}, None, recipients)
