"""IDOR: every URL that names an object gives 404 to a department user when the object belongs to another
department. The test walks the URLconf and fails for an object URL without an entry here."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from channels_plan.models import Channel, ContentProposal, ProposalAttachment
from channels_plan.services import (
    calendar_feed_token_reset,
    plan_create,
    plan_decide,
    proposal_create,
    proposal_schedule_directly,
)
from governance.crisis.services import crisis_mode_start
from governance.follow_group.services import follow_group_meeting_record, follow_group_member_add, follow_group_save
from governance.guidelines.services import guideline_document_create, guideline_version_approve
from governance.models import Hospital, TriageNode, Unit, User
from governance.services import hospital_ensure
from maturity.models import Level
from maturity.services import unit_maturity_set
from monitoring.services.feeds import mention_feed_create
from monitoring.services.inbox import interaction_create_manual
from tests.architecture.foreign_objects import areas
from tests.factories import UnitFactory, UserFactory, membership_make, plan_submit_complete

OBJECT_KWARGS = {
    "unit_id",
    "plan_id",
    "channel_id",
    "proposal_id",
    "attachment_id",
    "document_id",
    "version_id",
    "crisis_id",
    "member_id",
    "idea_id",
    "node_id",
    "feed_id",
    "interaction_id",
}.union(*(area.KWARGS for area in areas()))


@pytest.fixture
def foreign(demo) -> dict[str, int]:
    """Objects of a department the producer does not belong to, one of each kind an URL can name."""
    unit = UnitFactory(hospital=Unit.objects.get(name="Akutafdelingen").hospital, name="Fremmed afdeling")
    producer = UserFactory(username="foreign-producer")
    membership_make(user=producer, unit=unit, role_code="producer")
    membership_make(user=UserFactory(username="foreign-flow"), unit=unit, role_code="flowmanager")
    level = Level.objects.get(number=3)
    unit_maturity_set(unit=unit, current_level=level, target_level=level, acting_user=None)
    plan = plan_create(unit=unit, data={"title": "Fremmed plan", "platform": "x"}, acting_user=producer)
    approved = plan_create(unit=unit, data={"title": "Fremmed kanal", "platform": "x"}, acting_user=producer)
    plan_submit_complete(plan=approved, acting_user=producer)
    plan_decide(plan=approved, decision="approve", comment="", acting_user=User.objects.get(username="lead"))
    channel = Channel.objects.get(plan=approved)
    proposal = proposal_create(
        unit=unit,
        data={"title": "Fremmed opslag", "text": "x", "channels": [channel], "strategy": "openness"},
        acting_user=producer,
    )
    attachment = ProposalAttachment.objects.create(
        proposal=proposal,
        file=SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\n"),
        original_name="x.png",
        content_type="image/png",
        extension="png",
        size=8,
        uploaded_by=producer,
    )
    interaction = interaction_create_manual(
        hospital=unit.hospital,
        channel=channel,
        data={"kind": "comment", "text": "Fremmed kommentar", "occurred_at": timezone.now()},
        acting_user=producer,
    )
    hospital_objects = _another_hospitals_objects()
    base = {
        "unit": unit,
        "channel": channel,
        "producer": producer,
        "flowmanager": User.objects.get(username="foreign-flow"),
        "foreign_hospital": Hospital.objects.get(pk=hospital_objects.pop("hospital_id")),
        "foreign_lead": User.objects.get(username="foreign-lead"),
    }
    return {
        **hospital_objects,
        **{kwarg: pk for area in areas() for kwarg, pk in area.build(base).items()},
        "interaction_id": interaction.pk,
        "unit_id": unit.pk,
        "plan_id": plan.pk,
        "channel_id": channel.pk,
        "proposal_id": proposal.pk,
        "attachment_id": attachment.pk,
    }


def _object_urls(resolver=None, namespace: str = "") -> list[tuple[str, set[str]]]:
    urls = []
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            urls += _object_urls(entry, inner)
        elif isinstance(entry, URLPattern) and entry.pattern.converters:
            urls.append((f"{namespace}{entry.name}", set(entry.pattern.converters)))
    return urls


OBJECT_URLS = _object_urls()


def test_every_object_url_names_a_known_kind_of_object():
    unknown = {name: kwargs - OBJECT_KWARGS for name, kwargs in OBJECT_URLS if kwargs - OBJECT_KWARGS}
    unknown.pop("maturity:level", None)  # the scale's levels are public to every signed-in user
    # Courses are shared by every hospital (the scale's catalogue): their pages name them by code.
    unknown.pop("training:course_detail", None)
    unknown.pop("training:course_edit", None)
    # The calendar feed's ``token`` is no object id but its owner's secret: the feed shows what that owner may
    # see, so it cannot name another department's object (test_a_feed_token_never_shows_another_departments_items).
    unknown.pop("calendar:feed", None)
    assert not unknown, f"Add a foreign object for these URL arguments: {unknown}"


# The integration endpoint takes a token, not a session: a signed-in producer gets 401 there; a token of another
# channel gives 404 (tests/monitoring/api/test_endpoint.py).
TOKEN_AUTHENTICATED = {"monitoring_api:channel_interactions"}


@pytest.mark.parametrize(
    ("url_name", "kwargs"), [u for u in OBJECT_URLS if u[1] <= OBJECT_KWARGS and u[0] not in TOKEN_AUTHENTICATED]
)
def test_another_departments_object_is_404_for_a_department_user(client, foreign, url_name, kwargs):
    client.force_login(User.objects.get(username="producer"))
    url = reverse(url_name, kwargs={name: foreign[name] for name in kwargs})
    assert client.get(url).status_code in {404, 405}
    assert client.post(url).status_code in {404, 405}
    assert 404 in {client.get(url).status_code, client.post(url).status_code}, url


def test_a_feed_token_never_shows_another_departments_items(client, foreign):
    """The producer's feed token reads the producer's department's posts, never another department's."""
    lead, producer = User.objects.get(username="lead"), User.objects.get(username="producer")
    foreign_post = ContentProposal.objects.get(pk=foreign["proposal_id"])
    proposal_schedule_directly(proposal=foreign_post, scheduled_at=timezone.now(), acting_user=lead)
    own_post = proposal_create(
        unit=Unit.objects.get(name="Hjertemedicinsk afdeling"),
        data={
            "title": "Eget opslag",
            "text": "x",
            "channels": [Channel.objects.get(unit__name="Hjertemedicinsk afdeling")],
            "strategy": "openness",
        },
        acting_user=producer,
    )
    proposal_schedule_directly(proposal=own_post, scheduled_at=timezone.now(), acting_user=producer)

    def feed_of(user) -> bytes:
        token = calendar_feed_token_reset(user=user, acting_user=user).token
        response = client.get(reverse("calendar:feed", args=[token]))
        assert response.status_code == 200
        return response.content

    producers_feed = feed_of(producer)
    assert f"content-proposal-{own_post.pk}@".encode() in producers_feed
    assert f"content-proposal-{foreign_post.pk}@".encode() not in producers_feed
    assert b"Fremmed" not in producers_feed
    # The communication unit's lead sees the whole hospital, the foreign department's post included.
    assert f"content-proposal-{foreign_post.pk}@".encode() in feed_of(lead)


def _another_hospitals_objects() -> dict[str, int]:
    """Guidelines, the triage diagram, crisis periods and the follow group belong to a hospital: everybody in it
    reads them, nobody outside it."""
    hospital = hospital_ensure(name="Fremmed hospital", country=Hospital.Country.NORWAY)  # with its triage diagram
    lead = UserFactory(username="foreign-lead")
    communication = UnitFactory(hospital=hospital, kind=Unit.Kind.COMMUNICATION)
    membership_make(user=lead, unit=communication, role_code="strategist")
    document = guideline_document_create(
        hospital=hospital,
        unit=None,
        kind="crisis_plan",
        title="Kriseplan",
        review_interval_months=12,
        body="x",
        acting_user=lead,
    )
    version = document.versions.get()
    guideline_version_approve(version=version, revision=version.revision, acting_user=lead)
    crisis = crisis_mode_start(hospital=hospital, reason="Fremmed krise", acting_user=lead)
    group = follow_group_save(hospital=hospital, data={"name": "Følgegruppe", "purpose": "x"}, acting_user=lead)
    member = follow_group_member_add(
        group=group, user=lead, unit=communication, joined_on=datetime.date(2026, 1, 5), acting_user=lead
    )
    meeting = follow_group_meeting_record(
        group=group, held_on=datetime.date(2026, 1, 20), minutes="x", ideas=["Fremmed idé"], acting_user=lead
    )
    return {
        "hospital_id": hospital.pk,
        "document_id": document.pk,
        "version_id": version.pk,
        "crisis_id": crisis.pk,
        "member_id": member.pk,
        "idea_id": meeting.ideas.get().pk,
        "node_id": TriageNode.objects.get(hospital=hospital, code="complaint").pk,
        "feed_id": mention_feed_create(
            hospital=hospital, data={"name": "Fremmed feed", "url": "https://news.example.no/rss"}, acting_user=lead
        ).pk,
    }
