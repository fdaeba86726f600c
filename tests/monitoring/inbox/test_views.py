"""The inbox in the browser: who sees and does what, htmx and plain paths, health data hidden in the list and logged
when read, hostile input rendered escaped, the forms, and a page that costs the same whatever the data."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from monitoring.inbox.views import deadline_countdown
from monitoring.models import ChannelCheck, Interaction, InteractionAccess
from monitoring.services.inbox import channel_check_record, interaction_answer_record, interactions_assign
from tests.hostile_inputs import DANGEROUS_MARKUP, HOSTILE_INPUTS
from tests.monitoring.inbox import support
from tests.monitoring.inbox.support import HTMX, interaction_enter, minutes_ago

pytestmark = pytest.mark.usefixtures("pages_in_english")

demo_channel, foreign_channel = support.demo_channel, support.foreign_channel
INBOX = reverse("monitoring:inbox")
CREATE = reverse("monitoring:interaction_create")
IMPORT = reverse("monitoring:interactions_import")
ASSIGN = reverse("monitoring:interactions_assign")
PRIVATE_TEXT = "Min far ligger på afdeling B3 med hjertesvigt"


def _detail(interaction) -> str:
    return reverse("monitoring:interaction_detail", args=[interaction.pk])


def _answer(interaction) -> str:
    return reverse("monitoring:interaction_answer", args=[interaction.pk])


def _status(interaction) -> str:
    return reverse("monitoring:interaction_status", args=[interaction.pk])


def _triage(interaction) -> str:
    return reverse("monitoring:interaction_triage", args=[interaction.pk])


def _check(channel) -> str:
    return reverse("monitoring:channel_check", args=[channel.pk])


# --- the list -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["producer", "flowmanager", "manager", "community", "lead", "admin"])
def test_everyone_who_sees_interactions_gets_the_inbox(client_as, demo_channel, people, persona):
    interaction_enter(demo_channel, people["lead"], text="Hvornår er der besøgstid?")
    html = client_as(persona).get(INBOX).content.decode()
    assert "Hvornår er der besøgstid?" in html
    acts = persona not in {"manager", "admin"}
    assert ("Answered<span" in html) is acts
    assert ('id="bulk-assign"' in html) is acts
    assert (f'action="{_check(demo_channel)}"' in html) is acts


def test_a_department_does_not_see_another_departments_interactions(client_as, demo_channel, foreign_channel, people):
    interaction_enter(foreign_channel, people["lead"], text="Fremmed kommentar")
    assert "Fremmed kommentar" not in client_as("producer").get(INBOX).content.decode()
    assert "Fremmed kommentar" in client_as("lead").get(INBOX).content.decode()


def test_a_row_shows_everything_and_the_deadline_as_a_countdown(client_as, demo_channel, people):
    interaction = interaction_enter(
        demo_channel, people["lead"], occurred_at=minutes_ago(40), author_handle="Jens", text="Tak for sidst!"
    )
    interactions_assign(interactions=[interaction], assignee=people["producer"], acting_user=people["lead"])
    late = interaction_enter(demo_channel, people["lead"], occurred_at=minutes_ago(300), external_id="late")
    html = client_as("flowmanager").get(INBOX).content.decode()
    row = re.search(rf'<tr id="interaction-{interaction.pk}">.*?</tr>', html, re.S).group(0)
    for expected in ("Comment #", "Jens", "Tak for sidst!", "New", "Pernille Dahl", "Positive", "<time datetime="):
        assert expected in row
    assert re.search(r"due in 1 h 1\d min", row)
    late_row = re.search(rf'<tr id="interaction-{late.pk}">.*?</tr>', html, re.S).group(0)
    assert 'class="overdue"' in late_row and "overdue by 3 h" in late_row
    assert html.index(f'id="interaction-{late.pk}"') < html.index(f'id="interaction-{interaction.pk}"')


def test_health_data_is_not_shown_in_the_list(client_as, demo_channel, people):
    private = interaction_enter(demo_channel, people["lead"], text=PRIVATE_TEXT, has_health_data=True)
    html = client_as("lead").get(INBOX).content.decode()
    assert PRIVATE_TEXT not in html and "hjertesvigt" not in html
    assert "Contains personal data – open to read" in html
    assert f'href="{_detail(private)}"' in html
    assert not InteractionAccess.objects.exists()


def test_reading_health_data_is_logged_on_the_detail_page(client_as, demo_channel, people):
    private = interaction_enter(demo_channel, people["lead"], text=PRIVATE_TEXT, has_health_data=True)
    public = interaction_enter(demo_channel, people["lead"], text="Tak", external_id="public")
    html = client_as("manager").get(_detail(private)).content.decode()
    assert PRIVATE_TEXT in html and "your reading is logged" in html
    access = InteractionAccess.objects.get()
    assert access.user == people["manager"] and access.interaction == private
    client_as("manager").get(_detail(public))
    assert InteractionAccess.objects.count() == 1


def test_the_filters_narrow_the_list_and_nonsense_is_ignored(client_as, demo_channel, people):
    interaction_enter(demo_channel, people["lead"], text="Ubesvaret kommentar", external_id="a")
    answered = interaction_enter(demo_channel, people["lead"], text="Besvaret kommentar", external_id="b")
    interaction_answer_record(interaction=answered, acting_user=people["lead"])
    client = client_as("lead")
    html = client.get(INBOX).content.decode()
    assert "Ubesvaret kommentar" in html and "Besvaret kommentar" not in html
    html = client.get(INBOX, {"status": "answered"}).content.decode()
    assert "Ubesvaret kommentar" not in html and "Besvaret kommentar" in html
    assert "Filters are on." in html
    html = client.get(INBOX, {"overdue": "1", "assignee": "mine"}).content.decode()
    assert "No interaction matches the filters." in html
    hostile = {
        key: HOSTILE_INPUTS["script"] for key in ("channel", "status", "assignee", "sentiment", "overdue", "page")
    }
    response = client.get(INBOX, hostile)
    assert response.status_code == 200 and "<script>alert" not in response.content.decode()


def test_the_pages_load_htmx_from_static_without_inline_script_or_style(client_as, demo_channel, people):
    interaction = interaction_enter(demo_channel, people["lead"])
    client = client_as("lead")
    for url in (INBOX, _detail(interaction), CREATE, IMPORT):
        html = client.get(url).content.decode()
        scripts = re.findall(r"<script[^>]*>", html)
        assert scripts in ([], ['<script src="/static/vendor/htmx/htmx.min.js" defer>']), url
        assert " style=" not in html and "<style" not in html, url
        assert html.count("<h1") == 1, url
    assert 'role="status"' in client.get(INBOX).content.decode()


# --- answering and closing: htmx and plain ---------------------------------------------------------------------------


def test_answered_with_htmx_swaps_the_row_and_announces_it(client_as, demo_channel, people):
    interaction = interaction_enter(demo_channel, people["lead"])
    response = client_as("producer").post(_answer(interaction), {"next": INBOX}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<tr id="interaction-{interaction.pk}">')
    assert "<html" not in html and "Answered<span" not in html  # the row's buttons are gone: it is closed
    assert '<div id="inbox-status" hx-swap-oob="innerHTML">' in html and "is recorded as answered" in html
    assert f'name="next" value="{INBOX}"' not in html  # closed: no buttons, so no form to return from
    interaction.refresh_from_db()
    assert interaction.status == Interaction.Status.ANSWERED and interaction.answered_by == people["producer"]


def test_a_second_answer_with_htmx_is_told_it_was_answered(client_as, demo_channel, people):
    interaction = interaction_enter(demo_channel, people["lead"])
    interaction_answer_record(interaction=interaction, acting_user=people["lead"])
    html = client_as("producer").post(_answer(interaction), **HTMX).content.decode()
    assert "already answered by Lene Lund" in html and "message--error" in html


def test_answered_without_javascript_redirects_back_with_a_message(client_as, demo_channel, people):
    interaction = interaction_enter(demo_channel, people["lead"])
    back = f"{INBOX}?status=open&channel={demo_channel.pk}"
    client = client_as("flowmanager")
    response = client.post(_answer(interaction), {"next": back})
    assert response.status_code == 302 and response.url == back
    assert "is recorded as answered" in client.get(back).content.decode()
    second = client.post(_answer(interaction), {"next": "https://evil.example/"})
    assert second.status_code == 302 and second.url == _detail(interaction)  # never off the site


def test_no_answer_needed_with_htmx_and_without(client_as, demo_channel, people):
    first = interaction_enter(demo_channel, people["lead"], external_id="1")
    second = interaction_enter(demo_channel, people["lead"], external_id="2")
    client = client_as("producer")
    html = client.post(_status(first), {"status": "no_answer_needed"}, **HTMX).content.decode()
    assert "No answer needed" in html and f'<tr id="interaction-{first.pk}">' in html
    assert client.post(_status(second), {"status": "no_answer_needed", "next": INBOX}).url == INBOX
    assert set(Interaction.objects.values_list("status", flat=True)) == {"no_answer_needed"}
    assert client.post(_status(second), {"status": "answered"}).status_code == 400


def test_actions_are_403_for_those_who_only_see_and_404_outside_ones_view(
    client_as, demo_channel, foreign_channel, people
):
    own = interaction_enter(demo_channel, people["lead"])
    foreign = interaction_enter(foreign_channel, people["lead"])
    manager = client_as("manager")
    assert manager.get(_detail(own)).status_code == 200
    assert manager.post(_answer(own)).status_code == 403
    assert manager.post(_status(own), {"status": "in_progress"}).status_code == 403
    assert manager.post(_triage(own), {"action": "thank"}).status_code == 403
    producer = client_as("producer")
    assert producer.get(_detail(foreign)).status_code == 404
    for url in (_answer(foreign), _status(foreign), _triage(foreign)):
        assert producer.post(url).status_code == 404
    assert producer.post(_check(foreign_channel)).status_code == 404
    assert Interaction.objects.get(pk=foreign.pk).status == Interaction.Status.NEW


# --- the detail page ------------------------------------------------------------------------------------------------


def test_the_detail_page_offers_triage_with_the_suggestion_status_assign_and_answer(client_as, demo_channel, people):
    interaction = interaction_enter(demo_channel, people["lead"], has_health_data=True)
    html = client_as("flowmanager").get(_detail(interaction)).content.decode()
    assert "What the interaction already tells" in html and "personal or health information" in html
    assert "The next question of the triage diagram" in html
    assert reverse("triage:step", args=[interaction.hospital.triage_nodes.get(code="crisis_signal").pk]) in html
    assert 'name="action"' in html and "Record the outcome" in html
    assert "Record as answered" in html and "Mark as in progress" in html and 'name="assignee"' in html
    response = client_as("flowmanager").post(
        _triage(interaction), {"action": "private_message", "next": _detail(interaction)}
    )
    assert response.status_code == 302 and response.url == _detail(interaction)
    interaction.refresh_from_db()
    assert interaction.triage_action == "private_message"
    assert "Move to a private message" in client_as("flowmanager").get(_detail(interaction)).content.decode()
    manager_html = client_as("manager").get(_detail(interaction)).content.decode()
    assert "Record as answered" not in manager_html and 'name="action"' not in manager_html


# --- assigning ------------------------------------------------------------------------------------------------------


def test_bulk_assign_from_the_list(client_as, demo_channel, people):
    items = [interaction_enter(demo_channel, people["lead"], external_id=str(n)) for n in range(3)]
    client = client_as("lead")
    response = client.post(
        ASSIGN, {"interactions": [items[0].pk, items[2].pk], "assignee": people["producer"].pk, "next": INBOX}
    )
    assert response.status_code == 302 and response.url == INBOX
    assert set(Interaction.objects.filter(assignee=people["producer"])) == {items[0], items[2]}
    assert "2 interactions are assigned to Pernille Dahl." in client.get(INBOX).content.decode()
    client.post(ASSIGN, {"interactions": [items[0].pk], "assignee": "none"})
    assert Interaction.objects.filter(assignee__isnull=False).count() == 1


def test_bulk_assign_without_a_tick_or_to_someone_off_duty_assigns_nothing(client_as, demo_channel, people):
    item = interaction_enter(demo_channel, people["lead"])
    client = client_as("lead")
    assert client.post(ASSIGN, {"assignee": people["producer"].pk, "next": INBOX}).status_code == 302
    assert "Tick at least one interaction." in client.get(INBOX).content.decode()
    client.post(ASSIGN, {"interactions": [item.pk], "assignee": people["manager"].pk})
    assert "Select a valid choice" in client.get(INBOX).content.decode()
    assert not Interaction.objects.filter(assignee__isnull=False).exists()
    assert client_as("manager").post(ASSIGN, {"interactions": [item.pk], "assignee": "none"}).status_code == 403


def test_a_department_cannot_assign_another_departments_interaction(client_as, foreign_channel, people):
    foreign = interaction_enter(foreign_channel, people["lead"])
    client_as("producer").post(ASSIGN, {"interactions": [foreign.pk], "assignee": people["producer"].pk})
    assert Interaction.objects.get(pk=foreign.pk).assignee is None


# --- checks ---------------------------------------------------------------------------------------------------------


def test_checked_now_with_htmx_swaps_the_channel_and_a_double_click_records_one(client_as, demo_channel, people):
    client = client_as("flowmanager")
    first = client.post(_check(demo_channel), {"next": INBOX}, **HTMX)
    html = first.content.decode()
    assert html.lstrip().startswith(f'<li id="channel-check-{demo_channel.pk}">')
    assert "last checked" in html and "by you" in html and "is recorded" in html
    client.post(_check(demo_channel), **HTMX)
    assert ChannelCheck.objects.filter(checked_by=people["flowmanager"]).count() == 1


def test_checked_now_without_javascript(client_as, demo_channel, people):
    response = client_as("producer").post(_check(demo_channel))
    hospital = demo_channel.unit.hospital
    assert response.status_code == 302 and response.url == f"{INBOX}?hospital={hospital.pk}&channel={demo_channel.pk}"
    assert ChannelCheck.objects.get().checked_by == people["producer"]
    assert client_as("manager").post(_check(demo_channel)).status_code == 403
    assert client_as("admin").post(_check(demo_channel)).status_code == 403


# --- entering by hand -----------------------------------------------------------------------------------------------


def _form_data(channel, **overrides) -> dict:
    written = timezone.localtime(timezone.now() - timedelta(minutes=15)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "channel": channel.pk,
        "kind": "comment",
        "author_handle": "Jens",
        "text": "Hvor parkerer jeg?",
        "url": "https://facebook.com/p/1",
        "occurred_at": written,
        "external_id": "",
    }
    data.update(overrides)
    return data


def test_entering_an_interaction_by_hand(client_as, demo_channel, people):
    client = client_as("producer")
    page = client.get(CREATE).content.decode()
    assert 'type="datetime-local"' in page and "Outside our channels" not in page  # only the lead's unit may
    response = client.post(CREATE, _form_data(demo_channel))
    interaction = Interaction.objects.get()
    assert response.status_code == 302 and response.url == _detail(interaction)
    assert interaction.source == "manual" and interaction.author_handle == "Jens"
    again = client.post(CREATE, _form_data(demo_channel))
    assert again.url == _detail(interaction) and Interaction.objects.count() == 1
    assert "Outside our channels" in client_as("lead").get(CREATE).content.decode()


@pytest.mark.parametrize("persona", ["manager", "admin"])
def test_those_who_do_not_work_interactions_cannot_enter_or_import(client_as, demo, persona):
    client = client_as(persona)
    for url in (CREATE, IMPORT):
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403


def test_an_empty_or_wrong_form_is_shown_again_with_errors(client_as, demo_channel, foreign_channel, people):
    client = client_as("producer")
    response = client.post(CREATE, {})
    assert response.status_code == 200 and "Please correct the following" in response.content.decode()
    response = client.post(CREATE, _form_data(foreign_channel))
    assert "Select a valid choice" in response.content.decode()
    response = client.post(CREATE, _form_data(demo_channel, occurred_at="2090-01-01T10:00"))
    assert "between the year 2000 and now" in response.content.decode()
    assert not Interaction.objects.exists()


@pytest.mark.parametrize("name", sorted(HOSTILE_INPUTS))
def test_hostile_input_in_the_form_is_refused_or_rendered_escaped(client_as, demo_channel, people, name):
    value = HOSTILE_INPUTS[name]
    client = client_as("lead")
    response = client.post(CREATE, _form_data(demo_channel, text=value, author_handle=value[:200]))
    assert response.status_code in {200, 302}
    for url in (INBOX, *([response.url] if response.status_code == 302 else [])):
        html = client.get(url).content.decode()
        for markup in DANGEROUS_MARKUP:
            assert markup not in html
    if response.status_code == 302:
        stored = Interaction.objects.get()
        assert stored.text == value
    else:
        assert "field-error" in response.content.decode()


# --- CSV upload -----------------------------------------------------------------------------------------------------


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("interactions.csv", text.encode("utf-8-sig"), content_type="text/csv")


def test_an_import_with_a_bad_row_lists_the_problems_and_saves_nothing(client_as, demo_channel, people):
    text = (
        f"kanal;art;tekst;skrevet\n{demo_channel.pk};kommentar;Hej;02-03-2026 09:15\n"
        f"{demo_channel.pk};kommentar;;i går\n"
    )
    response = client_as("flowmanager").post(IMPORT, {"file": _csv(text)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "The file has 2 problems. Nothing was imported." in html
    assert "choose it again" in html
    assert re.search(r'<th scope="row">3</th>\s*<td>text</td>', html)
    assert re.search(r'<th scope="row">3</th>\s*<td>written</td>', html)
    assert not Interaction.objects.exists()


def test_a_good_import_goes_to_the_inbox(client_as, demo_channel, people):
    text = f"kanal;art;tekst;skrevet\n{demo_channel.pk};kommentar;Hej;02-03-2026 09:15\n"
    client = client_as("flowmanager")
    response = client.post(IMPORT, {"file": _csv(text)})
    assert response.status_code == 302 and response.url == INBOX
    assert "1 new interactions are in the inbox; 0 were there already." in client.get(INBOX).content.decode()
    assert client.post(IMPORT, {}).status_code == 200  # no file: the form says so


def test_hostile_csv_cells_are_rendered_escaped(client_as, demo_channel, people):
    names = [name for name in sorted(HOSTILE_INPUTS) if name not in {"nul_byte", "one_megabyte"}]
    rows = [
        f'{demo_channel.pk},comment,{n},"{HOSTILE_INPUTS[name].replace(chr(34), chr(34) * 2)}",2026-03-02T09:15'
        for n, name in enumerate(names)
    ]
    text = "channel,kind,platform id,text,written\n" + "\n".join(rows) + "\n"
    client = client_as("lead")
    assert client.post(IMPORT, {"file": _csv(text)}).status_code == 302
    assert Interaction.objects.count() == len(names)
    html = client.get(INBOX).content.decode()
    for markup in DANGEROUS_MARKUP:
        assert markup not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "=HYPERLINK(&quot;http://evil.example&quot;,&quot;klik&quot;)" in html
    for interaction in Interaction.objects.all():
        detail = client.get(_detail(interaction)).content.decode()
        for markup in DANGEROUS_MARKUP:
            assert markup not in detail


# --- helpers and query counts ---------------------------------------------------------------------------------------


def test_the_countdown_reads_naturally():
    now = timezone.now()
    assert deadline_countdown(now + timedelta(hours=1, minutes=20, seconds=30), now) == "due in 1 h 20 min"
    assert deadline_countdown(now - timedelta(hours=3), now) == "overdue by 3 h"
    assert deadline_countdown(now + timedelta(minutes=4), now) == "due in 4 min"
    assert deadline_countdown(now - timedelta(days=2, hours=5), now) == "overdue by 2 d 5 h"


# session, user, the person's memberships and units, their hospitals, the count and the page of interactions, the
# channel filter's channels, the channels to check with their last checks, the people to assign to, and the crisis
# notice of the page layout.
INBOX_QUERIES = 11


def _many(channel, people, count: int, *, first: int = 0) -> None:
    for number in range(first, first + count):
        interaction = interaction_enter(
            channel,
            people["lead"],
            external_id=f"many-{number}",
            has_health_data=number % 3 == 0,
            occurred_at=minutes_ago(number % 200),
        )
        if number % 2:
            interactions_assign(interactions=[interaction], assignee=people["producer"], acting_user=people["lead"])


def test_the_inbox_costs_the_same_number_of_queries_for_ten_times_the_data(
    client_as, demo_channel, people, django_assert_num_queries
):
    client = client_as("lead")
    _many(demo_channel, people, 4)
    for person in ("lead", "producer"):
        channel_check_record(channel=demo_channel, acting_user=people[person])
    with django_assert_num_queries(INBOX_QUERIES):
        client.get(INBOX)
    _many(demo_channel, people, 36, first=4)
    with django_assert_num_queries(INBOX_QUERIES):
        response = client.get(INBOX)
    assert response.content.decode().count('<tr id="interaction-') == 40
