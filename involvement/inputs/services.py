"""Linking inbox input to a user-involvement activity and coding it by topic: locked, checked, audited.

Only interactions the person may work, on a channel one of the activity's posts went out on, can be linked; the
link copies no text, so the interaction keeps the inbox's visibility and retention rules."""

from django.db import transaction
from django.utils.translation import gettext as _

from channels_plan.exceptions import PlanError
from governance.audit import delete_as, save_as
from governance.models import User
from governance.permissions import actor_for
from involvement.activities.permissions import can_run_activity
from involvement.models import InvolvementActivity, InvolvementInput, InvolvementTopic
from monitoring.models import Interaction
from monitoring.permissions import can_work_interaction


def activity_channel_ids(activity: InvolvementActivity) -> set[int]:
    return set(activity.proposals.values_list("channels", flat=True)) - {None}


def _locked_activity(activity: InvolvementActivity, acting_user: User) -> InvolvementActivity:
    activity = InvolvementActivity.objects.select_for_update().select_related("unit").get(pk=activity.pk)
    if not can_run_activity(actor_for(acting_user), activity):
        raise PlanError(_("You may not run this involvement activity."))
    if activity.status == InvolvementActivity.Status.CLOSED:
        raise PlanError(_("The activity is closed."))
    return activity


@transaction.atomic
def involvement_input_code(
    *, activity: InvolvementActivity, interaction: Interaction, topic: InvolvementTopic | None, acting_user: User
) -> InvolvementInput:
    """Link the interaction to the activity (once) and code it with one of the activity's topics (or none yet)."""
    activity = _locked_activity(activity, acting_user)
    if not can_work_interaction(actor_for(acting_user), interaction):
        raise PlanError(_("You may not work this interaction."))
    if interaction.hospital_id != activity.unit.hospital_id or interaction.channel_id not in activity_channel_ids(
        activity
    ):
        raise PlanError(_("Only input on the channels of the activity's posts can be linked to it."))
    if topic is not None and topic.activity_id != activity.pk:
        raise PlanError(_("Choose one of the activity's topics."))
    link = InvolvementInput.objects.select_for_update().filter(activity=activity, interaction=interaction).first()
    link = link or InvolvementInput(activity=activity, interaction=interaction, linked_by=acting_user)
    link.topic = topic
    return save_as(link, acting_user)


@transaction.atomic
def involvement_input_remove(*, link: InvolvementInput, acting_user: User) -> None:
    _locked_activity(link.activity, acting_user)
    delete_as(InvolvementInput.objects.select_for_update().get(pk=link.pk), acting_user)
