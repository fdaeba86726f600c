"""A user-involvement activity of another hospital's communication unit, and a patient network of a level-5
department of that hospital."""

from channels_plan.services import plan_create, plan_decide, plan_submit, plan_update
from governance.models import Unit
from involvement.activities.services import activity_create
from involvement.models import PatientNetwork
from involvement.networks.services import network_plan_terms_save
from maturity.models import Level
from maturity.services import unit_maturity_set
from tests.factories import UnitFactory, UserFactory, complete_plan_data, membership_make

KWARGS = {"activity_id", "network_id"}


def build(base) -> dict[str, int]:
    hospital, lead = base["foreign_hospital"], base["foreign_lead"]
    communication = Unit.objects.get(hospital=hospital, kind=Unit.Kind.COMMUNICATION)
    activity = activity_create(
        unit=communication,
        data={"title": "Fremmed brugerinddragelse", "kind": "quality", "purpose": "x", "question": "y"},
        acting_user=lead,
    )
    department = UnitFactory(hospital=hospital, name="Fremmed netværksafdeling")
    level = Level.objects.get(number=5)
    unit_maturity_set(unit=department, current_level=level, target_level=level, acting_user=None)
    flow, first, second = (UserFactory(username=f"foreign-network-{n}") for n in range(3))
    membership_make(user=flow, unit=department, role_code="flowmanager")
    for facilitator in (first, second):
        membership_make(user=facilitator, unit=department, role_code="producer")
    plan = plan_create(
        unit=department, data={"title": "Fremmed netværk", "platform": "facebook_group"}, acting_user=flow
    )
    data = complete_plan_data(unit=department, title=plan.title, platform="facebook_group", justification="x")
    plan_update(plan=plan, data=data, acting_user=flow)
    network_plan_terms_save(
        plan=plan,
        treatment_offer="x",
        membership_rules="y",
        facilitators=[first, second],
        guidelines=[],
        acting_user=flow,
    )
    plan_submit(plan=plan, acting_user=flow)
    plan_decide(plan=plan, decision="approve", comment="", acting_user=lead)
    return {"activity_id": activity.pk, "network_id": PatientNetwork.objects.get(unit=department).pk}
