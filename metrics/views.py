"""The metric dashboards: hospital-wide (the communication unit), per department (its people and the communication
unit) and per channel, for a period beside the previous one, with CSV and XLSX downloads of the same figures."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from channels_plan.models import Channel
from governance.hospital_scope import hospital_for_request
from governance.models import Unit
from governance.permissions import Actor, request_actor
from governance.spreadsheets import csv_response, xlsx_response
from metrics.charts import bar_chart, line_chart
from metrics.exports import metric_export_header, metric_export_rows
from metrics.forms import period_form_for
from metrics.imports.rights import may_import_any_metrics
from metrics.reading import (
    MetricDashboard,
    MetricScope,
    channel_scope,
    hospital_scope,
    metric_dashboard_get,
    unit_scope,
)


def _sees_unit(actor: Actor, unit: Unit) -> bool:
    """A department's figures: its own people and the hospital's communication unit."""
    return actor.user.is_superuser or unit.hospital_id in actor.communication_units or unit.pk in actor.unit_roles


def _hospital_scope(request: HttpRequest) -> tuple[MetricScope, list[Unit]]:
    actor = request_actor(request)
    hospital, _hospitals = hospital_for_request(request, actor)
    if not (actor.user.is_superuser or actor.communication_roles(hospital.pk)):
        raise PermissionDenied
    units = list(Unit.objects.filter(hospital=hospital).order_by("kind", "name"))
    communication = next((unit.pk for unit in units if unit.kind == Unit.Kind.COMMUNICATION), None)
    return hospital_scope(hospital, communication_unit_id=communication), units


def _unit_scope(request: HttpRequest, unit_id: int) -> MetricScope:
    unit = Unit.objects.select_related("hospital").filter(pk=unit_id).first()
    if unit is None or not _sees_unit(request_actor(request), unit):
        raise Http404("No such department")
    return unit_scope(unit)


def _channel_scope(request: HttpRequest, channel_id: int) -> MetricScope:
    channel = Channel.objects.select_related("unit__hospital").filter(pk=channel_id).first()
    if channel is None or not _sees_unit(request_actor(request), channel.unit):
        raise Http404("No such channel")
    return channel_scope(channel)


def _charts(dashboard: MetricDashboard) -> list[dict]:
    first, last = (f"{day:%d.%m.}" for day in (dashboard.period.start, dashboard.period.end))
    labels = {"current_label": _("This period"), "previous_label": _("Previous period")}
    charts = []
    for figure, title in (("followers", _("Followers per day")), ("reach", _("Reach per day"))):
        charts.append(
            {
                "id": f"chart-{figure}",
                "title": title,
                "figure": figure,
                "svg": line_chart(
                    chart_id=f"chart-{figure}",
                    title=title,
                    current=[point.values[figure] for point in dashboard.series],
                    previous=[point.values[figure] for point in dashboard.previous_series],
                    first_label=first,
                    last_label=last,
                    **labels,
                ),
                "rows": list(zip(dashboard.series, dashboard.previous_series, strict=True)),
            }
        )
    if dashboard.has_network:
        title = _("Network members per day")
        charts.append(
            {
                "id": "chart-network",
                "title": title,
                "figure": "network_members",
                "svg": line_chart(
                    chart_id="chart-network",
                    title=title,
                    current=[point.network_members for point in dashboard.series],
                    previous=[point.network_members for point in dashboard.previous_series],
                    first_label=first,
                    last_label=last,
                    **labels,
                ),
                "rows": list(zip(dashboard.series, dashboard.previous_series, strict=True)),
            }
        )
    title = _("Engagements per day")
    charts.append(
        {
            "id": "chart-engagements",
            "title": title,
            "figure": "engagements",
            "svg": bar_chart(
                chart_id="chart-engagements",
                title=title,
                values=[point.engagements for point in dashboard.series],
                first_label=first,
                last_label=last,
            ),
            "rows": list(zip(dashboard.series, dashboard.previous_series, strict=True)),
        }
    )
    return charts


def _figure_rows(dashboard: MetricDashboard) -> list[dict]:
    """The period's figures beside the previous period's, in the order the scale asks for them."""
    now, before = dashboard.figures, dashboard.previous_figures
    rows = [
        (_("Followers at the end of the period"), now.followers, before.followers, False),
        (_("New followers"), now.new_followers, before.new_followers, False),
        (_("Reach"), now.reach, before.reach, False),
        (_("Organic reach"), now.reach_organic, before.reach_organic, False),
        (_("Paid reach"), now.reach_paid, before.reach_paid, False),
        (_("Views"), now.views, before.views, False),
        (_("Engagements"), now.engagements, before.engagements, False),
        (_("Engagement rate"), now.engagement_rate, before.engagement_rate, True),
        (_("Reactions"), now.reactions, before.reactions, False),
        (_("Comments"), now.comments, before.comments, False),
        (_("Shares"), now.shares, before.shares, False),
    ]
    if dashboard.has_network:
        rows.append((_("Network members"), now.network_members, before.network_members, False))
    return [{"label": label, "current": a, "previous": b, "is_rate": rate} for label, a, b, rate in rows]


def _asked_level(request: HttpRequest) -> int | None:
    """``?level=N``: the level whose required metrics the page checks (the gap report links with it)."""
    value = request.GET.get("level", "")
    return int(value) if value in {"1", "2", "3", "4", "5"} else None


def _dashboard(request: HttpRequest, scope: MetricScope, *, page_url: str, export_url: str, extra: dict):
    form = period_form_for(request.GET, today=timezone.localdate())
    dashboard = metric_dashboard_get(scope=scope, period=form.chosen_period(), level_number=_asked_level(request))
    context = {
        "dashboard": dashboard,
        "form": form,
        "charts": _charts(dashboard),
        "figure_rows": _figure_rows(dashboard),
        "page_url": page_url,
        "csv_url": _with_format(request, export_url, "csv"),
        "xlsx_url": _with_format(request, export_url, "xlsx"),
        "may_import": may_import_any_metrics(request_actor(request)),
        **extra,
    }
    return render(request, "metrics/dashboard.html", context)


def _with_format(request: HttpRequest, export_url: str, file_format: str) -> str:
    query = request.GET.copy()
    query["format"] = file_format
    return f"{export_url}?{query.urlencode()}"


def _export(request: HttpRequest, scope: MetricScope) -> HttpResponse:
    form = period_form_for(request.GET, today=timezone.localdate())
    dashboard = metric_dashboard_get(scope=scope, period=form.chosen_period())
    filename = f"{scope.slug}-{dashboard.period.start:%Y%m%d}-{dashboard.period.end:%Y%m%d}"
    header, rows = metric_export_header(), metric_export_rows(dashboard)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(filename=filename, sheet_title=_("Figures"), header=header, rows=rows)
    return csv_response(filename=filename, header=header, rows=rows)


@login_required
@require_GET
def hospital_dashboard(request: HttpRequest) -> HttpResponse:
    """The hospital's figures for the communication unit; department people are sent to their department's."""
    actor = request_actor(request)
    departments = sorted(actor.unit_roles)
    if departments and not (actor.user.is_superuser or actor.communication_units):
        return redirect("metrics:unit", unit_id=departments[0])
    scope, units = _hospital_scope(request)
    return _dashboard(
        request,
        scope,
        page_url=reverse("metrics:hospital"),
        export_url=reverse("metrics:hospital_export"),
        extra={"units": [unit for unit in units if unit.kind == Unit.Kind.DEPARTMENT]},
    )


@login_required
@require_GET
def hospital_export(request: HttpRequest) -> HttpResponse:
    scope, _units = _hospital_scope(request)
    return _export(request, scope)


@login_required
@require_GET
def unit_dashboard(request: HttpRequest, unit_id: int) -> HttpResponse:
    scope = _unit_scope(request, unit_id)
    channels = list(Channel.objects.filter(unit_id=unit_id).order_by("platform", "handle"))
    return _dashboard(
        request,
        scope,
        page_url=reverse("metrics:unit", args=[unit_id]),
        export_url=reverse("metrics:unit_export", args=[unit_id]),
        extra={"channels": channels},
    )


@login_required
@require_GET
def unit_export(request: HttpRequest, unit_id: int) -> HttpResponse:
    return _export(request, _unit_scope(request, unit_id))


@login_required
@require_GET
def channel_dashboard(request: HttpRequest, channel_id: int) -> HttpResponse:
    scope = _channel_scope(request, channel_id)
    return _dashboard(
        request,
        scope,
        page_url=reverse("metrics:channel", args=[channel_id]),
        export_url=reverse("metrics:channel_export", args=[channel_id]),
        extra={},
    )


@login_required
@require_GET
def channel_export(request: HttpRequest, channel_id: int) -> HttpResponse:
    return _export(request, _channel_scope(request, channel_id))
