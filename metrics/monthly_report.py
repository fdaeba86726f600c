"""The monthly effect report: each department's figures for the last month, mailed to its manager(s) and the
hospital's communication unit, at most once per department and month (MonthlyReportDispatch's unique key).

The row is written before the mail goes out, in the same transaction: a second worker doing the same department and
month waits on the unique key and then finds it taken, so it sends nothing; a mail that fails rolls the row back,
and the next run tries again. The mail holds figures only, never the text of an interaction or a post.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from governance.models import Hospital, Membership, Unit
from metrics.models import MonthlyReportDispatch
from metrics.reading import metric_dashboard_get, unit_scope
from metrics.reading.periods import period_for_month

DEPARTMENT_ROLES = ("manager",)
COMMUNICATION_ROLES = ("strategist", "community_manager")


def monthly_report_recipients(*, unit: Unit) -> list[str]:
    """The department's managers and the communication unit's lead and community managers: one query."""
    wanted = Q(unit=unit, role__code__in=DEPARTMENT_ROLES) | Q(
        unit__hospital_id=unit.hospital_id, unit__kind=Unit.Kind.COMMUNICATION, role__code__in=COMMUNICATION_ROLES
    )
    rows = Membership.objects.filter(wanted, user__is_active=True).values_list("user__email", flat=True)
    return sorted({email for email in rows if email})


def report_language(hospital: Hospital) -> str:
    """The recipients' language: Norwegian Bokmål in Norway, otherwise Danish (the people have no language set)."""
    return "nb" if hospital.country == Hospital.Country.NORWAY else "da"


def monthly_report_send(*, unit: Unit, month: datetime.date, now: datetime.datetime | None = None) -> bool:
    """Mail ``unit``'s report for the month holding ``month``; False when it went out before (or no one to send to)."""
    month = month.replace(day=1)
    recipients = monthly_report_recipients(unit=unit)
    if not recipients:
        return False
    try:
        with transaction.atomic():
            MonthlyReportDispatch.objects.create(
                unit=unit, month=month, sent_at=now or timezone.now(), recipients=len(recipients)
            )
            _mail(unit=unit, month=month, recipients=recipients)
    except IntegrityError:
        return False
    return True


def _mail(*, unit: Unit, month: datetime.date, recipients: list[str]) -> None:
    scope = unit_scope(unit)
    dashboard = metric_dashboard_get(scope=scope, period=period_for_month(month))
    url = settings.SITE_URL.rstrip("/") + reverse("metrics:unit", args=[unit.pk])
    with translation.override(report_language(unit.hospital)):
        context = {"dashboard": dashboard, "unit": unit, "month": month, "url": url}
        subject = _("Effect report for %(unit)s, %(month)s") % {
            "unit": unit.name,
            "month": f"{month:%m/%Y}",
        }
        text = render_to_string("metrics/monthly_report.txt", context)
        html = render_to_string("metrics/monthly_report.html", context)
    message = EmailMultiAlternatives(subject, text, None, recipients)
    message.attach_alternative(html, "text/html")
    message.send()
