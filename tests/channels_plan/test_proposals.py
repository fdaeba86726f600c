import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from channels_plan.exceptions import PlanError, PlanIncomplete
from channels_plan.models import Channel, ContentProposal, ProposalDecision
from channels_plan.services import (
    posting_enrolment_end,
    proposal_create,
    proposal_decide,
    proposal_record_publication,
    proposal_schedule_directly,
    proposal_submit,
)
from governance.models import Unit
from tests.hostile_inputs import DANGEROUS_MARKUP, HOSTILE_INPUTS

pytestmark = pytest.mark.django_db

SOON = timezone.make_aware(datetime.datetime(2030, 5, 1, 9, 30))


def _draft(people, username="producer", **overrides) -> ContentProposal:
    unit = Unit.objects.get(name="Hjertemedicinsk afdeling")
    data = {
        "title": "Hjerteugen",
        "text": "Kom til åbent hus i hjerteugen.",
        "channels": [Channel.objects.get()],
        "wished_at": None,
        "strategy": "openness",
        "invites_dialogue": False,
        **overrides,
    }
    return proposal_create(unit=unit, data=data, acting_user=people[username])


def test_a_selected_departments_flowmanager_schedules_directly(people):
    proposal = proposal_schedule_directly(proposal=_draft(people), scheduled_at=SOON, acting_user=people["flowmanager"])
    assert (proposal.status, proposal.scheduled_at) == (ContentProposal.Status.SCHEDULED, SOON)


def test_without_posting_rights_one_only_proposes(people):
    posting_enrolment_end(unit=Unit.objects.get(name="Hjertemedicinsk afdeling"), acting_user=people["lead"])
    proposal = _draft(people)
    with pytest.raises(PlanError):
        proposal_schedule_directly(proposal=proposal, scheduled_at=SOON, acting_user=people["flowmanager"])
    proposal = proposal_submit(proposal=proposal, acting_user=people["producer"])
    with pytest.raises(PlanError):
        proposal_decide(
            proposal=proposal, decision="schedule", comment="", scheduled_at=SOON, acting_user=people["flowmanager"]
        )
    proposal_decide(proposal=proposal, decision="schedule", comment="", scheduled_at=SOON, acting_user=people["lead"])
    proposal.refresh_from_db()
    assert proposal.status == ContentProposal.Status.SCHEDULED


def test_the_manager_and_the_communication_unit_do_not_propose_for_the_department(people):
    for username in ["manager", "lead"]:
        with pytest.raises(PlanError):
            _draft(people, username=username)


def test_a_proposal_needs_open_channels_of_the_hospital(people):
    with pytest.raises(PlanIncomplete):
        _draft(people, channels=[])
    channel = Channel.objects.get()
    channel.status = Channel.Status.CLOSED
    channel.save()
    with pytest.raises(PlanIncomplete):
        _draft(people)


def test_review_decisions_and_their_rules(people):
    proposal = proposal_submit(proposal=_draft(people), acting_user=people["producer"])
    with pytest.raises(PlanIncomplete):
        proposal_decide(proposal=proposal, decision="reject", comment="", scheduled_at=None, acting_user=people["lead"])
    with pytest.raises(PlanIncomplete):
        proposal_decide(
            proposal=proposal, decision="schedule", comment="", scheduled_at=None, acting_user=people["lead"]
        )
    proposal_decide(
        proposal=proposal, decision="request_changes", comment="Kortere.", scheduled_at=None, acting_user=people["lead"]
    )
    with pytest.raises(PlanError, match="already been decided"):
        proposal_decide(
            proposal=proposal, decision="schedule", comment="", scheduled_at=SOON, acting_user=people["community"]
        )
    assert list(ProposalDecision.objects.filter(proposal=proposal).values_list("decision", flat=True)) == [
        "request_changes"
    ]


def test_nobody_approves_their_own_proposal_where_central_review_is_required(people):
    posting_enrolment_end(unit=Unit.objects.get(name="Hjertemedicinsk afdeling"), acting_user=people["lead"])
    proposal = proposal_submit(proposal=_draft(people, username="flowmanager"), acting_user=people["flowmanager"])
    with pytest.raises(PlanError):
        proposal_decide(
            proposal=proposal, decision="schedule", comment="", scheduled_at=SOON, acting_user=people["flowmanager"]
        )


def test_recording_publication_closes_the_item(people):
    proposal = proposal_schedule_directly(proposal=_draft(people), scheduled_at=SOON, acting_user=people["flowmanager"])
    with pytest.raises(PlanError):
        proposal_record_publication(
            proposal=proposal, published_at=SOON, permalink="https://x.example/1", acting_user=people["manager"]
        )
    proposal = proposal_record_publication(
        proposal=proposal, published_at=SOON, permalink="https://www.facebook.com/post/1", acting_user=people["lead"]
    )
    assert (proposal.status, proposal.calendar_at) == (ContentProposal.Status.PUBLISHED, SOON)
    with pytest.raises(PlanError):
        proposal_record_publication(proposal=proposal, published_at=SOON, permalink="", acting_user=people["lead"])


def test_a_revoked_right_is_refused_on_the_very_next_request(client_as, people):
    proposal = _draft(people)
    client = client_as("flowmanager")
    url = reverse("channels_plan:proposal_schedule", args=[proposal.pk])
    posting_enrolment_end(unit=proposal.unit, acting_user=people["lead"])
    response = client.post(url, {"scheduled_at": "2030-05-01T09:30"}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "submit it for review instead" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ContentProposal.Status.DRAFT


def test_drafts_are_private_to_the_department(client_as, people):
    proposal = _draft(people)
    assert client_as("lead").get(reverse("channels_plan:proposal_detail", args=[proposal.pk])).status_code == 404
    proposal_submit(proposal=proposal, acting_user=people["producer"])
    assert client_as("lead").get(reverse("channels_plan:proposal_detail", args=[proposal.pk])).status_code == 200


def test_the_browser_flow_keeps_typed_text_on_error(client_as):
    unit = Unit.objects.get(name="Hjertemedicinsk afdeling")
    response = client_as("producer").post(
        reverse("channels_plan:proposal_create", args=[unit.pk]), {"title": "", "text": "Min tekst <i>her</i>"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Min tekst &lt;i&gt;her&lt;/i&gt;" in html
    assert 'role="alert"' in html


@pytest.mark.parametrize("name", HOSTILE_INPUTS)
def test_proposal_form_survives_hostile_input(client_as, name):
    value = HOSTILE_INPUTS[name]
    unit = Unit.objects.get(name="Hjertemedicinsk afdeling")
    client = client_as("producer")
    data = {"title": value[:300], "text": value, "channels": [Channel.objects.get().pk], "strategy": "openness"}
    response = client.post(reverse("channels_plan:proposal_create", args=[unit.pk]), data)
    assert response.status_code in {200, 302}
    html = (
        client.get(response["Location"]).content.decode() if response.status_code == 302 else response.content.decode()
    )
    for markup in DANGEROUS_MARKUP:
        assert markup not in html


def test_proposal_list_runs_the_same_queries_with_more_data(client_as, people, django_assert_num_queries):
    client = client_as("lead")
    for index in range(2):
        proposal_submit(proposal=_draft(people, title=f"Opslag {index}"), acting_user=people["producer"])
    client.get(reverse("channels_plan:proposal_list"))
    with django_assert_num_queries(8):
        client.get(reverse("channels_plan:proposal_list"))
    for index in range(20):
        proposal_submit(proposal=_draft(people, title=f"Flere {index}"), acting_user=people["producer"])
    with django_assert_num_queries(8):
        client.get(reverse("channels_plan:proposal_list"))
