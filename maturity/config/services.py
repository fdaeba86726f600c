"""Every write of the scale's configuration: permission-checked, locked, checked against the consistency rules
(``maturity/config/validation.py``) and written through ``save_as``/``delete_as`` so history names the person.

The rules compare neighbouring levels, so each change locks every level row first (five rows): two configurers
changing level 3 and level 4 at the same time are serialised and cannot together make the standard inconsistent.
"""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance.audit import delete_as, save_as
from governance.models import GuidelineKind, Role, User
from maturity.config.permissions import may_configure_scale
from maturity.config.validation import NormTerms, ScaleConfigError, headcount_check, standard_check, standard_load
from maturity.models import Level, Metric, MonitoringNorm, RequiredGuideline, RequiredMetric, RoleRequirement

ROLE_TEXT_FIELDS = ("name_da", "name_en", "responsibilities_da", "responsibilities_en", "tasks_da", "tasks_en")
NORM_FIELDS = (
    "check_interval_minutes",
    "checks_in_working_time",
    "answer_within_minutes",
    "answer_in_working_time",
    "involvement_check_interval_minutes",
    "dormant_after_days",
    "escalate_after_minutes",
    "justification",
)


def _require_configurer(acting_user: User) -> None:
    if not may_configure_scale(acting_user):
        raise ScaleConfigError(_("Only administrators of the scale may change its configuration."))


def _lock_level(number: int) -> Level:
    """Lock every level (the rules compare neighbours) and return level ``number``."""
    levels = {level.number: level for level in Level.objects.select_for_update().order_by("number")}
    if number not in levels:
        raise ScaleConfigError(_("There is no level %(number)s.") % {"number": number})
    return levels[number]


@transaction.atomic
def role_texts_update(*, role: Role, data: Mapping, acting_user: User) -> Role:
    """Change a role's name, responsibilities and tasks in Danish and English (lists of lines)."""
    _require_configurer(acting_user)
    locked = Role.objects.select_for_update().get(pk=role.pk)
    if not data["name_da"].strip() or not data["name_en"].strip():
        raise ScaleConfigError(_("A role needs a name in Danish and in English."), field="name_da")
    changed = False
    for name in ROLE_TEXT_FIELDS:
        if getattr(locked, name) != data[name]:
            setattr(locked, name, data[name])
            changed = True
    if changed:
        save_as(locked, acting_user)
    return locked


@transaction.atomic
def role_requirement_save(
    *, level_number: int, role: Role, scope: str, data: Mapping, acting_user: User
) -> RoleRequirement:
    """Add or change how many people must hold ``role`` in ``scope`` at a level.

    ``data``: min_headcount, recommended_headcount (or None), may_combine_with (roles), needs_backup, note_da, note_en.
    """
    _require_configurer(acting_user)
    if scope not in RoleRequirement.Scope.values:
        raise ScaleConfigError(_("Choose where the role is required."), field="scope")
    headcount_check(minimum=data["min_headcount"], recommended=data["recommended_headcount"])
    level = _lock_level(level_number)
    standard = standard_load()
    standard.headcounts.setdefault(level.number, {})[(role.code, scope)] = data["min_headcount"]
    standard_check(standard, number=level.number)
    requirement = RoleRequirement.objects.select_for_update().filter(
        level=level, role=role, scope=scope
    ).first() or RoleRequirement(level=level, role=role, scope=scope)
    for name in ("min_headcount", "recommended_headcount", "needs_backup", "note_da", "note_en"):
        setattr(requirement, name, data[name])
    save_as(requirement, acting_user)
    combined = [other for other in data["may_combine_with"] if other.pk != role.pk]
    if {other.pk for other in combined} != set(requirement.may_combine_with.values_list("pk", flat=True)):
        requirement.may_combine_with.set(combined)  # the m2m history row names acting_user too
    return requirement


@transaction.atomic
def role_requirement_remove(*, level_number: int, role: Role, scope: str, acting_user: User) -> None:
    """Stop requiring ``role`` in ``scope`` at a level, unless a level building on the one below still needs it."""
    _require_configurer(acting_user)
    level = _lock_level(level_number)
    requirement = RoleRequirement.objects.select_for_update().filter(level=level, role=role, scope=scope).first()
    if requirement is None:
        raise ScaleConfigError(_("Level %(number)s does not require this role there.") % {"number": level.number})
    standard = standard_load()
    standard.headcounts.get(level.number, {}).pop((role.code, scope), None)
    standard_check(standard, number=level.number)
    delete_as(requirement, acting_user)


@transaction.atomic
def monitoring_norm_update(*, level_number: int, data: Mapping, acting_user: User) -> MonitoringNorm:
    """Change how often a unit at the level checks its channels and how fast it answers."""
    _require_configurer(acting_user)
    level = _lock_level(level_number)
    norm = MonitoringNorm.objects.select_for_update().filter(level=level).first() or MonitoringNorm(level=level)
    for name in NORM_FIELDS:
        setattr(norm, name, data[name])
    try:
        norm.full_clean(exclude=["level"])
    except ValidationError as error:
        field_name, messages = next(iter(error.message_dict.items()))
        raise ScaleConfigError(messages[0], field=field_name) from error
    standard = standard_load()
    standard.norms[level.number] = NormTerms.of(norm)
    standard_check(standard, number=level.number)
    save_as(norm, acting_user)
    return norm


@transaction.atomic
def required_metrics_set(*, level_number: int, metrics: Mapping[Metric, bool], acting_user: User) -> None:
    """Make exactly ``metrics`` (metric → optional) the metrics the level asks for."""
    _require_configurer(acting_user)
    level = _lock_level(level_number)
    standard = standard_load()
    standard.metrics[level.number] = {metric.code: optional for metric, optional in metrics.items()}
    standard_check(standard, number=level.number)
    existing = {row.metric_id: row for row in RequiredMetric.objects.select_for_update().filter(level=level)}
    for metric, optional in metrics.items():
        row = existing.pop(metric.pk, None) or RequiredMetric(level=level, metric=metric)
        if row.pk is None or row.optional != optional:
            row.optional = optional
            save_as(row, acting_user)
    for row in existing.values():
        delete_as(row, acting_user)


@transaction.atomic
def required_guidelines_set(*, level_number: int, kinds: Iterable[str], acting_user: User) -> None:
    """Make exactly ``kinds`` the guideline documents the level requires."""
    _require_configurer(acting_user)
    wanted = set(kinds)
    if unknown := wanted - set(GuidelineKind.values):
        raise ScaleConfigError(_("Unknown guideline: %(kind)s.") % {"kind": sorted(unknown)[0]}, field="kinds")
    level = _lock_level(level_number)
    standard = standard_load()
    standard.guidelines[level.number] = wanted
    standard_check(standard, number=level.number)
    existing = {row.kind: row for row in RequiredGuideline.objects.select_for_update().filter(level=level)}
    for kind in sorted(wanted - existing.keys()):
        save_as(RequiredGuideline(level=level, kind=kind), acting_user)
    for kind in sorted(existing.keys() - wanted):
        delete_as(existing[kind], acting_user)
