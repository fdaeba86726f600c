"""The integration endpoint: a hospital's integration pushes a channel's interactions as JSON.

``POST /api/channels/<channel_id>/interactions/`` with ``Authorization: Bearer <token>`` and
``Content-Type: application/json``; the body follows monitoring.api.schema.

Answers, in the order they are checked:
    405 any method but POST
    401 no ``Authorization: Bearer`` header, or a token that is not one of ours (with ``WWW-Authenticate: Bearer``)
    404 a valid token of another channel (so no one learns which channels exist)
    415 a body that is not application/json
    413 a body over 1 MB (by its Content-Length, and by what is actually read)
    409 a channel that is paused or closed
    400 a body that is not JSON
    422 a body that breaks the schema: {"errors": [{"index", "field", "message"}]}; nothing is stored
    201 {"created": n, "skipped": m}; 200 when nothing was new (every item seen before)

Only the token authenticates: a browser session on the same site counts for nothing (the view forgets the signed-in
user, so the history of what is stored names no one), and the view is exempt from CSRF because it reads no cookie.
Rate limiting is not done here; it belongs in front of the application (the reverse proxy).
The body and the interactions' text are never logged; services.ingest logs the channel's id and counts.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from monitoring.services.ingest import (
    IngestRefused,
    channel_accepts_ingest,
    ingest_payload,
    ingest_token_channel,
)

MAX_BODY_BYTES = 1024 * 1024
JSON_MEDIA_TYPE = "application/json"


def _error(status: int, message: str, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def _unauthorized(message: str, *, invalid_token: bool = False) -> JsonResponse:
    response = _error(401, message)
    response["WWW-Authenticate"] = 'Bearer error="invalid_token"' if invalid_token else "Bearer"
    return response


def bearer_token(request: HttpRequest) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header; None when the header is missing or malformed."""
    scheme, _, token = request.headers.get("Authorization", "").strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token:
        return None
    return token


def body_within_limit(request: HttpRequest, limit: int = MAX_BODY_BYTES) -> bytes | None:
    """The body, or None when it is larger than ``limit``: by its declared length, or by what is read. The caller
    has checked that a declared length is a number.

    The stream is read directly (one byte past the limit at most), so Django's DATA_UPLOAD_MAX_MEMORY_SIZE is not
    what decides: the 413 is ours.
    """
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if int(declared) > limit:
        return None
    body = request.read(limit + 1)
    return None if len(body) > limit else body


@csrf_exempt
@never_cache
@require_POST
def channel_interactions(request: HttpRequest, channel_id: int) -> JsonResponse:
    # A session cookie sent along authenticates nothing here, and must name no one in the history written.
    request.user = AnonymousUser()
    token = bearer_token(request)
    if token is None:
        return _unauthorized("Send the channel's token as 'Authorization: Bearer <token>'.")
    channel = ingest_token_channel(token=token)
    if channel is None:
        return _unauthorized("The token is not valid.", invalid_token=True)
    if channel.pk != channel_id:
        return _error(404, "Not found.")
    if request.content_type.lower() != JSON_MEDIA_TYPE:
        return _error(415, "Send the body as application/json.")
    if not (request.META.get("CONTENT_LENGTH") or "0").isdigit():
        return _error(400, "The Content-Length header is not a number.")
    body = body_within_limit(request)
    if body is None:
        return _error(413, f"The body may be at most {MAX_BODY_BYTES} bytes; send fewer interactions at a time.")
    if not channel_accepts_ingest(channel):
        return _error(409, "The channel is not active: it takes no interactions.")
    try:
        result = ingest_payload(channel=channel, payload=body)
    except IngestRefused:
        return _error(409, "The channel is not active: it takes no interactions.")
    if result.invalid_json:
        return _error(400, f"The body is not valid JSON: {result.invalid_json}.")
    if result.errors:
        return _error(
            422,
            "The interactions do not follow the schema; none were stored.",
            errors=[error.as_dict() for error in result.errors],
        )
    status = 201 if result.created else 200
    return JsonResponse({"created": result.created, "skipped": result.skipped}, status=status)
