"""The interaction inbox in the browser: the list with its filters, bulk assignment and channel checks; one
interaction; entering interactions by hand and from a CSV file.

Everything works with plain links, GET filters and POST forms that redirect. Where htmx is present, "Answered",
"No answer needed" and "Checked now" swap only their row (or channel) in place and announce the result in a live
region (an out-of-band swap). People who see an interaction read it; people who work it act on it: an interaction
outside one's view is 404, an action one may not take 403.
"""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.messages.constants import DEFAULT_TAGS
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from channels_plan.pagination import page_of, query_without_page
from governance.hospital_scope import hospital_for_request
from governance.models import Hospital, TriageAction
from governance.permissions import Actor, request_actor
from governance.triage.selectors import triage_trail_format
from monitoring.inbox.forms import AnswerForm, AssignForm, CsvImportForm, InteractionForm, StatusForm, TriageForm
from monitoring.inbox.selectors import (
    ASSIGNEE_CHOICES,
    SENTIMENT_CHOICES,
    SENTIMENT_LABELS,
    STATUS_CHOICES,
    InboxFilters,
    answer_deadline_counts,
    assignee_choices_for_actor,
    channel_get_for_actor,
    channel_with_checks,
    checkable_channels_for_actor,
    entry_channels_for_actor,
    inbox_channels_for_actor,
    interaction_get_for_actor,
    interaction_list_for_actor,
    interaction_triage_suggestion,
    may_enter_interactions,
)
from monitoring.models import Interaction
from monitoring.permissions import can_check_channel_of, can_work_interaction, visible_interactions_filter
from monitoring.sentiment import sentiment_label
from monitoring.services.inbox import (
    DERIVED_ID_PREFIX,
    InboxError,
    InteractionAlreadyExists,
    channel_check_record,
    interaction_answer_record,
    interaction_create_manual,
    interaction_read_logged,
    interaction_status_set,
    interaction_triage_set,
    interactions_assign,
    interactions_import_csv,
)

LIST_TEMPLATE = "monitoring/inbox/list.html"
ROW_SWAP_TEMPLATE = "monitoring/inbox/row_swap.html"
CHECK_SWAP_TEMPLATE = "monitoring/inbox/check_swap.html"
ERRORS_SHOWN = 200  # of a CSV file's problems; the count of the rest is given


def deadline_countdown(deadline: datetime, now: datetime) -> str:
    """ "due in 1 h 20 min" or "overdue by 3 h", to the minute."""
    seconds = (deadline - now).total_seconds()
    minutes = int(abs(seconds) // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        span = _("%(days)d d %(hours)d h") % {"days": days, "hours": hours}
    elif hours and minutes:
        span = _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
    elif hours:
        span = _("%(hours)d h") % {"hours": hours}
    else:
        span = _("%(minutes)d min") % {"minutes": minutes}
    if seconds < 0:
        return _("overdue by %(span)s") % {"span": span}
    return _("due in %(span)s") % {"span": span}


def _decorate(interactions: list[Interaction], actor: Actor, now: datetime) -> list[Interaction]:
    """What each row shows beyond its fields, worked out without a query."""
    for interaction in interactions:
        interaction.may_work = can_work_interaction(actor, interaction)
        interaction.is_overdue = bool(interaction.is_open and interaction.deadline and interaction.deadline < now)
        interaction.countdown = (
            deadline_countdown(interaction.deadline, now) if interaction.is_open and interaction.deadline else ""
        )
        interaction.sentiment_text = SENTIMENT_LABELS[sentiment_label(interaction.sentiment)]
    return interactions


def _inbox_url(hospital_id: int | None = None, **query) -> str:
    params = {"hospital": hospital_id, **query} if hospital_id else query
    return reverse("monitoring:inbox") + (f"?{urlencode(params)}" if params else "")


def _next_url(request: HttpRequest, default: str) -> str:
    """Where a plain form post returns: the page it came from (the inbox with its filters), on this site only."""
    wanted = request.POST.get("next", "")
    if wanted.startswith("/") and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return default


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _bad_request(request: HttpRequest) -> HttpResponse:
    return render(request, "400.html", status=400)


# --- the list -------------------------------------------------------------------------------------------------------


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    hospital, hospitals = hospital_for_request(request, actor)
    filters = InboxFilters.from_query(request.GET)
    now = timezone.now()
    interactions = interaction_list_for_actor(actor=actor, hospital=hospital, filters=filters, now=now)
    page = page_of(request, interactions)
    rows = _decorate(list(page.object_list), actor, now)
    answers_due = None
    if filters.due_days:  # the gap report's figure, from the same selector: a unit's, or the hospital's
        counts = answer_deadline_counts(interactions)
        if filters.unit_id is not None:
            total, in_time = counts.by_unit[filters.unit_id], counts.in_time_by_unit[filters.unit_id]
        else:
            total, in_time = counts.by_hospital[hospital.pk], counts.in_time_by_hospital[hospital.pk]
        answers_due = {"total": total, "in_time": in_time, "days": filters.due_days}
    may_work = may_enter_interactions(actor, hospital=hospital)
    people = list(assignee_choices_for_actor(actor=actor, hospital=hospital))
    context = {
        "hospital": hospital,
        "hospitals": hospitals,
        "hospital_id": hospital.pk,
        "filters": filters,
        "page": page,
        "rows": rows,
        "page_query": query_without_page(request),
        "filter_channels": inbox_channels_for_actor(actor=actor, hospital=hospital),
        "check_channels": checkable_channels_for_actor(actor=actor, hospital=hospital),
        "people": people,
        "status_choices": STATUS_CHOICES,
        "assignee_choices": ASSIGNEE_CHOICES,
        "sentiment_choices": SENTIMENT_CHOICES,
        "may_act": may_work,
        "sees_feeds": hospital.pk in actor.communication_units,
        "next_url": request.get_full_path(),
        "default_url": _inbox_url(hospital.pk if len(hospitals) > 1 else None),
        "answers_due": answers_due,
    }
    return render(request, LIST_TEMPLATE, context)


def _row_response(request: HttpRequest, interaction_id: int, message: str, level: int) -> HttpResponse:
    """The row as it is now, for htmx to swap in, with the message for the live region."""
    actor = request_actor(request)
    row = interaction_get_for_actor(actor=actor, interaction_id=interaction_id)
    _decorate([row], actor, timezone.now())
    context = {
        "row": row,
        "message": message,
        "level": DEFAULT_TAGS[level],
        "next_url": _next_url(request, reverse("monitoring:inbox")),
        "may_act": may_enter_interactions(actor, hospital=row.hospital),
    }
    return render(request, ROW_SWAP_TEMPLATE, context)


def _done(request: HttpRequest, interaction: Interaction, service, success: str, **kwargs) -> HttpResponse:
    """Run a row action; answer htmx with the row, a plain post with a message and a redirect."""
    try:
        service(interaction=interaction, acting_user=request.user, **kwargs)
    except InboxError as error:
        message, level = str(error), messages.ERROR
    else:
        message, level = success, messages.SUCCESS
    if _is_htmx(request):
        return _row_response(request, interaction.pk, message, level)
    messages.add_message(request, level, message)
    return redirect(_next_url(request, reverse("monitoring:interaction_detail", args=[interaction.pk])))


def _workable(request: HttpRequest, interaction_id: int) -> Interaction:
    """An interaction the person sees (else 404) and works (else 403)."""
    actor = request_actor(request)
    interaction = interaction_get_for_actor(actor=actor, interaction_id=interaction_id)
    if not can_work_interaction(actor, interaction):
        raise PermissionDenied
    return interaction


@login_required
@require_POST
def interaction_answer(request: HttpRequest, interaction_id: int) -> HttpResponse:
    interaction = _workable(request, interaction_id)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _bad_request(request)
    success = _("%(interaction)s is recorded as answered.") % {"interaction": interaction}
    return _done(request, interaction, interaction_answer_record, success, note=form.cleaned_data["note"])


@login_required
@require_POST
def interaction_status(request: HttpRequest, interaction_id: int) -> HttpResponse:
    interaction = _workable(request, interaction_id)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _bad_request(request)
    status = form.cleaned_data["status"]
    success = _("%(interaction)s: %(status)s.") % {
        "interaction": interaction,
        "status": Interaction.Status(status).label,
    }
    return _done(request, interaction, interaction_status_set, success, status=status)


@login_required
@require_POST
def interaction_triage(request: HttpRequest, interaction_id: int) -> HttpResponse:
    interaction = _workable(request, interaction_id)
    form = TriageForm(request.POST)
    if not form.is_valid():
        return _bad_request(request)
    action = form.cleaned_data["action"]
    success = _("Triage outcome recorded: %(action)s.") % {"action": TriageAction(action).label}
    return _done(request, interaction, interaction_triage_set, success, action=action)


@login_required
@require_POST
def interactions_assign_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    hospital, hospitals = hospital_for_request(request, actor)
    if not may_enter_interactions(actor, hospital=hospital):
        raise PermissionDenied
    back = _next_url(request, _inbox_url(hospital.pk if len(hospitals) > 1 else None))
    form = AssignForm(
        request.POST,
        interactions=Interaction.objects.filter(visible_interactions_filter(actor), hospital=hospital),
        people=assignee_choices_for_actor(actor=actor, hospital=hospital),
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    chosen, assignee = form.cleaned_data["interactions"], form.cleaned_data["assignee"]
    try:
        interactions_assign(interactions=chosen, assignee=assignee, acting_user=request.user)
    except InboxError as error:
        messages.error(request, str(error))
    else:
        count = len(chosen)
        if assignee is None:
            text = ngettext(
                "%(count)d interaction no longer has anyone assigned.",
                "%(count)d interactions no longer have anyone assigned.",
                count,
            ) % {"count": count}
        else:
            text = ngettext(
                "%(count)d interaction is assigned to %(person)s.",
                "%(count)d interactions are assigned to %(person)s.",
                count,
            ) % {"count": count, "person": assignee}
        messages.success(request, text)
    return redirect(back)


@login_required
@require_POST
def channel_check(request: HttpRequest, channel_id: int) -> HttpResponse:
    actor = request_actor(request)
    channel = channel_get_for_actor(actor=actor, channel_id=channel_id)
    if not can_check_channel_of(actor, hospital_id=channel.unit.hospital_id, unit=channel.unit):
        raise PermissionDenied
    try:
        check = channel_check_record(channel=channel, acting_user=request.user)
    except InboxError as error:
        message, level = str(error), messages.ERROR
    else:
        when = date_format(timezone.localtime(check.checked_at), "TIME_FORMAT")
        message = _("Your check of %(channel)s is recorded (%(time)s).") % {"channel": channel, "time": when}
        level = messages.SUCCESS
    if _is_htmx(request):
        context = {
            "channel": channel_with_checks(channel=channel, actor=actor),
            "message": message,
            "level": DEFAULT_TAGS[level],
            "hospital_id": channel.unit.hospital_id,
            "next_url": _next_url(request, reverse("monitoring:inbox")),
        }
        return render(request, CHECK_SWAP_TEMPLATE, context)
    messages.add_message(request, level, message)
    return redirect(_next_url(request, _inbox_url(channel.unit.hospital_id, channel=channel.pk)))


# --- one interaction ------------------------------------------------------------------------------------------------


def _triage_walk_url(suggestion) -> str:
    node = suggestion.walk.current
    if node is None:
        return reverse("triage:start")
    url = reverse("triage:step", args=[node.pk])
    trail = suggestion.walk.trail
    return f"{url}?trail={triage_trail_format(trail)}" if trail else url


def _status_buttons(interaction: Interaction) -> list[tuple[str, str]]:
    if interaction.status == Interaction.Status.NEW:
        return [
            (Interaction.Status.IN_PROGRESS, _("Mark as in progress")),
            (Interaction.Status.NO_ANSWER_NEEDED, _("No answer needed")),
        ]
    if interaction.status == Interaction.Status.IN_PROGRESS:
        return [
            (Interaction.Status.NO_ANSWER_NEEDED, _("No answer needed")),
            (Interaction.Status.NEW, _("Back to new")),
        ]
    return [(Interaction.Status.IN_PROGRESS, _("Reopen"))]


@login_required
@require_GET
def interaction_detail(request: HttpRequest, interaction_id: int) -> HttpResponse:
    actor = request_actor(request)
    interaction = interaction_get_for_actor(actor=actor, interaction_id=interaction_id)
    interaction_read_logged(interaction=interaction, user=request.user)
    _decorate([interaction], actor, timezone.now())
    context = {
        "interaction": interaction,
        "detail_url": request.path,
        # An id the inbox made up (for an item without the platform's) means nothing to a reader.
        "platform_id": "" if interaction.external_id.startswith(DERIVED_ID_PREFIX) else interaction.external_id,
    }
    if interaction.may_work:
        suggestion = interaction_triage_suggestion(interaction=interaction)
        suggested = suggestion.walk.action.action if suggestion.walk.action is not None else ""
        context.update(
            {
                "suggestion": suggestion,
                "walk_url": _triage_walk_url(suggestion),
                "triage_form": TriageForm(initial={"action": interaction.triage_action or suggested}),
                "answer_form": AnswerForm(),
                "status_buttons": _status_buttons(interaction),
                "people": list(assignee_choices_for_actor(actor=actor, hospital=interaction.hospital)),
            }
        )
    return render(request, "monitoring/inbox/detail.html", context)


# --- entering interactions ------------------------------------------------------------------------------------------


def _entering(request: HttpRequest) -> tuple[Actor, Hospital, list[Hospital]]:
    actor = request_actor(request)
    hospital, hospitals = hospital_for_request(request, actor)
    if not may_enter_interactions(actor, hospital=hospital):
        raise PermissionDenied
    return actor, hospital, hospitals


@login_required
@require_http_methods(["GET", "POST"])
def interaction_create(request: HttpRequest) -> HttpResponse:
    actor, hospital, hospitals = _entering(request)
    form = InteractionForm(
        request.POST if request.method == "POST" else None,
        channels=entry_channels_for_actor(actor=actor, hospital=hospital),
        allow_no_channel=hospital.pk in actor.communication_units,
    )
    if request.method == "POST" and form.is_valid():
        try:
            interaction = interaction_create_manual(
                hospital=hospital,
                channel=form.cleaned_data["channel"],
                data=form.cleaned_data,
                acting_user=request.user,
            )
        except InteractionAlreadyExists as error:
            messages.info(request, str(error))
            return redirect("monitoring:interaction_detail", error.interaction.pk)
        messages.success(request, _("%(interaction)s is in the inbox.") % {"interaction": interaction})
        return redirect("monitoring:interaction_detail", interaction.pk)
    context = {
        "form": form,
        "hospital": hospital,
        "hospitals": hospitals,
        "switch_action": reverse("monitoring:interaction_create"),
        "inbox_url": _inbox_url(hospital.pk if len(hospitals) > 1 else None),
    }
    return render(request, "monitoring/inbox/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def interactions_import(request: HttpRequest) -> HttpResponse:
    _actor, hospital, hospitals = _entering(request)
    posted = request.method == "POST"
    form = CsvImportForm(request.POST if posted else None, request.FILES if posted else None)
    errors = []
    if posted and form.is_valid():
        result = interactions_import_csv(hospital=hospital, file=form.cleaned_data["file"], acting_user=request.user)
        if result.ok:
            messages.success(
                request,
                _("%(created)d new interactions are in the inbox; %(skipped)d were there already.")
                % {"created": result.created, "skipped": result.skipped},
            )
            return redirect(_inbox_url(hospital.pk if len(hospitals) > 1 else None))
        errors = result.errors
    context = {
        "form": form,
        "hospital": hospital,
        "hospitals": hospitals,
        "errors": errors[:ERRORS_SHOWN],
        "errors_total": len(errors),
        "errors_more": max(0, len(errors) - ERRORS_SHOWN),
        "switch_action": reverse("monitoring:interactions_import"),
        "inbox_url": _inbox_url(hospital.pk if len(hospitals) > 1 else None),
    }
    return render(request, "monitoring/inbox/import.html", context)
