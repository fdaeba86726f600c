"""Fixtures of the tests that count what they bring into the inbox themselves: the demo with an empty inbox, the
persona department and active channels made through the services. The monitoring and metrics test packages use
them (their conftest imports them)."""

import pytest

from channels_plan.models import Channel
from channels_plan.services import channel_status_set, plan_create, plan_decide
from governance.models import Unit
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from monitoring.models import ChannelCheck, Interaction
from tests.factories import plan_submit_complete


@pytest.fixture
def demo(demo):
    """The demo hospital with an empty inbox: these tests count what they bring in themselves."""
    Interaction.objects.all().delete()
    ChannelCheck.objects.all().delete()
    return demo


@pytest.fixture
def department(demo) -> Unit:
    return Unit.objects.get(name=PERSONA_DEPARTMENT)


@pytest.fixture
def make_active_channel(people, department):
    """An approved, active channel of the persona department (level 3), through the services."""

    def make(title: str, *, unit: Unit | None = None) -> Channel:
        unit = unit or department
        plan = plan_create(unit=unit, data={"title": title, "platform": "instagram"}, acting_user=people["flowmanager"])
        plan_submit_complete(plan=plan, acting_user=people["flowmanager"])
        plan_decide(plan=plan, decision="approve", comment="", acting_user=people["lead"])
        channel = Channel.objects.get(plan=plan)
        return channel_status_set(channel=channel, status=Channel.Status.ACTIVE, acting_user=people["lead"])

    return make
