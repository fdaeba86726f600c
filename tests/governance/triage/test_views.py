"""The triage pages: walking the diagram with plain links, and the communication unit's editor."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from governance.models import Hospital, TriageNode, Unit
from governance.services import hospital_ensure
from governance.triage.selectors import triage_trail_format
from governance.triage.services import triage_node_create, triage_node_update
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from tests.hostile_inputs import DANGEROUS_MARKUP, HOSTILE_INPUTS

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
WALKERS = ["producer", "flowmanager", "manager", "community", "lead", "admin"]
NOT_EDITORS = ["producer", "flowmanager", "manager", "admin"]


@pytest.fixture
def hospital(demo) -> Hospital:
    return Unit.objects.get(name=PERSONA_DEPARTMENT).hospital


@pytest.fixture
def nodes(hospital) -> dict[str, TriageNode]:
    return {node.code: node for node in TriageNode.objects.filter(hospital=hospital)}


@pytest.fixture
def foreign(demo) -> dict[str, TriageNode]:
    other = hospital_ensure(name="Fremmed Sygehus", country=Hospital.Country.NORWAY)
    return {node.code: node for node in TriageNode.objects.filter(hospital=other)}


def _step(node: TriageNode, *trail: tuple[TriageNode, bool]) -> str:
    url = reverse("triage:step", args=[node.pk])
    return f"{url}?trail={triage_trail_format([(q.pk, a) for q, a in trail])}" if trail else url


def _form_data(**overrides) -> dict:
    data = {
        "code": "asks_for_a_doctor",
        "kind": "action",
        "text_da": "Ring til afdelingen",
        "text_nb": "Ring avdelingen",
        "text_en": "Call the department",
        "help_da": "",
        "help_nb": "",
        "help_en": "",
        "yes_next": "",
        "no_next": "",
        "action": "forward_department",
        "answer_within_hours": "6",
        "guideline_kind": "feedback_guidelines",
    }
    data.update(overrides)
    return data


def _page(response) -> str:
    return response.content.decode()


def _assert_accessible_shell(page: str) -> None:
    assert page.count("<h1") == 1
    assert "<script" not in page and " style=" not in page and "<style" not in page  # strict CSP


# Walking


@pytest.mark.parametrize("persona", WALKERS)
def test_everyone_who_works_in_the_hospital_starts_the_walk(client_as, nodes, persona):
    response = client_as(persona).get(reverse("triage:start"), **EN)
    assert response.status_code == 200
    page = _page(response)
    start = nodes["crisis_signal"]
    assert start.text_en in page and start.help_en in page
    assert f'href="{_step(nodes["escalate_crisis"], (start, True))}"' in page
    assert f'href="{_step(nodes["abusive"], (start, False))}"' in page
    _assert_accessible_shell(page)


def test_the_walk_follows_the_links_to_the_action_with_its_guideline(client_as, nodes):
    client = client_as("producer")
    response = client.get(reverse("triage:start"), **EN)
    for answer in ["no_url", "no_url", "no_url", "yes_url"]:  # no crisis, not abusive, no personal data, a complaint
        response = client.get(response.context[answer], **EN)
        assert response.status_code == 200
    page = _page(response)
    action = nodes["complaints_office"]
    assert response.context["step"].node == action
    assert action.text_en in page and "Answer within 24 hours" in page
    # The answers so far, each with a way back to change it.
    answered = [item["question"].code for item in response.context["answers"]]
    assert answered == ["crisis_signal", "abusive", "personal_data", "complaint"]
    assert f'href="{_step(nodes["complaint"], *[(nodes[c], False) for c in answered[:3]])}"' in page
    assert "Back to the previous question" in page
    # The approved guideline for personal data and complaints, rendered, with a link to the library.
    guideline = response.context["guideline"]
    assert guideline.document.kind == "personal_data_complaints"
    assert reverse("guidelines:document", args=[guideline.document_id]) in page
    assert "<li>Bekræft aldrig offentligt, at nogen er eller har været patient.</li>" in page
    _assert_accessible_shell(page)


def test_the_texts_follow_the_ui_language(client_as, nodes):
    client = client_as("producer")
    assert nodes["abusive"].text_nb in _page(client.get(_step(nodes["abusive"]), HTTP_ACCEPT_LANGUAGE="nb"))
    assert nodes["abusive"].text_da in _page(client.get(_step(nodes["abusive"]), HTTP_ACCEPT_LANGUAGE="da"))


def test_an_action_whose_guideline_is_not_approved_says_so(client_as, nodes, people):
    triage_node_update(
        node=nodes["thank"], data={"guideline_kind": "handbook_before_start"}, acting_user=people["lead"]
    )
    page = _page(client_as("producer").get(_step(nodes["thank"]), **EN))
    assert "This guideline has not been approved yet" in page


def test_an_action_without_deadline_says_no_answer_is_due(client_as, nodes):
    page = _page(client_as("producer").get(_step(nodes["hide"]), **EN))
    assert "No answer is due" in page


@pytest.mark.parametrize(
    "trail",
    [
        "1y",
        "abc",
        "999999999999y",
        ",",
        "12y\n",
        "%00",
        "<script>alert(1)</script>",
        ",".join(["1y"] * 500),
        "x" * 5000,
    ],
)
def test_a_trail_that_does_not_follow_the_tree_is_ignored_never_an_error(client_as, nodes, trail):
    response = client_as("producer").get(_step(nodes["personal_data"]), {"trail": trail}, **EN)
    assert response.status_code == 200
    page = _page(response)
    assert "do not lead to this step" in page and not response.context["answers"]
    assert nodes["personal_data"].text_en in page and "<script>alert" not in page


def test_a_trail_of_the_wrong_answers_is_ignored(client_as, nodes):
    start = nodes["crisis_signal"]
    response = client_as("producer").get(_step(nodes["abusive"], (start, True)), **EN)
    assert response.status_code == 200 and response.context["step"].trail_ignored


@pytest.mark.parametrize("persona", ["producer", "lead", "community"])
def test_another_hospitals_steps_do_not_exist(client_as, foreign, persona):
    client = client_as(persona)
    node = foreign["complaint"]
    assert client.get(reverse("triage:step", args=[node.pk])).status_code == 404
    assert client.get(reverse("triage:node_edit", args=[node.pk])).status_code == 404
    assert client.post(reverse("triage:node_edit", args=[node.pk]), _form_data()).status_code == 404
    assert client.post(reverse("triage:node_delete", args=[foreign["thank"].pk])).status_code == 404
    assert client.get(reverse("triage:step", args=[0])).status_code == 404
    assert client.get(reverse("triage:start"), {"hospital": node.hospital_id}).status_code == 404
    node.refresh_from_db()
    assert node.code == "complaint"


def test_an_administrator_picks_the_hospital(client_as, foreign):
    response = client_as("admin").get(reverse("triage:start"), {"hospital": foreign["crisis_signal"].hospital_id})
    assert response.context["step"].node == foreign["crisis_signal"]
    assert 'id="hospital-switch"' in _page(response)


# The editor


def test_the_editor_lists_every_step_from_the_first_question(client_as, nodes):
    response = client_as("community").get(reverse("triage:edit"), **EN)
    assert response.status_code == 200
    page = _page(response)
    for node in nodes.values():
        assert f'id="step-{node.pk}"' in page and escape(node.text_en) in page
        assert reverse("triage:node_edit", args=[node.pk]) in page
    # Only steps nothing leads to (none in the default) can be deleted; the start never.
    assert reverse("triage:node_delete", args=[nodes["thank"].pk]) not in page
    assert "Steps no walk reaches" not in page
    _assert_accessible_shell(page)


@pytest.mark.parametrize("persona", NOT_EDITORS)
def test_only_the_communication_units_reviewers_reach_the_editor(client_as, nodes, persona):
    client = client_as(persona)
    node = nodes["thank"]
    assert client.get(reverse("triage:edit")).status_code == 403
    assert client.get(reverse("triage:node_create")).status_code == 403
    assert client.post(reverse("triage:node_create"), _form_data()).status_code == 403
    assert client.get(reverse("triage:node_edit", args=[node.pk])).status_code == 403
    assert client.post(reverse("triage:node_edit", args=[node.pk]), _form_data(code="thank")).status_code == 403
    assert client.post(reverse("triage:node_delete", args=[node.pk])).status_code == 403
    assert not TriageNode.objects.filter(code="asks_for_a_doctor").exists()
    assert "Edit the triage diagram" not in _page(client.get(reverse("triage:start"), **EN))


def test_a_reviewer_adds_a_step_and_sees_it_among_the_unreachable(client_as, hospital, people):
    client = client_as("lead")
    response = client.post(reverse("triage:node_create"), {**_form_data(), "hospital": hospital.pk}, **EN)
    node = TriageNode.objects.get(hospital=hospital, code="asks_for_a_doctor")
    assert response.status_code == 302 and response.url.endswith(f"#step-{node.pk}")
    assert node.answer_within_hours == 6 and node.history.get().history_user == people["lead"]
    page = _page(client.get(response.url, **EN))
    assert "Steps no walk reaches" in page and "The step is added to the diagram." in page
    assert reverse("triage:node_delete", args=[node.pk]) in page


def test_a_refused_step_is_shown_again_with_what_was_typed(client_as, hospital):
    response = client_as("lead").post(
        reverse("triage:node_create"),
        _form_data(kind="question", text_en="Does the writer ask for a named doctor?"),
        **EN,
    )
    assert response.status_code == 200
    page = _page(response)
    assert 'role="alert"' in page and "A question needs a next step for the answer yes." in page
    assert 'value="Does the writer ask for a named doctor?"' in page and 'value="asks_for_a_doctor"' in page
    assert not TriageNode.objects.filter(hospital=hospital, code="asks_for_a_doctor").exists()


def test_editing_a_step_into_a_cycle_is_refused_on_the_form(client_as, nodes):
    node = nodes["misinformation"]
    data = _form_data(
        code=node.code,
        kind="question",
        text_en="Changed",
        yes_next=nodes["crisis_signal"].pk,
        no_next=nodes["no_answer"].pk,
        action="",
        answer_within_hours="",
        guideline_kind="",
    )
    response = client_as("lead").post(reverse("triage:node_edit", args=[node.pk]), data, **EN)
    assert response.status_code == 200 and "go round in a circle" in _page(response)
    node.refresh_from_db()
    assert node.yes_next_id == nodes["correct_publicly"].pk and node.text_en != "Changed"


def test_a_reviewer_edits_a_step(client_as, nodes, people):
    node = nodes["complaints_office"]
    response = client_as("community").get(reverse("triage:node_edit", args=[node.pk]), **EN)
    assert response.status_code == 200 and f'value="{node.text_en}"' in _page(response)
    data = _form_data(code=node.code, action="complaints_office", answer_within_hours="12")
    response = client_as("community").post(reverse("triage:node_edit", args=[node.pk]), data)
    assert response.status_code == 302
    node.refresh_from_db()
    assert node.answer_within_hours == 12 and node.history.first().history_user == people["community"]


def test_a_foreign_step_cannot_be_chosen_as_a_branch(client_as, nodes, foreign):
    node = nodes["positive"]
    data = _form_data(
        code=node.code, kind="question", yes_next=foreign["thank"].pk, no_next=nodes["no_answer"].pk, action=""
    )
    data.update(answer_within_hours="", guideline_kind="")
    response = client_as("lead").post(reverse("triage:node_edit", args=[node.pk]), data)
    assert response.status_code == 200
    node.refresh_from_db()
    assert node.yes_next_id == nodes["thank"].pk


def test_deleting_a_step_others_lead_to_is_refused_with_a_message(client_as, nodes):
    client = client_as("lead")
    response = client.post(reverse("triage:node_delete", args=[nodes["thank"].pk]), **EN)
    assert response.status_code == 302
    assert TriageNode.objects.filter(pk=nodes["thank"].pk).exists()
    assert "Other steps lead to this one (positive)" in _page(client.get(response.url, **EN))


def test_deleting_a_step_nothing_leads_to(client_as, hospital, people):
    data = {**_form_data(answer_within_hours=None), "yes_next": None, "no_next": None}
    node = triage_node_create(hospital=hospital, data=data, acting_user=people["lead"])
    client = client_as("community")
    assert client.get(reverse("triage:node_delete", args=[node.pk])).status_code == 405
    response = client.post(reverse("triage:node_delete", args=[node.pk]))
    assert response.status_code == 302 and not TriageNode.objects.filter(pk=node.pk).exists()


@pytest.mark.parametrize("name", HOSTILE_INPUTS)
def test_hostile_step_texts_are_refused_or_stored_and_rendered_inert(client_as, hospital, nodes, name):
    text = HOSTILE_INPUTS[name]
    client = client_as("lead")
    response = client.post(
        reverse("triage:node_create"), _form_data(text_en=text, help_en=text, text_da=text[:300]), **EN
    )
    node = TriageNode.objects.filter(hospital=hospital, code="asks_for_a_doctor").first()
    if response.status_code == 200:  # refused with a message, the form shown again
        assert 'role="alert"' in _page(response) and node is None
        pages = [_page(response)]
    else:
        assert response.status_code == 302 and node.text_en == text.strip() and node.help_en == text.strip()
        pages = [_page(client.get(url, **EN)) for url in (response.url, _step(node))]
    for page in pages:
        for markup in DANGEROUS_MARKUP[:2]:
            assert markup not in page
        assert not re.search(r"<[^>]*\sonmouseover=", page)
    # The code is a slug: hostile text there is refused.
    if re.fullmatch(r"[-\w]+", text[:40], flags=re.ASCII):
        return
    response = client.post(reverse("triage:node_create"), _form_data(code=text[:40]), **EN)
    assert response.status_code == 200 and 'role="alert"' in _page(response)


# A fixed number of queries, whatever the size of the diagram

# Every page: session, user, the actor (memberships, units) and the crisis banner (5). Then:
STEP_QUERIES = 7  # the step's hospital, the hospital's steps
ACTION_QUERIES = 8  # the step's hospital, the hospital's steps, the approved guideline
START_QUERIES = 7  # the person's hospitals, the hospital's steps
EDITOR_QUERIES = 7  # the person's hospitals, the hospital's steps
FORM_QUERIES = 7  # the step with its hospital, the other steps to choose from


def test_walk_and_editor_pages_run_a_fixed_number_of_queries(
    client_as, hospital, nodes, people, django_assert_num_queries
):
    client = client_as("lead")
    start = nodes["crisis_signal"]
    question = _step(nodes["abusive"], (start, False))
    action = _step(nodes["complaints_office"], *[(nodes[c], False) for c in ("crisis_signal", "abusive")])

    def measure():
        with django_assert_num_queries(START_QUERIES):
            assert client.get(reverse("triage:start")).status_code == 200
        with django_assert_num_queries(STEP_QUERIES):
            assert client.get(question).status_code == 200
        with django_assert_num_queries(ACTION_QUERIES):
            assert client.get(action).status_code == 200
        with django_assert_num_queries(EDITOR_QUERIES):
            assert client.get(reverse("triage:edit")).status_code == 200
        with django_assert_num_queries(FORM_QUERIES):
            assert client.get(reverse("triage:node_edit", args=[nodes["complaint"].pk])).status_code == 200

    measure()
    for number in range(10):
        data = {**_form_data(code=f"extra-{number}", answer_within_hours=None), "yes_next": None, "no_next": None}
        triage_node_create(hospital=hospital, data=data, acting_user=people["lead"])
    measure()
