"""The top of the scale through the real UI: a level-4 department runs a recruitment activity from its post to its
report; a level-5 department's closed-group plan states its network terms, is approved, and a facilitator answers
in the network's inbox. Every page passes axe-core."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from channels_plan.models import ChannelPlan
from channels_plan.services import plan_create, plan_update
from governance.models import Hospital, Unit, User
from hospital_some.demo.involvement import demo_involvement_seed
from involvement.models import InvolvementActivity, PatientNetwork
from monitoring.models import Interaction
from monitoring.services.inbox import interaction_create_manual
from tests.browser.conftest import assert_accessible, login
from tests.factories import complete_plan_data

pytestmark = pytest.mark.browser


def _status(page: Page):
    return page.get_by_role("status").filter(has=page.locator("ul.messages"))


@pytest.fixture
def top(demo):
    demo_involvement_seed(hospital=Hospital.objects.get(name="Demohospitalet"))
    return demo


def test_a_level_4_department_runs_a_recruitment_activity_from_post_to_report(page: Page, live_server, top):
    login(page, live_server, "kraeft-flow")
    page.goto(f"{live_server.url}/involvement/")
    expect(page.get_by_role("heading", level=1)).to_have_text("User involvement")
    assert_accessible(page)
    page.get_by_role("link", name="New activity for Kræftafdelingen").click()
    page.get_by_label("Title").fill("Forskningsprojekt om træthed")
    page.get_by_label("Kind").select_option(label="Recruitment for a research project")
    page.get_by_label("Purpose").fill("Finde deltagere til et studie om træthed efter kemoterapi.")
    page.get_by_label("Question to the public").fill("Vil du deltage i studiet?")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("A recruitment call names")
    assert_accessible(page)
    page.get_by_label("Study, project or council").fill("TRÆT-studiet")
    page.get_by_label("Contact person").fill("Karin Friis")
    page.get_by_label("Where people sign up").fill("https://demohospitalet.example/traet")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/involvement/\d+/$"))
    activity_url = page.url
    expect(page.locator(".lead")).to_contain_text("Planned")
    assert_accessible(page)

    page.get_by_role("link", name="Plan a post for it").click()
    expect(page.get_by_label("Content strategy")).to_have_value("involvement")
    page.get_by_label("Working title").fill("Deltag i TRÆT-studiet")
    page.get_by_label(re.compile(r"^Text")).fill("Vi søger deltagere. Tilmeld dig via linket.")
    page.get_by_label("Kræftafdelingen på Facebook (Facebook page)").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(re.compile(r"/proposals/\d+/$"))

    page.goto(activity_url)
    page.get_by_role("button", name="Start the activity").click()
    expect(_status(page)).to_contain_text("The activity is now Running.")
    page.get_by_label("Topic").fill("Tilmelding")
    page.get_by_role("button", name="Add topic").click()
    expect(_status(page)).to_contain_text("The topic is added.")
    assert_accessible(page)

    activity = InvolvementActivity.objects.get(title="Forskningsprojekt om træthed")
    comment = interaction_create_manual(
        hospital=activity.unit.hospital,
        channel=activity.proposals.get().channels.get(),
        acting_user=User.objects.get(username="kraeft-flow"),
        data={"kind": "comment", "text": "Jeg vil gerne deltage i TRÆT", "occurred_at": timezone.now()},
    )
    page.get_by_role("link", name="Link and code input").click()
    row = page.get_by_role("row").filter(has_text="Jeg vil gerne deltage i TRÆT")
    row.get_by_label("Topic").select_option(label="Tilmelding")
    assert_accessible(page)
    row.get_by_role("button", name="Link as input").click()
    expect(_status(page)).to_contain_text("The input is linked and coded.")
    assert comment.involvement_inputs.get().topic.label == "Tilmelding"

    page.goto(activity_url)
    expect(page.get_by_role("table", name="Input per topic")).to_contain_text("Tilmelding")
    page.get_by_label("Summary of “Tilmelding”").fill("Flere melder sig direkte i kommentarerne.")
    page.get_by_role("button", name="Save summary").click()
    page.get_by_role("button", name="End the input and report").click()
    page.get_by_role("link", name="Write the report").click()
    page.get_by_label("What was learnt").fill("Kommentarfeltet er en god tilmeldingskanal.")
    page.get_by_label("What the organisation does with it").fill("Næste rekruttering får en tilmeldingsformular.")
    page.get_by_label("Decided by").fill("Forskningsenheden")
    page.get_by_label("Decided on").fill(timezone.localdate().isoformat())
    assert_accessible(page)
    page.get_by_role("button", name="Record the report").click()
    page.get_by_role("button", name="Close the activity").click()
    expect(page.locator(".lead")).to_contain_text("Closed")
    expect(page.get_by_role("region", name="Report")).to_contain_text("Forskningsenheden")
    expect(page.locator("main")).not_to_contain_text("Jeg vil gerne deltage i TRÆT")
    assert_accessible(page)


def test_a_level_5_network_plan_is_approved_and_a_facilitator_answers_in_its_inbox(page: Page, live_server, top):
    unit = Unit.objects.get(name="Neurologisk afdeling")
    flow = User.objects.get(username="neuro-flow")
    plan = plan_create(
        unit=unit, data={"title": "Netværk for unge med epilepsi", "platform": "facebook_group"}, acting_user=flow
    )
    data = complete_plan_data(unit=unit, title=plan.title, platform="facebook_group", sender_name="Unge med epilepsi")
    plan_update(plan=plan, data=data, acting_user=flow)

    login(page, live_server, "neuro-flow")
    page.goto(f"{live_server.url}/networks/plans/{plan.pk}/terms/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Network terms of the closed group")
    page.get_by_label("Treatment offer it belongs to").fill("Epilepsiambulatoriets forløb for unge.")
    page.get_by_label("Membership rules").fill("Unge i forløbet; facilitatorerne godkender.")
    page.get_by_label("Nadia Skov").check()
    page.get_by_label("Niels Prahl").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"{live_server.url}/plans/{plan.pk}/")
    page.get_by_role("button", name="Submit to the communication unit").click()
    page.context.clear_cookies()

    login(page, live_server, "lead")
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    page.get_by_label("Approve").check()
    page.get_by_role("button", name="Record decision").click()
    expect(page.locator("main")).to_contain_text("Approved")
    network = PatientNetwork.objects.get(channel__plan=plan)
    assert ChannelPlan.objects.get(pk=plan.pk).status == "approved"
    page.context.clear_cookies()

    question = interaction_create_manual(
        hospital=unit.hospital,
        channel=network.channel,
        acting_user=flow,
        data={"kind": "user_post", "text": "Hvem har erfaring med medicinskift?", "occurred_at": timezone.now()},
    )
    login(page, live_server, "neuro-nurse")
    page.goto(f"{live_server.url}/networks/")
    page.get_by_role("link", name="Unge med epilepsi").click()
    expect(page.get_by_role("table", name=re.compile("^Facilitators"))).to_contain_text("Nadia Skov")
    assert_accessible(page)
    page.get_by_role("link", name="Its inbox").click()
    row = page.locator(f"#interaction-{question.pk}")
    expect(row).to_contain_text("Hvem har erfaring med medicinskift?")
    row.get_by_role("button", name=re.compile(r"^Answered")).click()
    expect(page.locator("#inbox-status")).to_contain_text("is recorded as answered.")
    assert_accessible(page)
    question.refresh_from_db()
    assert question.status == Interaction.Status.ANSWERED
