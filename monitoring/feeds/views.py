"""Mention feeds in the browser: the communication unit sees its hospital's feeds and how each fares; its reviewers
add, change, fetch and remove them. Everybody else gets 403; a feed of a hospital one does not work in, 404."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from governance.hospital_scope import hospital_for_request
from governance.models import Hospital
from governance.permissions import request_actor
from monitoring.feeds import feed_error_label, mention_feed_fetch
from monitoring.feeds.forms import MentionFeedForm
from monitoring.models import MentionFeed
from monitoring.services.feeds import (
    mention_feed_create,
    mention_feed_delete,
    mention_feed_may_manage,
    mention_feed_may_see,
    mention_feed_update,
)


def _list_url(hospital_id: int) -> str:
    return f"{reverse('monitoring:feed_list')}?{urlencode({'hospital': hospital_id})}"


def _add_service_error(form: Form, error: ValidationError) -> None:
    """Show a service's refusal beside the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _feed_for_request(request: HttpRequest, feed_id: int, *, manage: bool) -> MentionFeed:
    """The feed, if the person works in its hospital (else 404) and may see (or manage) it there (else 403)."""
    actor = request_actor(request)
    feed = get_object_or_404(MentionFeed.objects.select_related("hospital"), pk=feed_id)
    if not actor.works_in(feed.hospital_id):
        raise Http404("Another hospital's feed")
    allowed = mention_feed_may_manage if manage else mention_feed_may_see
    if not allowed(actor, hospital_id=feed.hospital_id):
        raise PermissionDenied
    return feed


def _feed_state(feed: MentionFeed) -> dict:
    if not feed.is_active:
        return {"code": "paused", "label": _("Paused")}
    if feed.consecutive_failures:
        return {
            "code": "failing",
            "label": ngettext(
                "Failed %(count)d time: %(error)s",
                "Failing %(count)d times in a row: %(error)s",
                feed.consecutive_failures,
            )
            % {"count": feed.consecutive_failures, "error": feed_error_label(feed.last_error)},
        }
    if feed.last_success_at is None:
        return {"code": "new", "label": _("Not fetched yet")}
    return {"code": "ok", "label": _("OK")}


@login_required
@require_GET
def feed_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    hospital, hospitals = hospital_for_request(request, actor)
    if not mention_feed_may_see(actor, hospital_id=hospital.pk):
        raise PermissionDenied
    feeds = list(MentionFeed.objects.filter(hospital=hospital).annotate(mention_count=Count("interactions")))
    for feed in feeds:
        feed.state = _feed_state(feed)
    return render(
        request,
        "monitoring/feeds/list.html",
        {
            "hospital": hospital,
            "hospitals": hospitals,
            "feeds": feeds,
            "may_manage": mention_feed_may_manage(actor, hospital_id=hospital.pk),
        },
    )


def _render_form(request: HttpRequest, form: MentionFeedForm, *, hospital: Hospital, feed: MentionFeed | None):
    return render(
        request,
        "monitoring/feeds/form.html",
        {"form": form, "feed": feed, "hospital": hospital, "list_url": _list_url(hospital.pk)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def feed_create(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    hospital, _hospitals = hospital_for_request(request, actor)
    if not mention_feed_may_manage(actor, hospital_id=hospital.pk):
        raise PermissionDenied
    form = MentionFeedForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            feed = mention_feed_create(hospital=hospital, data=form.cleaned_data, acting_user=request.user)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The feed “%(name)s” is added. Fetch it now to see that it works.") % {"name": feed.name},
            )
            return redirect(_list_url(hospital.pk))
    return _render_form(request, form, hospital=hospital, feed=None)


@login_required
@require_http_methods(["GET", "POST"])
def feed_edit(request: HttpRequest, feed_id: int) -> HttpResponse:
    feed = _feed_for_request(request, feed_id, manage=True)
    initial = {"name": feed.name, "url": feed.url, "is_active": feed.is_active}
    form = MentionFeedForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            feed = mention_feed_update(feed=feed, data=form.cleaned_data, acting_user=request.user)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("Your changes to “%(name)s” are saved.") % {"name": feed.name})
            return redirect(_list_url(feed.hospital_id))
    return _render_form(request, form, hospital=feed.hospital, feed=feed)


@login_required
@require_POST
def feed_fetch_now(request: HttpRequest, feed_id: int) -> HttpResponse:
    feed = _feed_for_request(request, feed_id, manage=True)
    result = mention_feed_fetch(feed=feed, acting_user=request.user)
    values = {"name": feed.name}
    if not result.ok:
        values["error"] = feed_error_label(result.error)
        messages.error(request, _("Fetching “%(name)s” failed: %(error)s.") % values)
    elif result.not_modified:
        messages.success(request, _("“%(name)s” has nothing new since the last fetch.") % values)
    else:
        values.update(created=result.created, skipped=result.skipped)
        messages.success(
            request,
            ngettext(
                "“%(name)s” is fetched: %(created)d new mention (%(skipped)d seen before).",
                "“%(name)s” is fetched: %(created)d new mentions (%(skipped)d seen before).",
                result.created,
            )
            % values,
        )
    return redirect(_list_url(feed.hospital_id))


@login_required
@require_POST
def feed_delete(request: HttpRequest, feed_id: int) -> HttpResponse:
    feed = _feed_for_request(request, feed_id, manage=True)
    try:
        mention_feed_delete(feed=feed, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The feed “%(name)s” is removed. The mentions it brought in stay in the inbox.") % {"name": feed.name},
        )
    return redirect(_list_url(feed.hospital_id))
