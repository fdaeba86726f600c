"""Patient and relatives networks (level 5): the network part of a closed-group plan, the networks a person sees,
one network's page (its content plan, inbox, facilitators, member counts, yearly review) and the review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from channels_plan.exceptions import PlanError
from channels_plan.forms import form_add_plan_error
from channels_plan.models import Platform
from channels_plan.permissions import can_edit_plan
from channels_plan.selectors import plan_get_for_actor
from governance.permissions import request_actor
from involvement.models import NetworkPlanTerms
from involvement.networks import services
from involvement.networks.forms import NetworkReviewForm, NetworkTermsForm
from involvement.networks.permissions import can_record_members, can_review_network
from involvement.networks.registry import network_member_counts
from involvement.networks.selectors import (
    network_facilitators,
    network_get_for_actor,
    network_list_for_actor,
    network_review_due,
)


@login_required
@require_GET
def network_list(request: HttpRequest) -> HttpResponse:
    networks = list(network_list_for_actor(actor=request_actor(request)))
    return render(request, "involvement/networks/network_list.html", {"networks": networks})


@login_required
@require_http_methods(["GET", "POST"])
def network_plan_terms(request: HttpRequest, plan_id: int) -> HttpResponse:
    actor = request_actor(request)
    plan = plan_get_for_actor(actor=actor, plan_id=plan_id)
    if plan.platform != Platform.FACEBOOK_GROUP:
        raise PermissionDenied
    if not can_edit_plan(actor, plan):
        raise PermissionDenied
    terms = NetworkPlanTerms.objects.filter(plan=plan).first()
    initial = {}
    if terms is not None:
        initial = {
            "treatment_offer": terms.treatment_offer,
            "membership_rules": terms.membership_rules,
            "facilitators": list(terms.facilitators.all()),
            "guidelines": list(terms.guidelines.all()),
        }
    form = NetworkTermsForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.network_plan_terms_save(plan=plan, acting_user=request.user, **form.cleaned_data)
        except PlanError as error:
            form_add_plan_error(form, error)
        else:
            messages.success(request, _("The network terms are saved with the plan."))
            return redirect("channels_plan:plan_detail", plan.pk)
    return render(request, "involvement/networks/terms_form.html", {"form": form, "plan": plan})


@login_required
@require_GET
def network_detail(request: HttpRequest, network_id: int) -> HttpResponse:
    actor = request_actor(request)
    network = network_get_for_actor(actor=actor, network_id=network_id)
    facilitators = network_facilitators(network)
    channel = network.channel
    context = {
        "network": network,
        "facilitators": facilitators,
        "reviews": list(network.reviews.all()),
        "review_due": network_review_due(network),
        "may_review": can_review_network(actor, network),
        "may_record_members": can_record_members(actor, network, {item.user.pk for item in facilitators}),
        "member_counts": network_member_counts(network),
        "calendar_url": f"{reverse('calendar:list')}?channel={channel.pk}",
        "inbox_url": f"{reverse('monitoring:inbox')}?channel={channel.pk}",
    }
    return render(request, "involvement/networks/network_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def network_review(request: HttpRequest, network_id: int) -> HttpResponse:
    actor = request_actor(request)
    network = network_get_for_actor(actor=actor, network_id=network_id)
    if not can_review_network(actor, network):
        raise PermissionDenied
    form = NetworkReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.network_review_record(network=network, acting_user=request.user, **form.cleaned_data)
        except PlanError as error:
            form_add_plan_error(form, error)
        else:
            messages.success(request, _("The yearly review is recorded."))
            return redirect("networks:network_detail", network.pk)
    return render(request, "involvement/networks/review_form.html", {"form": form, "network": network})
