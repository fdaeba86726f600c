"""Metric import pages: upload, the preview (which becomes the result once confirmed), confirm, discard, and a
channel's past imports. Rights: ``metrics/imports/rights.py``; outside the channel's department and the
hospital's communication unit an import or channel is 404, inside it without the right 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from channels_plan.models import Channel
from governance.permissions import request_actor
from metrics.imports.formats import FORMATS
from metrics.imports.forms import MetricImportUploadForm
from metrics.imports.rights import can_import_metrics, can_see_channel_of, importable_channels_filter
from metrics.imports.selectors import metric_import_get_for_actor, metric_import_list, metric_import_twin
from metrics.imports.services import (
    REJECTIONS_KEPT,
    MetricImportError,
    metric_import_confirm,
    metric_import_discard,
    metric_import_upload,
)
from metrics.models import MetricImport


def _may_import(actor, channel: Channel) -> bool:
    return can_import_metrics(actor, hospital_id=channel.unit.hospital_id, unit_id=channel.unit_id)


def _import_for_acting(request: HttpRequest, import_id: int) -> MetricImport:
    actor = request_actor(request)
    metric_import = metric_import_get_for_actor(actor=actor, import_id=import_id)
    if not _may_import(actor, metric_import.channel):
        raise PermissionDenied
    return metric_import


@login_required
@require_http_methods(["GET", "POST"])
def metric_import_upload_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    channels = (
        Channel.objects.filter(importable_channels_filter(actor))
        .select_related("unit")
        .order_by("unit__name", "sender_name", "pk")
    )
    if not channels.exists():
        raise PermissionDenied
    posted = request.method == "POST"
    initial = {"channel": request.GET.get("channel")} if request.GET.get("channel") else {}
    form = MetricImportUploadForm(
        request.POST if posted else None, request.FILES if posted else None, channels=channels, initial=initial
    )
    if posted and form.is_valid():
        try:
            metric_import = metric_import_upload(
                channel=form.cleaned_data["channel"],
                uploaded_file=form.cleaned_data["file"],
                format=form.cleaned_data["format"],
                acting_user=request.user,
            )
        except MetricImportError as error:
            form.add_error("file", str(error))
        else:
            return redirect("metric_imports:detail", import_id=metric_import.pk)
    formats = [(fmt.key.label, fmt.table.required_headers) for fmt in FORMATS.values()]
    return render(request, "metrics/imports/upload.html", {"form": form, "formats": formats})


@login_required
@require_GET
def metric_import_detail_view(request: HttpRequest, import_id: int) -> HttpResponse:
    metric_import = _import_for_acting(request, import_id)
    context = {
        "metric_import": metric_import,
        "channel": metric_import.channel,
        "twin": metric_import_twin(metric_import),
        "rows_understood": metric_import.rows_total - metric_import.rows_rejected,
        "rejections_more": max(0, metric_import.rows_rejected - len(metric_import.rejections)),
        "rejections_kept": REJECTIONS_KEPT,
        "may_confirm": metric_import.status == MetricImport.Status.PREVIEWED and not metric_import.rows_rejected,
        "is_previewed": metric_import.status == MetricImport.Status.PREVIEWED,
    }
    return render(request, "metrics/imports/detail.html", context)


@login_required
@require_POST
def metric_import_confirm_view(request: HttpRequest, import_id: int) -> HttpResponse:
    metric_import = _import_for_acting(request, import_id)
    try:
        metric_import = metric_import_confirm(metric_import=metric_import, acting_user=request.user)
    except MetricImportError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
            % {
                "created": metric_import.rows_created,
                "updated": metric_import.rows_updated,
                "unchanged": metric_import.rows_unchanged,
            },
        )
    return redirect("metric_imports:detail", import_id=import_id)


@login_required
@require_POST
def metric_import_discard_view(request: HttpRequest, import_id: int) -> HttpResponse:
    metric_import = _import_for_acting(request, import_id)
    try:
        metric_import_discard(metric_import=metric_import, acting_user=request.user)
    except MetricImportError as error:
        messages.error(request, str(error))
        return redirect("metric_imports:detail", import_id=import_id)
    messages.success(request, _("The import was discarded; nothing was written."))
    return redirect("metric_imports:channel_imports", channel_id=metric_import.channel_id)


@login_required
@require_GET
def metric_import_list_view(request: HttpRequest, channel_id: int) -> HttpResponse:
    actor = request_actor(request)
    channel = get_object_or_404(Channel.objects.select_related("unit"), pk=channel_id)
    if not can_see_channel_of(actor, hospital_id=channel.unit.hospital_id, unit_id=channel.unit_id):
        raise Http404("No such channel")
    if not _may_import(actor, channel):
        raise PermissionDenied
    context = {"channel": channel, "imports": metric_import_list(channel_id=channel.pk)}
    return render(request, "metrics/imports/list.html", context)
