"""Patient and relatives networks: the network part of a closed-group plan, the network its approval opens, the
facilitators' rights, and the yearly review (member counts are monitoring's). Locked, checked, audited."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from channels_plan.exceptions import PlanError, PlanIncomplete
from channels_plan.models import Channel, ChannelPlan, Platform
from channels_plan.permissions import can_edit_plan
from governance.audit import save_as
from governance.models import Membership, Role, User
from governance.permissions import actor_for
from governance.services import membership_ensure
from involvement.models import NetworkPlanTerms, NetworkReview, PatientNetwork
from involvement.networks.permissions import can_review_network

FACILITATOR_ROLE = "network_facilitator"
MIN_FACILITATORS = 2


@transaction.atomic
def network_plan_terms_save(
    *, plan: ChannelPlan, treatment_offer: str, membership_rules: str, facilitators, guidelines, acting_user: User
) -> NetworkPlanTerms:
    """What a closed-group plan states besides the template: the treatment offer, who may join, the facilitators
    (people of the department, several of them) and the department's own guidelines it follows."""
    plan = ChannelPlan.objects.select_for_update().select_related("unit").get(pk=plan.pk)
    if not can_edit_plan(actor_for(acting_user), plan):
        raise PlanError(_("This plan cannot be edited now."))
    if plan.platform != Platform.FACEBOOK_GROUP:
        raise PlanError(_("Only a plan for a closed group opens a patient network."))
    facilitators, guidelines = list(facilitators), list(guidelines)
    members = set(Membership.objects.filter(unit_id=plan.unit_id).values_list("user_id", flat=True))
    errors = {}
    if not treatment_offer.strip():
        errors["treatment_offer"] = _("Name the treatment offer the network belongs to.")
    if not membership_rules.strip():
        errors["membership_rules"] = _("State who may join and on what terms.")
    if len({user.pk for user in facilitators}) < MIN_FACILITATORS:
        errors["facilitators"] = _("A network has at least two facilitators.")
    elif any(user.pk not in members or not user.is_active for user in facilitators):
        errors["facilitators"] = _("Facilitators are active people of the department.")
    if any(document.unit_id != plan.unit_id for document in guidelines):
        errors["guidelines"] = _("Choose guidelines of the department itself.")
    if errors:
        raise PlanIncomplete(errors)
    terms = NetworkPlanTerms.objects.select_for_update().filter(plan=plan).first() or NetworkPlanTerms(plan=plan)
    terms.treatment_offer, terms.membership_rules = treatment_offer.strip(), membership_rules.strip()
    save_as(terms, acting_user)
    terms.facilitators.set(facilitators)
    terms.guidelines.set(guidelines)
    return terms


def network_facilitators_enrol(*, plan: ChannelPlan, acting_user: User) -> None:
    """Called by the approval of a closed-group plan with network terms, before its channel is registered: the
    facilitators get the role ``network_facilitator`` in the department. The channel's first sync, right after it is
    registered, then grants them their rights on it (one sync, not one per facilitator)."""
    terms = NetworkPlanTerms.objects.filter(plan=plan).first()
    if terms is None or plan.platform != Platform.FACEBOOK_GROUP:
        return
    role = Role.objects.get(code=FACILITATOR_ROLE)
    for user in terms.facilitators.filter(is_active=True):
        membership_ensure(user=user, unit=plan.unit, role=role, acting_user=acting_user)


def patient_network_open(*, plan: ChannelPlan, channel: Channel, acting_user: User) -> PatientNetwork | None:
    """Called by the approval, in its transaction, once the channel is registered and synced: a closed-group plan
    with network terms opens the network in the registry, with its facilitators and guidelines."""
    terms = NetworkPlanTerms.objects.filter(plan=plan).first()
    if terms is None or channel.platform != Platform.FACEBOOK_GROUP:
        return None
    network = save_as(
        PatientNetwork(
            channel=channel,
            unit_id=plan.unit_id,
            treatment_offer=terms.treatment_offer,
            membership_rules=terms.membership_rules,
            approved_at=timezone.now(),
        ),
        acting_user,
    )
    network.facilitators.set(terms.facilitators.filter(is_active=True))
    network.guidelines.set(terms.guidelines.all())
    return network


@transaction.atomic
def network_review_record(
    *, network: PatientNetwork, reviewed_on, continues: bool, findings: str, acting_user: User
) -> NetworkReview:
    network = PatientNetwork.objects.select_for_update().select_related("unit").get(pk=network.pk)
    if not can_review_network(actor_for(acting_user), network):
        raise PlanError(_("The department's flowmanager or the communication unit reviews the network."))
    errors = {}
    if not findings.strip():
        errors["findings"] = _("Describe what the review found.")
    if reviewed_on is None or reviewed_on > timezone.localdate():
        errors["reviewed_on"] = _("Give the day of the review, today or earlier.")
    if errors:
        raise PlanIncomplete(errors)
    review = NetworkReview(
        network=network,
        reviewed_on=reviewed_on,
        continues=continues,
        findings=findings.strip(),
        reviewed_by=acting_user,
    )
    return save_as(review, acting_user)
