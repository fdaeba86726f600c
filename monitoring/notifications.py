"""E-mails about alerts: new ones to the people responsible, escalated ones to the communication unit.

One e-mail per person per sweep, naming each alert's cause and channel and linking to the alert list; never the text
of an interaction (it may hold health data).
"""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from governance.models import Membership, Unit
from governance.permissions import REVIEWER_ROLES
from monitoring.models import Alert

DEPARTMENT_RESPONSIBLE_ROLES = ("flowmanager",)


def _line(alert: Alert) -> str:
    subject = alert.channel or alert.feed or alert.unit or alert.hospital
    return f"- {alert.get_cause_display()}: {subject}"


def _communication_unit(hospital_ids: set[int]) -> dict[int, set[str]]:
    emails: dict[int, set[str]] = defaultdict(set)
    rows = Membership.objects.filter(
        unit__hospital_id__in=hospital_ids,
        unit__kind=Unit.Kind.COMMUNICATION,
        role__code__in=REVIEWER_ROLES,
        user__is_active=True,
    ).values_list("unit__hospital_id", "user__email")
    for hospital_id, email in rows:
        emails[hospital_id].add(email)
    return emails


def _department_responsible(unit_ids: set[int]) -> dict[int, set[str]]:
    emails: dict[int, set[str]] = defaultdict(set)
    rows = Membership.objects.filter(
        unit_id__in=unit_ids, role__code__in=DEPARTMENT_RESPONSIBLE_ROLES, user__is_active=True
    ).values_list("unit_id", "user__email")
    for unit_id, email in rows:
        emails[unit_id].add(email)
    return emails


def _responsible(alert: Alert, departments: dict[int, set[str]], central: dict[int, set[str]]) -> set[str]:
    people = set()
    if alert.channel is not None:
        people |= {user.email for user in (alert.channel.owner, alert.channel.backup) if user.is_active}
    if alert.interaction is not None and alert.interaction.assignee is not None:
        people.add(alert.interaction.assignee.email)
    if alert.unit_id is not None and alert.unit.kind == Unit.Kind.DEPARTMENT:
        people |= departments.get(alert.unit_id, set())
    else:
        people |= central.get(alert.hospital_id, set())
    return people


def notify_alerts(*, opened_ids: list[int], escalated_ids: list[int]) -> None:
    alerts = Alert.objects.filter(pk__in=[*opened_ids, *escalated_ids]).select_related(
        "hospital", "unit", "channel__owner", "channel__backup", "feed", "interaction__assignee"
    )
    alerts = list(alerts)
    central = _communication_unit({alert.hospital_id for alert in alerts})
    departments = _department_responsible({alert.unit_id for alert in alerts if alert.unit_id})
    new: dict[str, list[str]] = defaultdict(list)
    escalated: dict[str, list[str]] = defaultdict(list)
    for alert in alerts:
        if alert.pk in opened_ids:
            for email in _responsible(alert, departments, central):
                new[email].append(_line(alert))
        if alert.pk in escalated_ids:
            for email in central.get(alert.hospital_id, set()):
                escalated[email].append(_line(alert))
    url = settings.SITE_URL.rstrip("/") + reverse("monitoring:alerts")
    for email, lines in new.items():
        if email:
            send_mail(
                _("Monitoring: %(count)d new alerts") % {"count": len(lines)},
                _("These duties are not met:\n%(lines)s\n\nSee the alerts: %(url)s")
                % {"lines": "\n".join(lines), "url": url},
                None,
                [email],
            )
    for email, lines in escalated.items():
        if email:
            send_mail(
                _("Monitoring: %(count)d alerts still open") % {"count": len(lines)},
                _("These alerts have stayed open past their escalation time:\n%(lines)s\n\nSee the alerts: %(url)s")
                % {"lines": "\n".join(lines), "url": url},
                None,
                [email],
            )
