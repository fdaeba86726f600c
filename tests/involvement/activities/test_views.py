import pytest
from django.urls import reverse
from django.utils import timezone

from channels_plan.models import ContentStrategy
from involvement.activities.services import activity_advance
from involvement.inputs.services import involvement_input_code
from involvement.models import InvolvementActivity, InvolvementInput
from monitoring.services.inbox import interaction_create_manual
from tests.hostile_inputs import DANGEROUS_MARKUP, HOSTILE_INPUTS
from tests.involvement_factories import involvement_channel, person, running_activity

pytestmark = pytest.mark.usefixtures("pages_in_english")


def detail(activity) -> str:
    return reverse("involvement:activity_detail", args=[activity.pk])


def test_the_page_shows_counts_and_summaries_never_the_comments(top, client):
    activity, flow = running_activity(), person("kraeft-flow")
    interaction = interaction_create_manual(
        hospital=activity.unit.hospital,
        channel=involvement_channel(),
        acting_user=flow,
        data={
            "kind": "comment",
            "text": "Min kemo i uge 3 ...",
            "occurred_at": timezone.now(),
            "has_health_data": True,
        },
    )
    involvement_input_code(activity=activity, interaction=interaction, topic=None, acting_user=flow)
    client.force_login(person("manager"))  # management reads the activity
    page = client.get(detail(activity)).content.decode()
    assert "Rekruttering" in page and "4 interactions are linked" in page
    assert "Min kemo" not in page and "Ventetiden på svar" not in page
    client.force_login(flow)
    coding = client.get(reverse("involvement:activity_input", args=[activity.pk])).content.decode()
    assert "Min kemo" not in coding and "Contains personal or health data" in coding
    assert "Hvornår er møderne?" in coding  # input without health data reads as in the inbox


def test_the_producer_of_another_department_gets_404(top, client):
    client.force_login(person("producer"))
    assert client.get(detail(running_activity())).status_code == 404


def test_the_detail_page_costs_the_same_whatever_the_input(top, client, django_assert_num_queries):
    activity, flow = running_activity(), person("kraeft-flow")
    client.force_login(flow)
    client.get(detail(activity))
    for number in range(5):
        interaction = interaction_create_manual(
            hospital=activity.unit.hospital,
            channel=involvement_channel(),
            acting_user=flow,
            data={"kind": "comment", "text": f"Svar {number}", "occurred_at": timezone.now()},
        )
        involvement_input_code(activity=activity, interaction=interaction, topic=None, acting_user=flow)
    with django_assert_num_queries(13):
        assert client.get(detail(activity)).status_code == 200
    with django_assert_num_queries(13):
        assert client.get(reverse("involvement:activity_input", args=[activity.pk])).status_code == 200


def test_a_proposal_from_the_activity_is_prefilled_with_involvement_and_linked(top, client):
    activity = running_activity()
    client.force_login(person("kraeft-flow"))
    url = reverse("involvement:activity_proposal_create", args=[activity.pk])
    assert 'value="involvement" selected' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "title": "Husk brugerrådet",
            "text": "Tilmeld dig",
            "channels": [involvement_channel().pk],
            "strategy": "openness",
        },
    )
    assert response.status_code == 302
    proposal = activity.proposals.get(title="Husk brugerrådet")
    assert proposal.strategy == ContentStrategy.INVOLVEMENT


def test_linking_input_from_the_input_page(top, client):
    activity, flow = running_activity(), person("kraeft-flow")
    interaction = interaction_create_manual(
        hospital=activity.unit.hospital,
        channel=involvement_channel(),
        acting_user=flow,
        data={"kind": "comment", "text": "Gode møder", "occurred_at": timezone.now()},
    )
    client.force_login(flow)
    topic = activity.topics.get(label="Rekruttering")
    url = reverse("involvement:activity_input", args=[activity.pk])
    assert client.post(url, {"interaction": interaction.pk, "topic": topic.pk}).status_code == 302
    assert InvolvementInput.objects.get(interaction=interaction).topic == topic
    client.post(url, {"interaction": interaction.pk, "remove": "on"})
    assert not InvolvementInput.objects.filter(interaction=interaction).exists()


def test_the_report_is_shown_with_who_decided_and_when(top, client):
    activity, flow = running_activity(), person("kraeft-flow")
    activity_advance(activity=activity, expected_status="running", acting_user=flow)
    client.force_login(flow)
    response = client.post(
        reverse("involvement:activity_report", args=[activity.pk]),
        {
            "learnt": "Mange vil være med.",
            "actions": "Rådet mødes kvartalsvis.",
            "decided_by": "Ledelsen",
            "decided_on": "2026-11-02",
        },
    )
    assert response.status_code == 302
    client.post(reverse("involvement:activity_advance", args=[activity.pk]), {"expected_status": "reporting"})
    assert InvolvementActivity.objects.get(pk=activity.pk).status == "closed"
    client.force_login(person("flowmanager"))  # a follow group member of another department reads it
    page = client.get(detail(activity)).content.decode()
    assert "Rådet mødes kvartalsvis." in page and "Ledelsen" in page and "Nov. 2, 2026" in page


@pytest.mark.parametrize("value", HOSTILE_INPUTS.values(), ids=HOSTILE_INPUTS.keys())
def test_hostile_activity_input_is_refused_or_shown_escaped(top, client, value):
    client.force_login(person("kraeft-flow"))
    unit = running_activity().unit
    response = client.post(
        reverse("involvement:activity_create", args=[unit.pk]),
        {"title": value[:200], "kind": "quality", "purpose": value, "question": value},
    )
    assert response.status_code in {200, 302}
    if response.status_code == 302:
        page = client.get(response.url).content.decode()
        assert not any(markup in page for markup in DANGEROUS_MARKUP)


def test_the_activity_list_costs_the_same_whatever_its_length(top, client, django_assert_num_queries):
    client.force_login(person("lead"))
    url = reverse("involvement:activity_list")
    client.get(url)
    for number in range(3):
        client.post(
            reverse("involvement:activity_create", args=[running_activity().unit_id]),
            {"title": f"Spørgsmål {number}", "kind": "service", "purpose": "x", "question": "y"},
        )
    with django_assert_num_queries(11):
        page = client.get(url).content.decode()
    assert "Spørgsmål 2" in page
