"""An activity's input page: the interactions on the channels of its posts, linked and coded by topic.

Part of the "involvement" namespace (monitoring registers it with channels_plan in AppConfig.ready()). Texts are
shown as in the inbox, to those who may see them there; opening one with health data is logged by the inbox."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from channels_plan.exceptions import PlanError
from governance.permissions import request_actor
from involvement.activities.permissions import can_run_activity
from involvement.activities.selectors import activity_get_for_actor
from involvement.inputs.selectors import input_candidates
from involvement.inputs.services import involvement_input_code, involvement_input_remove
from involvement.models import InvolvementActivity, InvolvementInput, InvolvementTopic
from monitoring.models import Interaction
from monitoring.permissions import visible_interactions_filter


class InputCodeForm(forms.Form):
    interaction = forms.ModelChoiceField(queryset=Interaction.objects.none(), widget=forms.HiddenInput)
    topic = forms.ModelChoiceField(
        label=gettext_lazy("Topic"),
        queryset=InvolvementTopic.objects.none(),
        required=False,
        empty_label=gettext_lazy("Not coded yet"),
    )
    remove = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, activity: InvolvementActivity, visible: Q, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interaction"].queryset = Interaction.objects.filter(visible)
        self.fields["topic"].queryset = InvolvementTopic.objects.filter(activity=activity)


@login_required
@require_http_methods(["GET", "POST"])
def activity_input(request: HttpRequest, activity_id: int) -> HttpResponse:
    actor = request_actor(request)
    activity = activity_get_for_actor(actor=actor, activity_id=activity_id)
    if not can_run_activity(actor, activity):
        raise PermissionDenied
    if request.method == "POST":
        form = InputCodeForm(request.POST, activity=activity, visible=visible_interactions_filter(actor))
        if not form.is_valid():
            messages.error(request, _("Choose an interaction and one of the activity's topics."))
            return redirect("involvement:activity_input", activity.pk)
        interaction = form.cleaned_data["interaction"]
        try:
            if form.cleaned_data["remove"]:
                link = InvolvementInput.objects.filter(activity=activity, interaction=interaction).first()
                if link is not None:
                    involvement_input_remove(link=link, acting_user=request.user)
                messages.success(request, _("The interaction is no longer input to the activity."))
            else:
                involvement_input_code(
                    activity=activity,
                    interaction=interaction,
                    topic=form.cleaned_data["topic"],
                    acting_user=request.user,
                )
                messages.success(request, _("The input is linked and coded."))
        except PlanError as error:
            messages.error(request, str(error))
        return redirect("involvement:activity_input", activity.pk)
    candidates = input_candidates(actor=actor, activity=activity)
    topics = list(activity.topics.all())
    context = {"activity": activity, "candidates": candidates, "topics": topics}
    return render(request, "involvement/activity_input.html", context)
