"""The gap report pages: a unit's report with its self-assessments, and the hospital overview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from governance.hospital_scope import hospital_for_request
from governance.permissions import request_actor
from governance.spreadsheets import csv_response
from maturity.exceptions import MaturityError
from maturity.gaps import export
from maturity.gaps.forms import SelfAssessmentForm, SelfAssessmentReviewForm
from maturity.gaps.permissions import may_answer_self_assessment, may_review_self_assessment, sees_all_units
from maturity.gaps.selectors import (
    gap_unit_get,
    hospital_gap_overview,
    level_numbers,
    self_assessed_requirement_get,
    self_assessment_for,
    unit_report_get,
)
from maturity.gaps.services import self_assessment_answer, self_assessment_review
from maturity.models import SELF_ASSESSED, SelfAssessment


def _level_asked(request: HttpRequest, levels: list[int]) -> int | None:
    """``?level=N`` when N is a level of the scale; anything else means the unit's target level."""
    wanted = request.GET.get("level", "")
    return int(wanted) if wanted.isdigit() and int(wanted) in levels else None


@login_required
@require_GET
def unit_report(request: HttpRequest, unit_id: int) -> HttpResponse:
    actor = request_actor(request)
    unit = gap_unit_get(actor=actor, unit_id=unit_id)
    levels = level_numbers()
    report = unit_report_get(unit=unit, level=_level_asked(request, levels), today=timezone.localdate())
    # The hospital's part links to pages of the communication unit: shown to those who may open them.
    may_act_for_hospital = sees_all_units(actor, unit.hospital_id)
    context = {"unit": unit, "report": report, "levels": levels, "may_act_for_hospital": may_act_for_hospital}
    return render(request, "maturity/gaps/unit_report.html", context)


@login_required
@require_GET
def unit_report_csv(request: HttpRequest, unit_id: int) -> HttpResponse:
    actor = request_actor(request)
    unit = gap_unit_get(actor=actor, unit_id=unit_id)
    report = unit_report_get(unit=unit, level=_level_asked(request, level_numbers()), today=timezone.localdate())
    return csv_response(
        filename=f"gaps-unit-{unit.pk}-level-{report.level}",
        header=export.unit_report_header(),
        rows=export.unit_report_rows(
            report,
            base_url=request.build_absolute_uri("/")[:-1],
            hospital_links=sees_all_units(actor, unit.hospital_id),
        ),
    )


def _answer_page(request, unit, requirement, form=None, review_form=None, status=200) -> HttpResponse:
    actor = request_actor(request)
    assessment = self_assessment_for(unit=unit, requirement=requirement)
    may_answer = may_answer_self_assessment(actor, unit)
    pending = assessment is not None and assessment.review == SelfAssessment.Review.PENDING
    may_review = pending and may_review_self_assessment(actor, unit)
    if form is None and may_answer:
        initial = {"answer": assessment.answer, "evidence": assessment.evidence} if assessment else {}
        form = SelfAssessmentForm(initial=initial)
    if review_form is None and may_review:
        review_form = SelfAssessmentReviewForm()
    context = {
        "unit": unit,
        "requirement": requirement,
        "assessment": assessment,
        "form": form if may_answer else None,
        "review_form": review_form if may_review else None,
    }
    return render(request, "maturity/gaps/self_assessment.html", context, status=status)


def _self_assessed(request: HttpRequest, unit_id: int, requirement_id: int):
    unit = gap_unit_get(actor=request_actor(request), unit_id=unit_id)
    requirement = self_assessed_requirement_get(requirement_id=requirement_id)
    if requirement.evidence_source != SELF_ASSESSED:
        raise Http404("Not a self-assessed requirement")
    if not requirement.is_answered_by(unit):
        raise Http404("The line is answered by another unit")
    return unit, requirement


@login_required
@require_http_methods(["GET", "POST"])
def self_assessment(request: HttpRequest, unit_id: int, requirement_id: int) -> HttpResponse:
    unit, requirement = _self_assessed(request, unit_id, requirement_id)
    if request.method == "GET":
        return _answer_page(request, unit, requirement)
    if not may_answer_self_assessment(request_actor(request), unit):
        return _answer_page(request, unit, requirement, status=403)
    form = SelfAssessmentForm(request.POST)
    if form.is_valid():
        try:
            self_assessment_answer(
                unit=unit,
                requirement=requirement,
                answer=form.cleaned_data["answer"],
                evidence=form.cleaned_data["evidence"],
                acting_user=request.user,
            )
        except MaturityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your answer is saved; the communication unit will review it."))
            return redirect(reverse("gaps:unit", kwargs={"unit_id": unit.pk}))
    return _answer_page(request, unit, requirement, form=form, status=400)


@login_required
@require_POST
def self_assessment_review_view(request: HttpRequest, unit_id: int, requirement_id: int) -> HttpResponse:
    unit, requirement = _self_assessed(request, unit_id, requirement_id)
    assessment = self_assessment_for(unit=unit, requirement=requirement)
    if assessment is None or not may_review_self_assessment(request_actor(request), unit):
        return _answer_page(request, unit, requirement, status=403)
    form = SelfAssessmentReviewForm(request.POST)
    if form.is_valid():
        try:
            self_assessment_review(
                assessment=assessment,
                accept=form.cleaned_data["decision"] == "accept",
                comment=form.cleaned_data["comment"],
                acting_user=request.user,
            )
        except MaturityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The review is saved."))
            return redirect(reverse("gaps:answer", kwargs={"unit_id": unit.pk, "requirement_id": requirement.pk}))
    return _answer_page(request, unit, requirement, review_form=form, status=400)


def _overview(request: HttpRequest) -> tuple[dict, list]:
    actor = request_actor(request)
    hospital, hospitals = hospital_for_request(request, actor)
    overview = hospital_gap_overview(
        actor=actor, hospital=hospital, today=timezone.localdate(), sort=request.GET.get("sort", "")
    )
    if not overview["rows"]:
        raise Http404("No unit to show")
    return {**overview, "hospital": hospital}, hospitals


@login_required
@require_GET
def hospital_overview(request: HttpRequest) -> HttpResponse:
    overview, hospitals = _overview(request)
    return render(request, "maturity/gaps/hospital_overview.html", {**overview, "hospitals": hospitals})


@login_required
@require_GET
def hospital_overview_csv(request: HttpRequest) -> HttpResponse:
    overview, _hospitals = _overview(request)
    return csv_response(
        filename=f"gaps-hospital-{overview['hospital'].pk}",
        header=export.overview_header(overview["dimensions"]),
        rows=export.overview_rows(overview["rows"]),
    )
