"""Fills maturity's network-department hook (``maturity/unit_scopes.py``): which departments run a patient network (a
``PatientNetwork`` whose closed group is not closed), in one query whatever the number of units, and where a
department starts one."""

from collections.abc import Sequence

from django.urls import reverse

from channels_plan.models import Channel
from governance.models import Unit
from involvement.models import PatientNetwork
from maturity.unit_scopes import register_network_departments


def departments_running_a_network(units: Sequence[Unit]) -> set[int]:
    running = PatientNetwork.objects.filter(unit__in=[unit.pk for unit in units]).exclude(
        channel__status=Channel.Status.CLOSED
    )
    return set(running.values_list("unit_id", flat=True))


def network_plan_url(unit: Unit) -> str:
    """A network starts as a channel plan for a closed group, proposed by the department."""
    return reverse("channels_plan:plan_create", args=[unit.pk])


def register_network_scope() -> None:
    """Called from ``InvolvementConfig.ready()``."""
    register_network_departments(departments_running_a_network, start_url=network_plan_url)
