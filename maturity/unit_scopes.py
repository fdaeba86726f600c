"""Which departments a requirement line's scope reaches: those enrolled to post, those running a patient network.

Enrolment and patient networks live in ``channels_plan``, above maturity; channels_plan fills these hooks in its
``AppConfig.ready()`` (``channels_plan/maturity_scopes.py``), as the apps above fill the evidence registry. Each hook
takes many units and answers with the ids of those it reaches, in a fixed number of queries; within an
``evidence_run`` the answer is loaded once. Without a hook, no department is reached.
"""

from collections.abc import Callable, Sequence

from django.utils.translation import gettext as _

from governance.models import Unit
from maturity.evidence import run_memo, units_key
from maturity.models import Requirement

UnitsReached = Callable[[Sequence[Unit]], set[int]]

_hooks: dict[str, UnitsReached] = {}


def register_posting_departments(reached: UnitsReached) -> None:
    """``reached(units)``: the ids of the departments among ``units`` enrolled to post on official profiles."""
    _hooks[Requirement.Scope.POSTING_DEPARTMENTS] = reached


def register_network_departments(reached: UnitsReached) -> None:
    """``reached(units)``: the ids of the departments among ``units`` running a patient network."""
    _hooks[Requirement.Scope.NETWORK_DEPARTMENTS] = reached


def _reached(scope: str, units: Sequence[Unit]) -> set[int]:
    hook = _hooks.get(scope)
    if hook is None or not units:
        return set()
    departments = [unit for unit in units if not unit.is_communication_unit]
    return run_memo(("maturity.unit_scopes", scope, units_key(departments)), lambda: set(hook(departments)))


def posting_departments(units: Sequence[Unit]) -> set[int]:
    return _reached(Requirement.Scope.POSTING_DEPARTMENTS, units)


def network_departments(units: Sequence[Unit]) -> set[int]:
    return _reached(Requirement.Scope.NETWORK_DEPARTMENTS, units)


class UnitScopes:
    """For a set of units: which department scopes reach which unit, and why a line does not apply."""

    def __init__(self, units: Sequence[Unit]):
        self.posting = posting_departments(units)
        self.network = network_departments(units)

    def applies(self, scope: str, unit: Unit) -> bool:
        """Whether a department line of ``scope`` asks something of ``unit`` (a department)."""
        if scope == Requirement.Scope.POSTING_DEPARTMENTS:
            return unit.pk in self.posting
        if scope == Requirement.Scope.NETWORK_DEPARTMENTS:
            return unit.pk in self.network
        return scope == Requirement.Scope.DEPARTMENT

    def scopes_of(self, unit: Unit) -> set[str]:
        """The department scopes that reach ``unit``."""
        return {
            scope
            for scope in (
                Requirement.Scope.DEPARTMENT,
                Requirement.Scope.POSTING_DEPARTMENTS,
                Requirement.Scope.NETWORK_DEPARTMENTS,
            )
            if self.applies(scope, unit)
        }


def not_applicable_reason(scope: str) -> str:
    """Why a line of ``scope`` asks nothing of a department it does not reach (translated)."""
    if scope == Requirement.Scope.POSTING_DEPARTMENTS:
        return _("Applies only to departments enrolled to post on official profiles; this department is not enrolled.")
    if scope == Requirement.Scope.NETWORK_DEPARTMENTS:
        return _("Applies only to departments running a patient network; this department runs none.")
    return _("Does not apply to this unit.")
