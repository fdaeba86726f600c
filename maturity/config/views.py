"""The configuration pages of the scale. They exist only for configurers: everybody else gets 404, as for an object
they may not see (the standard is shared by every hospital, so no page here belongs to a department)."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from maturity.config import selectors
from maturity.config.forms import (
    MonitoringNormForm,
    RequiredGuidelinesForm,
    RequiredMetricsForm,
    RoleRequirementForm,
    RoleTextsForm,
)
from maturity.config.permissions import may_configure_scale
from maturity.config.services import (
    NORM_FIELDS,
    ROLE_TEXT_FIELDS,
    monitoring_norm_update,
    required_guidelines_set,
    required_metrics_set,
    role_requirement_remove,
    role_requirement_save,
    role_texts_update,
)
from maturity.config.validation import ScaleConfigError

REQUIREMENT_FIELDS = (
    "min_headcount",
    "recommended_headcount",
    "may_combine_with",
    "needs_backup",
    "note_da",
    "note_en",
)


def configurer_required(view: Callable) -> Callable:
    @login_required
    @wraps(view)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not may_configure_scale(request.user):
            raise Http404("No such page")
        return view(request, *args, **kwargs)

    return checked


def _posted(request: HttpRequest):
    """The submitted data on POST (even when empty: no box ticked), None on GET, for an unbound form."""
    return request.POST if request.method == "POST" else None


def _saved(request: HttpRequest, form: Form, write: Callable[[], object]) -> bool:
    """Run the service; a refusal becomes an error at the field it concerns, the typed input stays in the form."""
    try:
        write()
    except ScaleConfigError as refusal:
        form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        return False
    messages.success(request, _("The configuration is saved."))
    return True


def _back_to_level(number: int) -> HttpResponse:
    return redirect("scale_config:level", level=number)


@configurer_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "maturity/config/home.html", selectors.configuration_home())


@configurer_required
@require_GET
def level_page(request: HttpRequest, level: int) -> HttpResponse:
    return render(request, "maturity/config/level.html", selectors.level_configuration(number=level))


@configurer_required
@require_http_methods(["GET", "POST"])
def role_edit(request: HttpRequest, role_code: str) -> HttpResponse:
    role = selectors.role_get(code=role_code)
    form = RoleTextsForm(
        _posted(request),
        initial={name: getattr(role, name) for name in ROLE_TEXT_FIELDS},
    )
    if form.is_valid() and _saved(
        request, form, lambda: role_texts_update(role=role, data=form.cleaned_data, acting_user=request.user)
    ):
        return redirect("maturity:roles")
    return render(request, "maturity/config/role_form.html", {"form": form, "role": role})


@configurer_required
@require_http_methods(["GET", "POST"])
def requirement_add(request: HttpRequest, level: int) -> HttpResponse:
    level_object = selectors.level_get(number=level)
    form = RoleRequirementForm(_posted(request), adding=True)
    if form.is_valid() and _saved(
        request,
        form,
        lambda: role_requirement_save(
            level_number=level,
            role=form.cleaned_data["role"],
            scope=form.cleaned_data["scope"],
            data={name: form.cleaned_data[name] for name in REQUIREMENT_FIELDS},
            acting_user=request.user,
        ),
    ):
        return _back_to_level(level)
    return render(request, "maturity/config/requirement_form.html", {"form": form, "level": level_object})


@configurer_required
@require_http_methods(["GET", "POST"])
def requirement_edit(request: HttpRequest, level: int, role_code: str, scope: str) -> HttpResponse:
    requirement = selectors.role_requirement_get(number=level, role_code=role_code, scope=scope)
    initial = {name: getattr(requirement, name) for name in REQUIREMENT_FIELDS if name != "may_combine_with"}
    initial["may_combine_with"] = list(requirement.may_combine_with.all())
    form = RoleRequirementForm(_posted(request), initial=initial, adding=False)
    if form.is_valid() and _saved(
        request,
        form,
        lambda: role_requirement_save(
            level_number=level,
            role=requirement.role,
            scope=scope,
            data={name: form.cleaned_data[name] for name in REQUIREMENT_FIELDS},
            acting_user=request.user,
        ),
    ):
        return _back_to_level(level)
    context = {"form": form, "level": requirement.level, "requirement": requirement}
    return render(request, "maturity/config/requirement_form.html", context)


@configurer_required
@require_http_methods(["GET", "POST"])
def requirement_remove(request: HttpRequest, level: int, role_code: str, scope: str) -> HttpResponse:
    requirement = selectors.role_requirement_get(number=level, role_code=role_code, scope=scope)
    form = Form(_posted(request))
    if request.method == "POST" and _saved(
        request,
        form,
        lambda: role_requirement_remove(
            level_number=level, role=requirement.role, scope=scope, acting_user=request.user
        ),
    ):
        return _back_to_level(level)
    return render(request, "maturity/config/requirement_remove.html", {"form": form, "requirement": requirement})


@configurer_required
@require_http_methods(["GET", "POST"])
def norm_edit(request: HttpRequest, level: int) -> HttpResponse:
    context = selectors.level_configuration(number=level)
    form = MonitoringNormForm(_posted(request), instance=context["norm"])
    if form.is_valid() and _saved(
        request,
        form,
        lambda: monitoring_norm_update(
            level_number=level,
            data={name: form.cleaned_data[name] for name in NORM_FIELDS},
            acting_user=request.user,
        ),
    ):
        return _back_to_level(level)
    return render(request, "maturity/config/norm_form.html", {"form": form, "level": context["level"]})


@configurer_required
@require_http_methods(["GET", "POST"])
def metrics_edit(request: HttpRequest, level: int) -> HttpResponse:
    context = selectors.level_configuration(number=level)
    current = {row.metric_id: row.optional for row in context["metrics"]}
    form = RequiredMetricsForm(_posted(request), metrics=selectors.metric_catalogue(), current=current)
    if form.is_valid() and _saved(
        request,
        form,
        lambda: required_metrics_set(level_number=level, metrics=form.wanted(), acting_user=request.user),
    ):
        return _back_to_level(level)
    return render(request, "maturity/config/metrics_form.html", {"form": form, "level": context["level"]})


@configurer_required
@require_http_methods(["GET", "POST"])
def guidelines_edit(request: HttpRequest, level: int) -> HttpResponse:
    context = selectors.level_configuration(number=level)
    initial = {"kinds": [row.kind for row in context["guidelines"]]}
    form = RequiredGuidelinesForm(_posted(request), initial=initial)
    if form.is_valid() and _saved(
        request,
        form,
        lambda: required_guidelines_set(level_number=level, kinds=form.cleaned_data["kinds"], acting_user=request.user),
    ):
        return _back_to_level(level)
    return render(request, "maturity/config/guidelines_form.html", {"form": form, "level": context["level"]})
