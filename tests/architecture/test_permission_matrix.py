"""Every URL of the project × every persona × GET and POST → the status the persona must get.

The test walks the URLconf and fails for a URL without a row, so no view lands before its rights are decided.
Django's admin is covered by its index row: its own pages follow Django's staff and model permissions.
"""

from collections.abc import Callable

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from channels_plan.models import Channel, ChannelPlan, ContentProposal, ProposalAttachment
from channels_plan.services import calendar_feed_token_reset
from governance.models import (
    CrisisPeriod,
    FollowGroupIdea,
    FollowGroupMember,
    GuidelineDocument,
    GuidelineVersion,
    Hospital,
    Unit,
    User,
)
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from monitoring.models import MentionFeed
from monitoring.services import heartbeat_record
from monitoring.services.inbox import interaction_create_manual
from tests.architecture.matrix_rows import matrix_rows
from tests.architecture.personas import PERSONAS, everyone, members, signed_in


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


def guideline(kind: str) -> Callable[[], list[int]]:
    return lambda: [GuidelineDocument.objects.get(kind=kind, unit=None).pk]


def first_version(kind: str) -> Callable[[], list[int]]:
    def args() -> list[int]:
        version = GuidelineVersion.objects.get(document__kind=kind, document__unit=None, number=1)
        return [version.document_id, version.pk]

    return args


def ended_crisis() -> list[int]:
    lead, now = User.objects.get(username="lead"), timezone.now()
    crisis = CrisisPeriod.objects.create(
        hospital=Hospital.objects.get(), reason="Øvelse", started_by=lead, started_at=now, ended_by=lead, ended_at=now
    )
    return [crisis.pk]


def follow_group_member() -> list[int]:
    return [FollowGroupMember.objects.get(user__username="flowmanager").pk]


def follow_group_idea() -> list[int]:
    return [FollowGroupIdea.objects.order_by("pk").first().pk]


def mention_feed() -> list[int]:
    feed = MentionFeed.objects.create(hospital=Hospital.objects.get(), name="Nyheder", url="http://127.0.0.1:9/feed")
    return [feed.pk]


def interaction() -> list[int]:
    channel = Channel.objects.get()
    created = interaction_create_manual(
        hospital=channel.unit.hospital,
        channel=channel,
        data={"kind": "comment", "text": "Hvornår er der besøgstid?", "occurred_at": timezone.now()},
        acting_user=User.objects.get(username="flowmanager"),
    )
    return [created.pk]


CRISIS_PLAN = guideline("crisis_plan")
CRISIS_PLAN_V1 = first_version("crisis_plan")
HOSPITAL_EDITORS = {**signed_in(403), "lead": 200, "community": 200}
INBOX_WORKERS = {**signed_in(200), "manager": 403, "admin": 403}
INBOX_ACTION = {**signed_in(302), "manager": 403, "admin": 403}
INBOX_INVALID = {**signed_in(400), "manager": 403, "admin": 403}
FEED_MANAGERS = {**signed_in(403), "lead": 302, "community": 302}
GUIDELINE_AUTHORS = {**HOSPITAL_EDITORS, "flowmanager": 200}  # the flowmanager for the department's own

# url name: (reverse args, {method: {persona: status}})
MATRIX = {
    "home": ([], {"GET": signed_in(200), "POST": signed_in(405)}),
    "healthz": ([], {"GET": everyone(200), "POST": everyone(405)}),
    "login": ([], {"GET": signed_in(302, anonymous=200), "POST": signed_in(302, anonymous=200)}),
    "logout": ([], {"GET": everyone(405), "POST": everyone(302)}),
    "set_language": ([], {"GET": everyone(302), "POST": everyone(302)}),
    "maturity:scale": ([], {"GET": signed_in(200), "POST": signed_in(405)}),
    "maturity:level": ([3], {"GET": signed_in(200), "POST": signed_in(405)}),
    # The triage diagram: everyone who works in the hospital walks it; the communication unit's reviewers (lead,
    # community manager) edit it. Forms posted empty are shown again (200); the step is one other steps lead to, so
    # deleting it is refused with a message (302). Tested in tests/governance/triage/test_views.py.
    "triage:start": ([], {"GET": signed_in(200), "POST": signed_in(405)}),
    "triage:step": (
        lambda: [Unit.objects.get(name=PERSONA_DEPARTMENT).hospital.triage_nodes.get(code="complaint").pk],
        {"GET": signed_in(200), "POST": signed_in(405)},
    ),
    "triage:edit": ([], {"GET": {**signed_in(403), "lead": 200, "community": 200}, "POST": signed_in(405)}),
    "triage:node_create": (
        [],
        {
            "GET": {**signed_in(403), "lead": 200, "community": 200},
            "POST": {**signed_in(403), "lead": 200, "community": 200},
        },
    ),
    "triage:node_edit": (
        lambda: [Unit.objects.get(name=PERSONA_DEPARTMENT).hospital.triage_nodes.get(code="complaint").pk],
        {
            "GET": {**signed_in(403), "lead": 200, "community": 200},
            "POST": {**signed_in(403), "lead": 200, "community": 200},
        },
    ),
    "triage:node_delete": (
        lambda: [Unit.objects.get(name=PERSONA_DEPARTMENT).hospital.triage_nodes.get(code="thank").pk],
        {"GET": signed_in(405), "POST": {**signed_in(403), "lead": 302, "community": 302}},
    ),
    "admin:index": ([], {"GET": everyone(302, admin=200), "POST": everyone(302, admin=200)}),
    # The SoMe follow group: everyone in the hospital reads it; the communication unit's reviewers (lead, community)
    # manage it; they and its members (in the demo the community manager and the flowmanager) record meetings and set
    # ideas' status. Forms posted empty re-render (edit, meeting: 200) or are refused as invalid (member_add,
    # idea_status: 400).
    "follow_group:detail": ([], {"GET": signed_in(200), "POST": signed_in(405)}),
    "follow_group:edit": (
        [],
        {
            "GET": {**signed_in(403), "lead": 200, "community": 200},
            "POST": {**signed_in(403), "lead": 200, "community": 200},
        },
    ),
    "follow_group:member_add": (
        [],
        {"GET": signed_in(405), "POST": {**signed_in(403), "lead": 400, "community": 400}},
    ),
    "follow_group:member_remove": (
        follow_group_member,
        {"GET": signed_in(405), "POST": {**signed_in(403), "lead": 302, "community": 302}},
    ),
    "follow_group:meeting_create": (
        [],
        {
            "GET": {**signed_in(403), "lead": 200, "community": 200, "flowmanager": 200},
            "POST": {**signed_in(403), "lead": 200, "community": 200, "flowmanager": 200},
        },
    ),
    "follow_group:idea_status": (
        follow_group_idea,
        {"GET": signed_in(405), "POST": {**signed_in(403), "lead": 400, "community": 400, "flowmanager": 400}},
    ),
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
    # Guidelines: everybody in the hospital reads approved documents; the communication unit's reviewers write the
    # hospital's, a department's flowmanager the department's own; only the lead approves. Empty forms re-render.
    "guidelines:library": ([], {"GET": signed_in(200), "POST": signed_in(405)}),
    "guidelines:document_create": ([], {"GET": GUIDELINE_AUTHORS, "POST": GUIDELINE_AUTHORS}),
    "guidelines:document": (CRISIS_PLAN, {"GET": signed_in(200), "POST": signed_in(405)}),
    "guidelines:document_settings": (CRISIS_PLAN, {"GET": HOSPITAL_EDITORS, "POST": HOSPITAL_EDITORS}),
    "guidelines:draft_edit": (CRISIS_PLAN, {"GET": HOSPITAL_EDITORS, "POST": HOSPITAL_EDITORS}),
    "guidelines:draft_discard": (
        CRISIS_PLAN,
        {"GET": signed_in(405), "POST": {**signed_in(403), "lead": 302, "community": 302}},
    ),
    "guidelines:version": (CRISIS_PLAN_V1, {"GET": signed_in(200), "POST": signed_in(405)}),
    "guidelines:version_diff": (CRISIS_PLAN_V1, {"GET": HOSPITAL_EDITORS, "POST": signed_in(405)}),
    # Approving an approved version without saying which text was read is refused with a message (302).
    "guidelines:version_approve": (CRISIS_PLAN_V1, {"GET": signed_in(405), "POST": {**signed_in(403), "lead": 302}}),
    # Crisis mode: everybody in the hospital sees it; only the lead starts (an empty form: 400) and ends it (an
    # already ended crisis: refused with a message, 302).
    # Monitoring: everybody has an alert list (the communication unit its hospital's, a department its own).
    "monitoring:alerts": ([], {"GET": signed_in(200), "POST": signed_in(405)}),
    # The inbox: everyone sees their units' interactions (the communication unit its hospital's); the communication
    # unit and the department's people on duty act. Empty forms re-render (200); empty status/triage posts are 400.
    "monitoring:inbox": ([], {"GET": signed_in(200), "POST": signed_in(405)}),
    "monitoring:interaction_create": ([], {"GET": INBOX_WORKERS, "POST": INBOX_WORKERS}),
    "monitoring:interactions_import": ([], {"GET": INBOX_WORKERS, "POST": INBOX_WORKERS}),
    "monitoring:interactions_assign": ([], {"GET": signed_in(405), "POST": INBOX_ACTION}),
    "monitoring:interaction_detail": (interaction, {"GET": signed_in(200), "POST": signed_in(405)}),
    "monitoring:interaction_answer": (interaction, {"GET": signed_in(405), "POST": INBOX_ACTION}),
    "monitoring:interaction_status": (interaction, {"GET": signed_in(405), "POST": INBOX_INVALID}),
    "monitoring:interaction_triage": (interaction, {"GET": signed_in(405), "POST": INBOX_INVALID}),
    "monitoring:channel_check": (channel, {"GET": signed_in(405), "POST": INBOX_ACTION}),
    # The channel's integration token: its owner (flowmanager), back-up (producer) and the communication unit's
    # reviewers manage it; the manager and the superuser see the channel but do not manage it. The push endpoint takes
    # only a token: no persona has one, so every POST is 401 (tests/monitoring/api/test_endpoint.py).
    "monitoring_api:token_manage": (
        channel,
        {"GET": {**signed_in(200), "manager": 403, "admin": 403}, "POST": signed_in(405)},
    ),
    "monitoring_api:token_issue": (
        channel,
        {"GET": signed_in(405), "POST": {**signed_in(200), "manager": 403, "admin": 403}},
    ),
    "monitoring_api:token_revoke": (
        channel,
        {"GET": signed_in(405), "POST": {**signed_in(302), "manager": 403, "admin": 403}},
    ),
    "monitoring_api:channel_interactions": (channel, {"GET": everyone(405), "POST": everyone(401)}),
    # Mention feeds: the communication unit sees them; its reviewers add, edit, fetch and remove them. Empty forms
    # re-render; "fetch now" of a feed on 127.0.0.1 is refused by the address guard (302 with the error).
    "monitoring:feed_list": ([], {"GET": {**signed_in(403), "lead": 200, "community": 200}, "POST": signed_in(405)}),
    "monitoring:feed_create": ([], {"GET": HOSPITAL_EDITORS, "POST": HOSPITAL_EDITORS}),
    "monitoring:feed_edit": (mention_feed, {"GET": HOSPITAL_EDITORS, "POST": HOSPITAL_EDITORS}),
    "monitoring:feed_fetch_now": (mention_feed, {"GET": signed_in(405), "POST": FEED_MANAGERS}),
    "monitoring:feed_delete": (mention_feed, {"GET": signed_in(405), "POST": FEED_MANAGERS}),
    "crisis:status": ([], {"GET": signed_in(200), "POST": signed_in(405)}),
    "crisis:start": ([], {"GET": signed_in(405), "POST": {**signed_in(403), "lead": 400}}),
    "crisis:end": (ended_crisis, {"GET": signed_in(405), "POST": {**signed_in(403), "lead": 302}}),
    **matrix_rows(),
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
