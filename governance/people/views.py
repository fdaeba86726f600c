"""A unit's people page: the memberships by role with their back-ups, and the forms that staff the unit.

Only those who may staff the unit see it (404 for everyone else, as if it did not exist). Each form posts to its own
URL and calls one service; a refused or invalid form is shown again on the page (status 400) with what was chosen
and the message at the field it concerns.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from governance.models import Membership, Unit
from governance.people.forms import BackupNameForm, MembershipAddForm, membership_label
from governance.people.selectors import (
    hospital_people,
    memberships_by_role,
    role_catalogue,
    staffable_unit_get,
    unit_membership_get,
    unit_memberships,
)
from governance.people.services import unit_membership_add, unit_membership_backup_set, unit_membership_end
from governance.permissions import request_actor
from governance.registry import staffing_needs


def _page_url(unit: Unit, anchor: str = "") -> str:
    url = reverse("unit_people", args=[unit.pk])
    return f"{url}#{anchor}" if anchor else url


def _add_service_error(form: Form, error: ValidationError) -> None:
    """Show a service's refusal beside the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _add_form(unit: Unit, memberships: list[Membership], data=None) -> MembershipAddForm:
    return MembershipAddForm(
        data,
        people=hospital_people(hospital_id=unit.hospital_id),
        roles=role_catalogue(),
        memberships=memberships,
    )


def _people_page(
    request: HttpRequest,
    unit: Unit,
    *,
    memberships: list[Membership] | None = None,
    add_form: MembershipAddForm | None = None,
    backup_form: BackupNameForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The page; ``add_form`` / ``backup_form``: a form shown again with what was chosen and its errors."""
    if memberships is None:
        memberships = unit_memberships(unit=unit)
    for membership in memberships:
        if backup_form is not None and backup_form.holder.pk == membership.pk:
            membership.backup_form = backup_form
        else:
            membership.backup_form = BackupNameForm(holder=membership, memberships=memberships)
    context = {
        "unit": unit,
        "groups": memberships_by_role(memberships),
        "member_count": len({membership.user_id for membership in memberships}),
        "needs": staffing_needs(unit),
        "add_form": add_form or _add_form(unit, memberships),
        "invalid_forms": [form for form in (add_form, backup_form) if form is not None and form.errors],
    }
    return render(request, "governance/people/unit_people.html", context, status=status)


@login_required
@require_GET
def unit_people(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = staffable_unit_get(actor=request_actor(request), unit_id=unit_id)
    return _people_page(request, unit)


@login_required
@require_POST
def unit_people_add(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = staffable_unit_get(actor=request_actor(request), unit_id=unit_id)
    memberships = unit_memberships(unit=unit)
    form = _add_form(unit, memberships, data=request.POST)
    if form.is_valid():
        backup_for = next((m for m in memberships if m.pk == form.cleaned_data["backup_for"]), None)
        try:
            membership = unit_membership_add(
                unit=unit,
                user=form.cleaned_data["user"],
                role=form.cleaned_data["role"],
                backup_for=backup_for,
                acting_user=request.user,
            )
        except ValidationError as error:
            _add_service_error(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(person)s now holds the role %(role)s in %(unit)s.")
                % {"person": membership.user, "role": membership.role, "unit": unit},
            )
            return redirect(_page_url(unit, f"membership-{membership.pk}"))
    return _people_page(request, unit, memberships=memberships, add_form=form, status=400)


@login_required
@require_POST
def unit_people_backup_name(request: HttpRequest, unit_id: int, membership_id: int) -> HttpResponse:
    """Name a back-up for the membership ``membership_id``: another member of the unit stands in for it."""
    unit = staffable_unit_get(actor=request_actor(request), unit_id=unit_id)
    memberships = unit_memberships(unit=unit)
    holder = next((m for m in memberships if m.pk == membership_id), None)
    if holder is None:
        unit_membership_get(unit=unit, membership_id=membership_id)  # 404: not a membership of the unit
    form = BackupNameForm(request.POST, holder=holder, memberships=memberships)
    if form.is_valid():
        backup = next((m for m in memberships if m.pk == form.cleaned_data["backup"]), None)
        try:
            if backup is None:
                raise ValidationError({"backup": _("Choose a member of the unit.")})
            unit_membership_backup_set(membership=backup, backup_for=holder, acting_user=request.user, field="backup")
        except ValidationError as error:
            _add_service_error(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(backup)s is now the back-up of %(holder)s.")
                % {"backup": membership_label(backup), "holder": membership_label(holder)},
            )
            return redirect(_page_url(unit, f"membership-{holder.pk}"))
    return _people_page(request, unit, memberships=memberships, backup_form=form, status=400)


@login_required
@require_POST
def unit_people_backup_stop(request: HttpRequest, unit_id: int, membership_id: int) -> HttpResponse:
    """The membership ``membership_id`` no longer backs anyone up."""
    unit = staffable_unit_get(actor=request_actor(request), unit_id=unit_id)
    backup = unit_membership_get(unit=unit, membership_id=membership_id)
    holder_id = backup.backup_for_id
    try:
        unit_membership_backup_set(membership=backup, backup_for=None, acting_user=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(error.messages) if isinstance(error, ValidationError) else str(error))
    else:
        messages.success(request, _("%(backup)s no longer backs anyone up.") % {"backup": membership_label(backup)})
    return redirect(_page_url(unit, f"membership-{holder_id}" if holder_id else ""))


@login_required
@require_http_methods(["GET", "POST"])
def unit_people_end(request: HttpRequest, unit_id: int, membership_id: int) -> HttpResponse:
    """Ask, then end a membership."""
    unit = staffable_unit_get(actor=request_actor(request), unit_id=unit_id)
    membership = unit_membership_get(unit=unit, membership_id=membership_id)
    error, status = None, 200
    if request.method == "POST":
        try:
            unit_membership_end(membership=membership, acting_user=request.user)
        except ValidationError as refused:
            error, status = " ".join(refused.messages), 400
        except PermissionDenied as refused:
            error, status = str(refused), 403
        else:
            messages.success(
                request,
                _("%(person)s no longer holds the role %(role)s in %(unit)s.")
                % {"person": membership.user, "role": membership.role, "unit": unit},
            )
            return redirect(_page_url(unit))
    context = {
        "unit": unit,
        "membership": membership,
        "backups": list(membership.backups.select_related("user", "role").order_by("pk")),
        "error": error,
        "page_url": _page_url(unit, f"membership-{membership.pk}"),
    }
    return render(request, "governance/people/membership_end.html", context, status=status)
