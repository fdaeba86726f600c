"""Fills maturity's unit-scope hooks (``maturity/unit_scopes.py``): which departments are enrolled to post on official
profiles (an active ``PostingEnrolment``), and which run a patient network (a ``PatientNetwork`` whose closed group is
not closed), and where a department starts one. One query each, whatever the number of units."""

from collections.abc import Sequence

from django.urls import reverse

from channels_plan.evidence import enrolled_units
from channels_plan.models import Channel, PatientNetwork
from governance.models import Unit
from maturity.unit_scopes import register_network_departments, register_posting_departments


def departments_running_a_network(units: Sequence[Unit]) -> set[int]:
    running = PatientNetwork.objects.filter(unit__in=[unit.pk for unit in units]).exclude(
        channel__status=Channel.Status.CLOSED
    )
    return set(running.values_list("unit_id", flat=True))


def network_plan_url(unit: Unit) -> str:
    """A network starts as a channel plan for a closed group, proposed by the department."""
    return reverse("channels_plan:plan_create", args=[unit.pk])


def register_maturity_scopes() -> None:
    """Called from ``ChannelsPlanConfig.ready()``."""
    register_posting_departments(enrolled_units)
    register_network_departments(departments_running_a_network, start_url=network_plan_url)
