"""Which departments a requirement line's scope reaches: those enrolled to post, those running a patient network.

Enrolment and patient networks live in ``channels_plan``, above maturity; channels_plan fills these hooks in its
``AppConfig.ready()`` (``channels_plan/maturity_scopes.py``), as the apps above fill the evidence registry. Each hook
takes many units and answers with the ids of those it reaches, in a fixed number of queries; within an
``evidence_run`` the answer is loaded once. Without a hook, no department is reached.

The two scopes differ for a department they do not reach. Enrolment is the communication unit's choice of which
departments post (levels 3 and 4): a posting line asks nothing of a department not enrolled ("not applicable"). A
patient network is what level 5 is (the scale: departments' own patient groups), so a network line is not met by a
department that runs none; the report says so and links to where a department proposes its network's channel plan.
"""

from collections.abc import Callable, Sequence

from django.utils.translation import gettext as _

from governance.models import Unit
from maturity.evidence import Evidence, EvidenceStatus, run_memo, units_key
from maturity.models import Requirement

UnitsReached = Callable[[Sequence[Unit]], set[int]]

_hooks: dict[str, UnitsReached] = {}
_network_start_urls: list[Callable[[Unit], str]] = []


def register_posting_departments(reached: UnitsReached) -> None:
    """``reached(units)``: the ids of the departments among ``units`` enrolled to post on official profiles."""
    _hooks[Requirement.Scope.POSTING_DEPARTMENTS] = reached


def register_network_departments(reached: UnitsReached, *, start_url: Callable[[Unit], str]) -> None:
    """``reached(units)``: the ids of the departments among ``units`` running a patient network; ``start_url(unit)``:
    the page where the department proposes one."""
    _hooks[Requirement.Scope.NETWORK_DEPARTMENTS] = reached
    _network_start_urls[:] = [start_url]


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


class OutsideScope:
    """What a department line says of a department its scope does not reach, translated once per run."""

    def __init__(self):
        self.not_enrolled = Evidence(
            EvidenceStatus.NOT_APPLICABLE,
            _("Applies only to departments enrolled to post on official profiles; this department is not enrolled."),
        )
        self.no_network = _(
            "Level 5 is the level of the departments' own patient networks, and this department runs none yet."
        )
        self.network_starter = _("The department manager (a channel plan for the network: a closed group)")
        self.other = Evidence(EvidenceStatus.NOT_APPLICABLE, _("Does not apply to this unit."))

    def evidence(self, scope: str, unit: Unit) -> Evidence:
        if scope == Requirement.Scope.POSTING_DEPARTMENTS:
            return self.not_enrolled
        if scope == Requirement.Scope.NETWORK_DEPARTMENTS:
            fix_url = _network_start_urls[0](unit) if _network_start_urls else ""
            return Evidence(EvidenceStatus.NOT_MET, self.no_network, fix_url, self.network_starter)
        return self.other
