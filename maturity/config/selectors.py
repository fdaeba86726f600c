"""Reads of the configuration pages, each in a fixed number of queries."""

from django.db.models import Prefetch
from django.http import Http404

from governance.models import Role
from maturity.models import Level, LevelDimension, Metric, RoleRequirement


def configuration_home() -> dict:
    return {"levels": list(Level.objects.all()), "roles": list(Role.objects.all())}


def level_configuration(*, number: int) -> dict:
    """What a level requires: roles with head-counts, its monitoring norm, metrics, documents and courses.

    The courses come from the training catalogue (the layer above) through the reverse relation ``Level.courses``
    that ``training.Course.levels`` declares; maturity only reads them, the catalogue edits them.
    """
    level = (
        Level.objects.select_related("monitoring_norm")
        .prefetch_related(
            Prefetch(
                "role_requirements",
                queryset=RoleRequirement.objects.select_related("role").prefetch_related("may_combine_with"),
            ),
            "required_metrics__metric",
            "required_guidelines",
            "courses",
        )
        .filter(number=number)
        .first()
    )
    if level is None:
        raise Http404("No such level")
    builds_on = list(
        LevelDimension.objects.filter(level=level, inherits_lower=True)
        .select_related("dimension")
        .order_by("dimension__order")
    )
    return {
        "level": level,
        "levels": list(Level.objects.all()),
        "role_requirements": list(level.role_requirements.all()),
        "norm": getattr(level, "monitoring_norm", None),
        "metrics": list(level.required_metrics.all()),
        "guidelines": list(level.required_guidelines.all()),
        "courses": list(level.courses.all()),
        "builds_on": [cell.dimension for cell in builds_on],
    }


def level_get(*, number: int) -> Level:
    level = Level.objects.filter(number=number).first()
    if level is None:
        raise Http404("No such level")
    return level


def role_get(*, code: str) -> Role:
    role = Role.objects.filter(code=code).first()
    if role is None:
        raise Http404("No such role")
    return role


def role_requirement_get(*, number: int, role_code: str, scope: str) -> RoleRequirement:
    requirement = (
        RoleRequirement.objects.select_related("level", "role")
        .prefetch_related("may_combine_with")
        .filter(level__number=number, role__code=role_code, scope=scope)
        .first()
    )
    if requirement is None:
        raise Http404("No such role requirement")
    return requirement


def metric_catalogue() -> list[Metric]:
    return list(Metric.objects.all())
