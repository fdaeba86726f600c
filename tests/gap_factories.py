"""Helpers for the gap report tests: units with a level, people with roles, fake evidence providers."""

import contextlib

from governance.models import Role, Unit
from governance.services import membership_ensure
from maturity import evidence
from maturity.models import Level
from maturity.services import unit_maturity_set
from tests.factories import UnitFactory, UserFactory


def unit_at(*, hospital, name: str, current: int, target: int, kind=Unit.Kind.DEPARTMENT) -> Unit:
    unit = UnitFactory(hospital=hospital, name=name, kind=kind)
    unit_maturity_set(
        unit=unit,
        current_level=Level.objects.get(number=current),
        target_level=Level.objects.get(number=target),
        acting_user=None,
    )
    return Unit.objects.select_related("maturity__current_level", "maturity__target_level").get(pk=unit.pk)


def staff(unit: Unit, role_code: str, username: str, backup_for=None):
    return membership_ensure(
        user=UserFactory(username=username), unit=unit, role=Role.objects.get(code=role_code), backup_for=backup_for
    )


@contextlib.contextmanager
def registered_provider(*, code: str, dimension: str, provider):
    """Register a provider (or stand in for a registered one) for the duration of a test, then restore the
    registry as it was."""
    before = evidence._sources.get(code)
    evidence.register_evidence(code=code, dimension=dimension, label=code, provider=provider)
    try:
        yield
    finally:
        if before is None:
            evidence._sources.pop(code, None)
        else:
            evidence._sources[code] = before


@contextlib.contextmanager
def data_sources_met(codes):
    """Every evidence source in ``codes`` answers "met" for every unit at every level."""
    with contextlib.ExitStack() as stack:
        for code in codes:
            stack.enter_context(registered_provider(code=code, dimension="effect", provider=met_everywhere))
        yield


def met_everywhere(units, level_number, today):
    return {unit.pk: evidence.Evidence(evidence.EvidenceStatus.MET, "fine") for unit in units}
