"""The training evidence for the gap engine: has everyone the level requires a course of taken it?

One truth: a unit is judged at the asked level by ``training.needs.selectors.units_training_at``, which the unit's
training needs page reads too when the evidence links to it (``/training/needs/units/<id>/?level=N``): every course
that level requires, of everyone in the course's audience. Met = every required person has a current completion of every
course required of them; partly met = at least half of them; not met otherwise.

No silent passes: where the scale asks (``maturity.evidence.source_asked_at``) every unit gets an answer. A unit whose
members are in no course's audience does not pass by default: it is not met, with the reason (nobody holds the
roles the courses are for, or the unit has no members yet). Only when none of the level's courses can be required
of anyone in a unit of its kind (courses for departments' staff, asked of the communication unit) is the line "not
applicable". Six queries whatever the number of units; within an ``evidence_run`` the levels share them.
"""

import datetime
from collections.abc import Mapping, Sequence
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.models import Membership, Unit
from maturity.evidence import Evidence, EvidenceStatus, register_evidence, run_memo, source_asked_at, units_key
from training.needs.selectors import units_training_at

EVIDENCE_LABEL = gettext_lazy("Required people trained")


def training_needs_url(unit_id: int, level_number: int) -> str:
    """The unit's training needs page, judged at ``level_number`` as the gap report judges it."""
    return f"{reverse('training_needs:unit', kwargs={'unit_id': unit_id})}?{urlencode({'level': level_number})}"


def training_coverage_evidence(
    units: Sequence[Unit], level_number: int, today: datetime.date
) -> Mapping[int, Evidence]:
    if not source_asked_at("training_coverage", level_number):
        return {}
    training = units_training_at(units=units, today=today, level_number=level_number)
    managers = run_memo(("training.manager_names", units_key(units)), lambda: _manager_names(units_key(units)))
    summary_text, detail_text = (
        _("%(trained)d of %(required)d required people trained"),
        _("%(course)s: %(trained)d of %(required)d"),
    )
    no_manager, communication = _("The unit's manager"), _("The communication unit")
    no_course = _("No offered course in the catalogue is set for this level.")
    no_members = _("The unit has no members yet: nobody has taken the courses this level requires.")
    no_audience = _(
        "No course this level requires is required of anyone in the unit yet: nobody holds the roles the courses "
        "are for."
    )
    not_for_kind = _("The courses this level requires are for the departments' staff, not for this unit.")
    course_names: dict[int, str] = {}  # read once per course
    answer = {}
    for unit in units:
        judged = training[unit.pk]
        for course in judged.level_courses:
            course_names.setdefault(course.pk, course.name)
        fix_url = training_needs_url(unit.pk, level_number)
        fix_by = ", ".join(managers.get(unit.pk, [])) or no_manager
        if not judged.level_courses:
            answer[unit.pk] = Evidence(EvidenceStatus.NOT_MET, no_course, reverse("training:catalogue"), communication)
            continue
        if not judged.courses:
            if not judged.reaches_unit_kind:
                answer[unit.pk] = Evidence(EvidenceStatus.NOT_APPLICABLE, not_for_kind)
                continue
            courses = tuple(
                f"{course_names[course.pk]} – {course.get_audience_display()}" for course in judged.level_courses
            )
            summary = no_audience if judged.has_members else no_members
            answer[unit.pk] = Evidence(EvidenceStatus.NOT_MET, summary, fix_url, fix_by, courses)
            continue
        trained, required = judged.trained_count, judged.required_count
        status = (
            EvidenceStatus.MET
            if trained == required
            else EvidenceStatus.PARTLY_MET
            if 2 * trained >= required
            else EvidenceStatus.NOT_MET
        )
        met = status == EvidenceStatus.MET
        answer[unit.pk] = Evidence(
            status=status,
            summary=summary_text % {"trained": trained, "required": required},
            fix_url="" if met else fix_url,
            fix_by="" if met else fix_by,
            details=tuple(
                detail_text
                % {
                    "course": course_names.setdefault(entry.course.pk, entry.course.name),
                    "trained": entry.trained_count,
                    "required": entry.required_count,
                }
                for entry in judged.courses
            ),
        )
    return answer


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
