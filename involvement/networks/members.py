"""A patient network's member counts over time: entered by hand here, or written by the metrics imports
(``MetricImport.Format.NETWORK_MEMBERS``); both land in ``ChannelDailySnapshot.network_members``.

Monitoring registers the page in the "networks" namespace of channels_plan (AppConfig.ready())."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from channels_plan.exceptions import PlanError
from governance.audit import save_as
from governance.models import User
from governance.permissions import actor_for, request_actor
from involvement.models import PatientNetwork
from involvement.networks.permissions import can_record_members
from involvement.networks.selectors import network_get_for_actor
from metrics.models import ChannelDailySnapshot

HISTORY_SHOWN = 24


@transaction.atomic
def network_members_record(
    *, network: PatientNetwork, day: datetime.date, members: int, acting_user: User
) -> ChannelDailySnapshot:
    """The day's member count of the network's closed group; a later entry for the same day replaces it."""
    network = PatientNetwork.objects.select_related("unit").get(pk=network.pk)
    facilitator_ids = set(network.facilitators.values_list("pk", flat=True))
    if not can_record_members(actor_for(acting_user), network, facilitator_ids):
        raise PlanError(_("The facilitators and the department's flowmanager record member counts."))
    if day > timezone.localdate():
        raise PlanError(_("A member count cannot lie in the future."))
    snapshot = ChannelDailySnapshot.objects.select_for_update().filter(
        channel_id=network.channel_id, day=day
    ).first() or ChannelDailySnapshot(channel_id=network.channel_id, day=day)
    snapshot.network_members = members
    return save_as(snapshot, acting_user)


def network_member_history(network: PatientNetwork) -> list[ChannelDailySnapshot]:
    """The latest days with a member count, newest first, with the day's engagements where imported: one query."""
    return list(
        ChannelDailySnapshot.objects.filter(channel_id=network.channel_id, network_members__isnull=False).order_by(
            "-day"
        )[:HISTORY_SHOWN]
    )


class MembersForm(forms.Form):
    day = forms.DateField(label=gettext_lazy("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    members = forms.IntegerField(label=gettext_lazy("Members"), min_value=0, max_value=10_000_000)


@login_required
@require_http_methods(["GET", "POST"])
def network_members(request: HttpRequest, network_id: int) -> HttpResponse:
    actor = request_actor(request)
    network = network_get_for_actor(actor=actor, network_id=network_id)
    if not can_record_members(actor, network, set(network.facilitators.values_list("pk", flat=True))):
        raise PermissionDenied
    form = MembersForm(request.POST or None, initial={"day": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            network_members_record(network=network, acting_user=request.user, **form.cleaned_data)
        except PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The member count is recorded."))
            return redirect("networks:network_detail", network.pk)
    context = {"network": network, "form": form, "history": network_member_history(network)}
    return render(request, "involvement/network_members.html", context)


def register_network_pages() -> None:
    from involvement.networks.registry import register_network_members

    register_network_members(
        members=network_member_history,
        url_patterns=[path("<int:network_id>/members/", network_members, name="network_members")],
    )
