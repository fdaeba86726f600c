"""The training evidence for the gap engine: has everyone the level requires a course of taken it?

A unit is judged at the asked level: every course that level requires, of everyone in the course's audience
(``training.needs``). Met = every required person has a current completion of every course required of them;
partly met = at least half of them; not met otherwise. A unit where the level requires no course of anybody is left
out of the answer (nothing asked). Six queries whatever the number of units; within an ``evidence_run`` the levels
share them (``training.needs.units_coverage_at``).
"""

import datetime
from collections.abc import Mapping, Sequence

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.models import Membership, Unit
from maturity.evidence import Evidence, EvidenceStatus, register_evidence, run_memo, units_key
from training.needs import units_coverage_at

EVIDENCE_LABEL = gettext_lazy("Required people trained")


def training_coverage_evidence(
    units: Sequence[Unit], level_number: int, today: datetime.date
) -> Mapping[int, Evidence]:
    coverage = units_coverage_at(units=units, today=today, level_number=level_number)
    if not coverage:
        return {}
    managers = run_memo(("training.manager_names", units_key(units)), lambda: _manager_names(units_key(units)))
    fix_url = _unit_needs_url()
    summary_text, detail_text = (
        _("%(trained)d of %(required)d required people trained"),
        _("%(course)s: %(trained)d of %(required)d"),
    )
    no_manager = _("The unit's manager")
    courses_asked = {entry.course.pk: entry.course for entries in coverage.values() for entry in entries}
    course_names = {course_id: course.name for course_id, course in courses_asked.items()}  # once per course
    answer = {}
    for unit_id, courses in coverage.items():
        required = set().union(*(entry.required_user_ids for entry in courses))
        lacking = set().union(*(entry.required_user_ids - entry.trained_user_ids for entry in courses))
        trained = len(required) - len(lacking)
        status = (
            EvidenceStatus.MET
            if not lacking
            else EvidenceStatus.PARTLY_MET
            if 2 * trained >= len(required)
            else EvidenceStatus.NOT_MET
        )
        met = status == EvidenceStatus.MET
        answer[unit_id] = Evidence(
            status=status,
            summary=summary_text % {"trained": trained, "required": len(required)},
            fix_url="" if met else fix_url.format(unit_id=unit_id),
            fix_by="" if met else ", ".join(managers.get(unit_id, [])) or no_manager,
            details=tuple(
                detail_text
                % {
                    "course": course_names[entry.course.pk],
                    "trained": entry.trained_count,
                    "required": entry.required_count,
                }
                for entry in courses
            ),
        )
    return answer


def _unit_needs_url() -> str:
    """The unit's training needs page, as a pattern with ``{unit_id}`` (one ``reverse`` for all units)."""
    placeholder = 987654321
    return reverse("training_needs:unit", kwargs={"unit_id": placeholder}).replace(str(placeholder), "{unit_id}")


def _manager_names(unit_ids) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    managers = Membership.objects.filter(unit_id__in=list(unit_ids), role__code="manager", user__is_active=True)
    for membership in managers.select_related("user").order_by("user__last_name", "user__username"):
        names.setdefault(membership.unit_id, []).append(str(membership.user))
    return names


def register_training_evidence() -> None:
    """Called from ``TrainingConfig.ready()``."""
    register_evidence(
        code="training_coverage", dimension="training", label=EVIDENCE_LABEL, provider=training_coverage_evidence
    )
