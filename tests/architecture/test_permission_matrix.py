"""Every URL of the project × every persona × GET and POST → the status the persona must get.

The test walks the URLconf and fails for a URL without a row, so no view lands before its rights are decided.
Django's admin is covered by its index row: its own pages follow Django's staff and model permissions.
"""

from collections.abc import Callable

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from channels_plan.models import Channel, ChannelPlan, ContentProposal, ProposalAttachment
from channels_plan.services import calendar_feed_token_reset
from governance.models import Unit, User
from hospital_some.demo import PERSONA_DEPARTMENT
from monitoring.services import heartbeat_record

PERSONAS = ["anonymous", "inactive", "producer", "flowmanager", "manager", "community", "lead", "admin"]
STAFF_ONLY = {"admin": 200}


def everyone(status: int, **overrides: int) -> dict[str, int]:
    return {persona: overrides.get(persona, status) for persona in PERSONAS}


def signed_in(status: int, *, anonymous: int = 302) -> dict[str, int]:
    """Signed-in people get ``status``; anonymous visitors and deactivated accounts go to the login page."""
    return everyone(status, anonymous=anonymous, inactive=anonymous)


def members(status: int, *, manager: int | None = None, others: int = 404) -> dict[str, int]:
    """For a department's object: its editors (producer, flowmanager) get ``status``; the rest ``others``."""
    return {
        **signed_in(others),
        "producer": status,
        "flowmanager": status,
        "manager": status if manager is None else manager,
    }


def plan(title: str) -> Callable[[], list[int]]:
    return lambda: [ChannelPlan.objects.get(title=title).pk]


def attachment() -> list[int]:
    item = ProposalAttachment.objects.get(original_name="hjerteugen.png")
    return [item.proposal_id, item.pk]


def department() -> list[int]:
    return [Unit.objects.get(name=PERSONA_DEPARTMENT).pk]


def channel() -> list[int]:
    return [Channel.objects.get().pk]


def feed_token() -> list[str]:
    lead = User.objects.get(username="lead")
    return [calendar_feed_token_reset(user=lead, acting_user=lead).token]


def proposal(title: str) -> Callable[[], list[int]]:
    return lambda: [ContentProposal.objects.get(title=title).pk]


DRAFT_PROPOSAL = proposal("Hjerteugen: åbent hus")  # drafted by the producer
SUBMITTED_PROPOSAL = proposal("Sådan forbereder du dig til en ballonudvidelse")
DRAFT = plan("Hjerteskolen på Instagram")  # drafted by the producer: private to the department
SUBMITTED = plan("Hjerteforeningens fællesskab på Facebook")  # submitted by the flowmanager
APPROVED = plan("Hjerteafdelingen på Facebook")
NOT_IN_DEPARTMENT = {"producer": 403, "flowmanager": 403, "manager": 403, "admin": 403}

# url name: (reverse args, {method: {persona: status}})
MATRIX = {
    "home": ([], {"GET": signed_in(200), "POST": signed_in(405)}),
    "healthz": ([], {"GET": everyone(200), "POST": everyone(405)}),
    "login": ([], {"GET": signed_in(302, anonymous=200), "POST": signed_in(302, anonymous=200)}),
    "logout": ([], {"GET": everyone(405), "POST": everyone(302)}),
    "set_language": ([], {"GET": everyone(302), "POST": everyone(302)}),
    "maturity:scale": ([], {"GET": signed_in(200), "POST": signed_in(405)}),
    "maturity:level": ([3], {"GET": signed_in(200), "POST": signed_in(405)}),
    "admin:index": ([], {"GET": everyone(302, admin=200), "POST": everyone(302, admin=200)}),
    "channels_plan:plan_list": ([], {"GET": signed_in(200), "POST": signed_in(405)}),
    "channels_plan:plan_create": (
        department,
        {"GET": members(200, manager=403), "POST": members(200, manager=403)},
    ),
    "channels_plan:plan_detail": (DRAFT, {"GET": members(200), "POST": members(405, others=405)}),
    "channels_plan:plan_edit": (DRAFT, {"GET": members(200, manager=403), "POST": members(200, manager=403)}),
    "channels_plan:plan_submit": (DRAFT, {"GET": members(405, others=405), "POST": members(302, manager=403)}),
    "channels_plan:plan_decide": (
        SUBMITTED,
        {"GET": signed_in(405), "POST": {**signed_in(400), **NOT_IN_DEPARTMENT}},
    ),
    "channels_plan:plan_result": (
        APPROVED,
        {"GET": signed_in(405), "POST": {**signed_in(403), "producer": 400, "flowmanager": 400}},
    ),
    "channels_plan:plan_evaluated": (
        APPROVED,
        {"GET": signed_in(405), "POST": {**signed_in(302), **NOT_IN_DEPARTMENT}},
    ),
    "channels_plan:channel_list": ([], {"GET": signed_in(200), "POST": signed_in(405)}),
    "channels_plan:channel_detail": (channel, {"GET": signed_in(200), "POST": signed_in(405)}),
    "channels_plan:channel_status": (
        channel,
        {"GET": signed_in(405), "POST": {**signed_in(400), "manager": 403, "admin": 403}},
    ),
    "channels_plan:proposal_list": ([], {"GET": signed_in(200), "POST": signed_in(405)}),
    "channels_plan:proposal_create": (
        department,
        {"GET": members(200, manager=403), "POST": members(200, manager=403)},
    ),
    "channels_plan:proposal_detail": (DRAFT_PROPOSAL, {"GET": members(200), "POST": members(405, others=405)}),
    "channels_plan:proposal_edit": (
        DRAFT_PROPOSAL,
        {"GET": members(200, manager=403), "POST": members(200, manager=403)},
    ),
    "channels_plan:proposal_submit": (
        DRAFT_PROPOSAL,
        {"GET": members(405, others=405), "POST": members(302, manager=403)},
    ),
    # Forms posted empty are refused as invalid (400) to whoever may see the proposal; the services then
    # decide who may schedule, review or record (tested in tests/channels_plan/test_proposals.py).
    "channels_plan:proposal_schedule": (DRAFT_PROPOSAL, {"GET": members(405, others=405), "POST": members(400)}),
    "channels_plan:proposal_decide": (SUBMITTED_PROPOSAL, {"GET": signed_in(405), "POST": signed_in(400)}),
    "channels_plan:proposal_publish": (SUBMITTED_PROPOSAL, {"GET": signed_in(405), "POST": signed_in(400)}),
    "channels_plan:proposal_attachment_upload": (
        DRAFT_PROPOSAL,
        {"GET": members(405, others=405), "POST": members(400)},
    ),
    "channels_plan:proposal_attachment_download": (attachment, {"GET": members(200), "POST": members(405, others=405)}),
    "channels_plan:proposal_attachment_delete": (
        attachment,
        {"GET": members(405, others=405), "POST": members(302)},
    ),
    "channels_plan:posting_rights": ([], {"GET": signed_in(200), "POST": signed_in(405)}),
    # The demo department is at level 3 and already selected: asking or granting again changes nothing. Units
    # outside one's own and one's hospital's are 404; the services refuse the rest with a message (302).
    "channels_plan:enrolment_request": (
        department,
        {"GET": signed_in(405), "POST": {**signed_in(302), "admin": 404}},
    ),
    "channels_plan:enrolment_grant": (department, {"GET": signed_in(405), "POST": {**signed_in(302), "admin": 404}}),
    "channels_plan:enrolment_end": (department, {"GET": signed_in(405), "POST": {**signed_in(302), "admin": 404}}),
    "channels_plan:channel_review": (
        channel,
        {"GET": signed_in(405), "POST": {**signed_in(302), "manager": 403, "admin": 403}},
    ),
    # The editorial calendar: every signed-in person has one (department people see their units' posts, the
    # communication unit its hospital's: tests/channels_plan/test_calendar.py). The feed needs no login, only its
    # token (here the lead's): any client with a valid one gets 200, a bad or reset one 404 (tested there too).
    "calendar:month": ([], {"GET": signed_in(200), "POST": signed_in(405)}),
    "calendar:week": ([], {"GET": signed_in(200), "POST": signed_in(405)}),
    "calendar:list": ([], {"GET": signed_in(200), "POST": signed_in(405)}),
    "calendar:feed_reset": ([], {"GET": signed_in(405), "POST": signed_in(302)}),
    "calendar:feed": (feed_token, {"GET": everyone(200), "POST": everyone(405)}),
}


def _url_names(resolver=None, namespace: str = "") -> set[str]:
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                names.add("admin:index")
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= _url_names(entry, inner)
        elif isinstance(entry, URLPattern):
            assert entry.name, f"URL pattern {entry.pattern} has no name, so the matrix cannot name it"
            names.add(f"{namespace}{entry.name}")
    return names


def test_every_url_has_a_row():
    assert _url_names() == set(MATRIX), "Decide the rights of every new URL in MATRIX"


@pytest.fixture
def persona_client(client, demo):
    User.objects.create_user(username="inactive", password="unused-password-1", is_active=False)
    heartbeat_record()

    def as_persona(persona: str):
        if persona != "anonymous":
            client.force_login(User.objects.get(username=persona))
        return client

    return as_persona


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_permission_matrix(persona_client, url_name, persona):
    args, expectations = MATRIX[url_name]
    url = reverse(url_name, args=args() if callable(args) else args)
    for method, statuses in expectations.items():
        client = persona_client(persona)
        response = client.get(url) if method == "GET" else client.post(url)
        assert response.status_code == statuses[persona], f"{method} {url} as {persona}"
