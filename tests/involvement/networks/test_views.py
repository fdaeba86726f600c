import pytest
from django.urls import reverse
from django.utils import timezone

from channels_plan.services import plan_create
from governance.models import Unit
from involvement.models import NetworkPlanTerms
from metrics.models import ChannelDailySnapshot
from monitoring.models import Interaction
from monitoring.services.inbox import interaction_create_manual
from tests.hostile_inputs import DANGEROUS_MARKUP, HOSTILE_INPUTS
from tests.involvement_factories import demo_network, person

pytestmark = pytest.mark.usefixtures("pages_in_english")


def detail(network) -> str:
    return reverse("networks:network_detail", args=[network.pk])


def test_the_network_page_links_its_content_plan_and_inbox_and_shows_facilitators(top, client):
    network = demo_network()
    client.force_login(person("neuro-nurse"))
    page = client.get(detail(network)).content.decode()
    assert f"/calendar/list/?channel={network.channel_id}" in page
    assert f"/monitoring/inbox/?channel={network.channel_id}" in page
    assert "Nadia Skov" in page and "No current completion" in page
    assert "Apopleksiforløbet" in page


def test_another_departments_people_get_404(top, client):
    client.force_login(person("producer"))
    assert client.get(detail(demo_network())).status_code == 404
    assert client.get(reverse("networks:network_members", args=[demo_network().pk])).status_code == 404


def test_a_facilitator_answers_in_the_networks_inbox(top, client):
    network, nurse = demo_network(), person("neuro-nurse")
    interaction = interaction_create_manual(
        hospital=network.unit.hospital,
        channel=network.channel,
        acting_user=person("neuro-flow"),
        data={
            "kind": "user_post",
            "text": "Hvordan får I hverdagen til at hænge sammen?",
            "occurred_at": timezone.now(),
        },
    )
    client.force_login(nurse)
    inbox = client.get(f"{reverse('monitoring:inbox')}?channel={network.channel_id}").content.decode()
    assert "Hvordan får I hverdagen" in inbox
    client.post(reverse("monitoring:interaction_answer", args=[interaction.pk]), {"note": "Svaret i gruppen"})
    interaction.refresh_from_db()
    assert (interaction.status, interaction.answered_by) == (Interaction.Status.ANSWERED, nurse)


def test_member_counts_entered_by_hand_show_on_the_page(top, client):
    network = demo_network()
    client.force_login(person("neuro-producer"))
    url = reverse("networks:network_members", args=[network.pk])
    assert client.post(url, {"day": timezone.localdate().isoformat(), "members": "57"}).status_code == 302
    assert ChannelDailySnapshot.objects.get(channel=network.channel).network_members == 57
    assert "<td>57</td>" in client.get(detail(network)).content.decode()
    assert client.post(url, {"day": "x", "members": "-1"}).status_code == 200


def test_the_network_page_costs_the_same_whatever_its_history(top, client, django_assert_num_queries):
    network, flow = demo_network(), person("neuro-flow")
    client.force_login(flow)
    client.get(detail(network))
    for days in range(4):
        day = timezone.localdate() - timezone.timedelta(days=days)
        client.post(reverse("networks:network_members", args=[network.pk]), {"day": day.isoformat(), "members": days})
        client.post(
            reverse("networks:network_review", args=[network.pk]),
            {"reviewed_on": day.isoformat(), "continues": "on", "findings": f"Gennemgang {days}"},
        )
    with django_assert_num_queries(12):
        assert client.get(detail(network)).status_code == 200


@pytest.mark.parametrize("value", HOSTILE_INPUTS.values(), ids=HOSTILE_INPUTS.keys())
def test_hostile_network_terms_are_refused_or_shown_escaped(top, client, value):
    unit, flow = Unit.objects.get(name="Neurologisk afdeling"), person("neuro-flow")
    plan = plan_create(unit=unit, data={"title": "Ny gruppe", "platform": "facebook_group"}, acting_user=flow)
    client.force_login(flow)
    response = client.post(
        reverse("networks:network_plan_terms", args=[plan.pk]),
        {
            "treatment_offer": value,
            "membership_rules": value,
            "facilitators": [person("neuro-nurse").pk, person("neuro-producer").pk],
        },
    )
    assert response.status_code in {200, 302}
    page = response.content.decode()
    assert not any(markup in page for markup in DANGEROUS_MARKUP)
    if response.status_code == 302:
        assert NetworkPlanTerms.objects.get(plan=plan).treatment_offer == value.strip()


def test_the_network_list_shows_the_networks_a_person_sees(top, client, django_assert_num_queries):
    client.force_login(person("lead"))
    with django_assert_num_queries(6):
        page = client.get(reverse("networks:network_list")).content.decode()
    assert "Netværk for pårørende til apopleksipatienter" in page
    client.force_login(person("producer"))
    assert "apopleksipatienter" not in client.get(reverse("networks:network_list")).content.decode()
