"""A channel's ingest token in the browser: see whether there is one, issue (or replace) it, revoke it.

Who: the people who may manage the channel (its owner, back-up, the department's flowmanager, the communication
unit's reviewers). A channel outside one's sight is 404; one in sight but not one's to manage is 403.
A new token is shown once, on the page answering the POST that issued it: never stored in the session or a message,
and that page is never cached.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from channels_plan.models import Channel
from channels_plan.permissions import can_manage_channel
from channels_plan.selectors import channel_get_for_actor
from governance.permissions import request_actor
from monitoring.api.schema import AUTHOR_MAX_LENGTH, ID_MAX_LENGTH, MAX_ITEMS, URL_MAX_LENGTH
from monitoring.api.views import MAX_BODY_BYTES
from monitoring.models import TEXT_MAX_LENGTH, IngestToken, Interaction
from monitoring.services.ingest import channel_accepts_ingest, ingest_token_issue, ingest_token_revoke

EXAMPLE_PAYLOAD = {
    "interactions": [
        {
            "id": "1789_2231",
            "kind": "comment",
            "text": "Tak for en god behandling på afdelingen.",
            "author": "Jens Hansen",
            "url": "https://www.facebook.com/example/posts/1789?comment_id=2231",
            "written_at": "2026-03-02T09:15:00+01:00",
            "health_data": False,
        }
    ]
}


def _managed_channel(request: HttpRequest, channel_id: int) -> Channel:
    actor = request_actor(request)
    channel = channel_get_for_actor(actor=actor, channel_id=channel_id)
    if not can_manage_channel(actor, channel):
        raise PermissionDenied
    return channel


def _usage_context(request: HttpRequest, channel: Channel) -> dict:
    endpoint = request.build_absolute_uri(reverse("monitoring_api:channel_interactions", args=[channel.pk]))
    return {
        "channel": channel,
        "accepts_ingest": channel_accepts_ingest(channel),
        "endpoint": endpoint,
        "example_payload": json.dumps(EXAMPLE_PAYLOAD, indent=2, ensure_ascii=False),
        "example_curl": (
            "curl --fail-with-body -X POST \\\n"
            '  -H "Authorization: Bearer $TOKEN" \\\n'
            '  -H "Content-Type: application/json" \\\n'
            "  --data-binary @interactions.json \\\n"
            f"  {endpoint}"
        ),
        "kinds": Interaction.Kind.choices,
        "limits": {
            "max_items": MAX_ITEMS,
            "body_megabytes": MAX_BODY_BYTES // (1024 * 1024),
            "id": ID_MAX_LENGTH,
            "text": TEXT_MAX_LENGTH,
            "author": AUTHOR_MAX_LENGTH,
            "url": URL_MAX_LENGTH,
        },
    }


@login_required
@require_GET
def token_manage(request: HttpRequest, channel_id: int) -> HttpResponse:
    channel = _managed_channel(request, channel_id)
    token = IngestToken.objects.filter(channel=channel).select_related("created_by").first()
    return render(request, "monitoring/api/token_manage.html", {**_usage_context(request, channel), "token": token})


@login_required
@require_POST
@never_cache
def token_issue(request: HttpRequest, channel_id: int) -> HttpResponse:
    channel = _managed_channel(request, channel_id)
    replaced = IngestToken.objects.filter(channel=channel).exists()
    plaintext = ingest_token_issue(channel=channel, acting_user=request.user)
    context = {**_usage_context(request, channel), "plaintext_token": plaintext, "replaced": replaced}
    return render(request, "monitoring/api/token_issued.html", context)


@login_required
@require_POST
def token_revoke(request: HttpRequest, channel_id: int) -> HttpResponse:
    channel = _managed_channel(request, channel_id)
    if ingest_token_revoke(channel=channel, acting_user=request.user):
        messages.success(request, _("The token is revoked: the integration can no longer push to this channel."))
    else:
        messages.info(request, _("The channel had no token."))
    return redirect("monitoring_api:token_manage", channel.pk)
