"""Shared set-up for the inbox tests: the demo's channel, another department's channel, and interactions entered
through the services, as the application enters them. (The demo has no interactions of its own.)"""

from datetime import timedelta

import pytest
from django.utils import timezone

from channels_plan.models import Channel
from channels_plan.services import plan_create, plan_decide
from governance.models import Unit, User
from maturity.models import Level
from maturity.services import unit_maturity_set
from monitoring.models import ChannelCheck, Interaction
from monitoring.services.inbox import interaction_create_manual
from tests.factories import UnitFactory, UserFactory, membership_make, plan_submit_complete

HTMX = {"HTTP_HX_REQUEST": "true"}


def minutes_ago(minutes: int):
    return timezone.now() - timedelta(minutes=minutes)


def interaction_enter(channel: Channel | None, person: User, *, hospital=None, **data) -> Interaction:
    """An interaction typed in by ``person``; by default a comment written ten minutes ago."""
    values = {"kind": "comment", "text": "Hvornår har hjerteambulatoriet åbent?", "occurred_at": minutes_ago(10)}
    values.update(data)
    return interaction_create_manual(
        hospital=hospital or channel.unit.hospital, channel=channel, data=values, acting_user=person
    )


@pytest.fixture
def demo_channel(demo) -> Channel:
    """The demo department's approved channel (Hjertemedicinsk afdeling, level 3: answer within two hours).

    The inbox tests count what they enter, so they start from an empty inbox and check log, whatever the demo may
    seed one day."""
    Interaction.objects.all().delete()
    ChannelCheck.objects.all().delete()
    return Channel.objects.get(plan__title="Hjerteafdelingen på Facebook")


@pytest.fixture
def foreign_channel(people, department) -> Channel:
    """A channel of another department of the same hospital, which the persona department's people do not see."""
    unit = UnitFactory(hospital=department.hospital, name="Fremmed afdeling")
    flow = UserFactory(username="foreign-flow")
    membership_make(user=flow, unit=unit, role_code="flowmanager")
    membership_make(user=UserFactory(username="foreign-producer"), unit=unit, role_code="producer")
    level = Level.objects.get(number=3)
    unit_maturity_set(unit=unit, current_level=level, target_level=level, acting_user=None)
    plan = plan_create(unit=unit, data={"title": "Fremmed kanal", "platform": "instagram"}, acting_user=flow)
    plan_submit_complete(plan=plan, acting_user=flow)
    plan_decide(plan=plan, decision="approve", comment="", acting_user=people["lead"])
    return Channel.objects.get(plan=plan)


@pytest.fixture
def communication_unit(department) -> Unit:
    return Unit.objects.get(hospital=department.hospital, kind=Unit.Kind.COMMUNICATION)
