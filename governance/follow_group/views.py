"""The SoMe follow group in the browser: everyone in the hospital reads it; the communication unit sets it up and
decides who is in it; the communication unit and the members record meetings and follow the ideas up."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from governance.follow_group.forms import FollowGroupForm, FollowGroupMeetingForm, FollowGroupMemberForm, IdeaStatusForm
from governance.follow_group.selectors import follow_group_evidence, follow_group_get
from governance.follow_group.services import (
    follow_group_idea_status_set,
    follow_group_may_manage,
    follow_group_may_take_part,
    follow_group_meeting_record,
    follow_group_member_add,
    follow_group_member_remove,
    follow_group_save,
)
from governance.hospital_scope import hospital_for_request
from governance.models import FollowGroup, FollowGroupIdea, FollowGroupMember, Hospital
from governance.permissions import request_actor
from governance.selectors import hospital_list_for_user


def _detail_url(hospital: Hospital, anchor: str = "") -> str:
    url = f"{reverse('follow_group:detail')}?{urlencode({'hospital': hospital.pk})}"
    return f"{url}#{anchor}" if anchor else url


def _add_service_error(form: Form, error: ValidationError) -> None:
    """Show a service's refusal beside the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _members_by_unit(group: FollowGroup | None) -> list[tuple]:
    units: dict[int, tuple] = {}
    for member in group.members.all() if group else []:
        units.setdefault(member.unit_id, (member.unit, []))[1].append(member)
    return list(units.values())


def _render_detail(
    request: HttpRequest,
    hospital: Hospital,
    hospitals: list[Hospital],
    *,
    status: int = 200,
    member_form: FollowGroupMemberForm | None = None,
    idea_error: tuple[int, list[str]] | None = None,
) -> HttpResponse:
    actor = request_actor(request)
    group = follow_group_get(hospital=hospital)
    may_manage = follow_group_may_manage(actor, hospital_id=hospital.pk)
    if may_manage and group is not None and member_form is None:
        member_form = FollowGroupMemberForm(hospital=hospital, group=group)
    members_by_unit = _members_by_unit(group)
    context = {
        "hospital": hospital,
        "hospitals": hospitals,
        "group": group,
        "members_by_unit": members_by_unit,
        "meetings": list(group.meetings.all()) if group else [],
        "evidence": follow_group_evidence(hospital=hospital, today=timezone.localdate()),
        "may_manage": may_manage,
        "may_take_part": group is not None and follow_group_may_take_part(actor, group=group),
        "member_form": member_form if may_manage and group is not None else None,
        "idea_statuses": FollowGroupIdea.Status.choices,
        "idea_error_id": idea_error[0] if idea_error else None,
        "idea_error": " ".join(idea_error[1]) if idea_error else "",
    }
    return render(request, "governance/follow_group/detail.html", context, status=status)


@login_required
@require_GET
def detail(request: HttpRequest) -> HttpResponse:
    hospital, hospitals = hospital_for_request(request, request_actor(request))
    return _render_detail(request, hospital, hospitals)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    hospital, _hospitals = hospital_for_request(request, actor)
    if not follow_group_may_manage(actor, hospital_id=hospital.pk):
        raise PermissionDenied
    group = FollowGroup.objects.filter(hospital_id=hospital.pk).first()
    initial = None if group else {"name": _("SoMe follow group")}
    form = FollowGroupForm(request.POST or None, instance=group, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            follow_group_save(hospital=hospital, data=form.cleaned_data, acting_user=request.user)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("The follow group is saved.") if group else _("The follow group is set up."))
            return redirect(_detail_url(hospital))
    return render(
        request,
        "governance/follow_group/edit.html",
        {"form": form, "group": group, "hospital": hospital, "detail_url": _detail_url(hospital)},
    )


@login_required
@require_POST
def member_add(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    hospital, hospitals = hospital_for_request(request, actor)
    if not follow_group_may_manage(actor, hospital_id=hospital.pk):
        raise PermissionDenied
    group = FollowGroup.objects.filter(hospital_id=hospital.pk).first()
    if group is None:
        messages.error(request, _("Set up the follow group before you add members."))
        return redirect(f"{reverse('follow_group:edit')}?{urlencode({'hospital': hospital.pk})}")
    form = FollowGroupMemberForm(request.POST, hospital=hospital, group=group)
    if form.is_valid():
        try:
            member = follow_group_member_add(group=group, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(person)s joined the follow group, representing %(unit)s.")
                % {"person": member.user, "unit": member.unit},
            )
            return redirect(_detail_url(hospital, "members-heading"))
    return _render_detail(request, hospital, hospitals, status=400, member_form=form)


def _visible_hospital(request: HttpRequest, hospital: Hospital) -> Hospital:
    """The object's hospital if the person works there, else 404: another hospital's group does not exist here."""
    if not request_actor(request).works_in(hospital.pk):
        raise Http404("Another hospital's follow group")
    return hospital


@login_required
@require_POST
def member_remove(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_object_or_404(FollowGroupMember.objects.select_related("group__hospital", "user"), pk=member_id)
    hospital = _visible_hospital(request, member.group.hospital)
    if not follow_group_may_manage(request_actor(request), hospital_id=hospital.pk):
        raise PermissionDenied
    try:
        follow_group_member_remove(member=member, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(person)s has left the follow group.") % {"person": member.user})
    return redirect(_detail_url(hospital, "members-heading"))


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    hospital, _hospitals = hospital_for_request(request, actor)
    may_manage = follow_group_may_manage(actor, hospital_id=hospital.pk)
    group = (
        FollowGroup.objects.filter(hospital_id=hospital.pk)
        .prefetch_related("members")
        .select_related("hospital")
        .first()
    )
    if group is None:
        if not may_manage:
            raise PermissionDenied
        messages.error(request, _("Set up the follow group before you record its meetings."))
        return redirect(f"{reverse('follow_group:edit')}?{urlencode({'hospital': hospital.pk})}")
    if not follow_group_may_take_part(actor, group=group):
        raise PermissionDenied
    form = FollowGroupMeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = follow_group_meeting_record(group=group, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            count = len(form.cleaned_data["ideas"])
            messages.success(
                request,
                ngettext(
                    "The meeting is recorded with %(count)d idea.",
                    "The meeting is recorded with %(count)d ideas.",
                    count,
                )
                % {"count": count},
            )
            return redirect(_detail_url(hospital, f"meeting-{meeting.pk}"))
    return render(
        request,
        "governance/follow_group/meeting_form.html",
        {"form": form, "group": group, "hospital": hospital, "detail_url": _detail_url(hospital)},
    )


@login_required
@require_POST
def idea_status(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = get_object_or_404(FollowGroupIdea.objects.select_related("meeting__group__hospital"), pk=idea_id)
    group = idea.meeting.group
    hospital = _visible_hospital(request, group.hospital)
    if not follow_group_may_take_part(request_actor(request), group=group):
        raise PermissionDenied
    form = IdeaStatusForm(request.POST)
    if not form.is_valid():
        hospitals = list(hospital_list_for_user(user=request.user))
        return _render_detail(request, hospital, hospitals, status=400, idea_error=(idea.pk, form.errors["status"]))
    try:
        idea = follow_group_idea_status_set(idea=idea, status=form.cleaned_data["status"], acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The idea “%(idea)s” is now: %(status)s.") % {"idea": idea.text, "status": idea.get_status_display()},
        )
    return redirect(_detail_url(hospital, f"idea-{idea.pk}"))
