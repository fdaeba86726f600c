"""Editing the triage diagram: only the communication unit's reviewers, and never into a broken diagram."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError

from governance.models import Hospital, TriageNode, Unit
from governance.services import hospital_ensure
from governance.triage.selectors import triage_walk
from governance.triage.services import triage_node_create, triage_node_delete, triage_node_update
from hospital_some.demo.seed import PERSONA_DEPARTMENT
from tests.factories import UnitFactory, UserFactory, membership_make


@pytest.fixture
def hospital(demo) -> Hospital:
    return Unit.objects.get(name=PERSONA_DEPARTMENT).hospital


@pytest.fixture
def nodes(hospital) -> dict[str, TriageNode]:
    return {node.code: node for node in TriageNode.objects.filter(hospital=hospital)}


def _texts(text: str = "Ring til patientkontoret") -> dict[str, str]:
    return {"text_da": text, "text_nb": text, "text_en": text}


def _action(**overrides) -> dict:
    return {"code": "call_office", "kind": "action", "action": "complaints_office", **_texts(), **overrides}


def _question(nodes, **overrides) -> dict:
    return {
        "code": "asks_for_a_doctor",
        "kind": "question",
        "yes_next": nodes["forward_department"],
        "no_next": nodes["answer_publicly"],
        **_texts("Spørger skribenten efter en bestemt læge?"),
        **overrides,
    }


def _refusal(error: ValidationError) -> dict[str, list[str]]:
    return error.value.message_dict


# Writing


@pytest.mark.parametrize("editor", ["lead", "community"])
def test_a_reviewer_adds_an_action_and_points_a_question_to_it(hospital, nodes, people, editor):
    action = triage_node_create(
        hospital=hospital,
        data=_action(answer_within_hours=12, guideline_kind="personal_data_complaints"),
        acting_user=people[editor],
    )
    assert action.hospital == hospital and not action.is_start
    assert action.history.get().history_user == people[editor]
    triage_node_update(node=nodes["complaint"], data={"yes_next": action}, acting_user=people[editor])
    walk = triage_walk(
        hospital=hospital, answers={"crisis_signal": False, "abusive": False, "personal_data": False, "complaint": True}
    )
    assert walk.action == action and walk.action.answer_within_hours == 12
    assert nodes["complaint"].history.first().history_user == people[editor]


@pytest.mark.parametrize("person", ["flowmanager", "producer", "manager", "admin"])
def test_only_the_communication_units_reviewers_edit(hospital, nodes, people, person):
    with pytest.raises(PermissionDenied):
        triage_node_create(hospital=hospital, data=_action(), acting_user=people[person])
    with pytest.raises(PermissionDenied):
        triage_node_update(node=nodes["thank"], data={"text_da": "Tak!"}, acting_user=people[person])
    with pytest.raises(PermissionDenied):
        triage_node_delete(node=nodes["thank"], acting_user=people[person])
    nodes["thank"].refresh_from_db()
    assert nodes["thank"].text_da == "Sig tak" and not TriageNode.objects.filter(code="call_office").exists()


def test_a_reviewer_of_another_hospital_may_not_edit_this_one(nodes, people):
    other = hospital_ensure(name="Andet Sygehus", country=Hospital.Country.DENMARK)
    communication = UnitFactory(hospital=other, name="Kommunikation", kind=Unit.Kind.COMMUNICATION)
    stranger = UserFactory(username="other-lead")
    membership_make(user=stranger, unit=communication, role_code="strategist")
    with pytest.raises(PermissionDenied):
        triage_node_update(node=nodes["thank"], data={"text_da": "Tak!"}, acting_user=stranger)
    own = TriageNode.objects.get(hospital=other, code="thank")
    assert triage_node_update(node=own, data={"text_da": "Tak!"}, acting_user=stranger).text_da == "Tak!"


def test_a_question_needs_both_branches_and_no_action(hospital, nodes, people):
    with pytest.raises(ValidationError) as error:
        triage_node_create(
            hospital=hospital,
            data=_question(nodes, yes_next=None, no_next=None, action="thank", answer_within_hours=3),
            acting_user=people["lead"],
        )
    assert {"yes_next", "no_next", "action", "answer_within_hours"} <= set(_refusal(error))


def test_an_action_needs_an_action_and_no_branches(hospital, nodes, people):
    with pytest.raises(ValidationError) as error:
        triage_node_create(
            hospital=hospital, data=_action(action="", yes_next=nodes["thank"]), acting_user=people["lead"]
        )
    assert {"action", "yes_next"} <= set(_refusal(error))
    with pytest.raises(ValidationError) as error:
        triage_node_update(node=nodes["thank"], data={"no_next": nodes["hide"]}, acting_user=people["lead"])
    assert "no_next" in _refusal(error)


def test_turning_an_action_into_a_question_needs_its_branches(nodes, people):
    thank = nodes["thank"]
    with pytest.raises(ValidationError) as error:
        triage_node_update(node=thank, data={"kind": "question"}, acting_user=people["lead"])
    assert {"yes_next", "no_next", "action"} <= set(_refusal(error))
    triage_node_update(
        node=thank,
        data={
            "kind": "question",
            "action": "",
            "answer_within_hours": None,
            "guideline_kind": "",
            "yes_next": nodes["answer_publicly"],
            "no_next": nodes["no_answer"],
        },
        acting_user=people["lead"],
    )
    thank.refresh_from_db()
    assert thank.is_question and thank.yes_next == nodes["answer_publicly"]


@pytest.mark.parametrize(
    ("code", "branch", "target"),
    [
        ("misinformation", "yes_next", "crisis_signal"),  # back to the start
        ("question", "no_next", "personal_data"),  # back to an earlier question
        ("positive", "yes_next", "positive"),  # to itself
    ],
)
def test_no_edit_may_close_a_cycle(nodes, people, code, branch, target):
    with pytest.raises(ValidationError) as error:
        triage_node_update(node=nodes[code], data={branch: nodes[target]}, acting_user=people["lead"])
    assert "circle" in _refusal(error)[NON_FIELD_ERRORS][0]
    nodes[code].refresh_from_db()
    assert getattr(nodes[code], f"{branch}_id") != nodes[target].pk


def test_a_cycle_among_steps_no_walk_reaches_is_refused_too(hospital, nodes, people):
    first = triage_node_create(hospital=hospital, data=_question(nodes, code="a"), acting_user=people["lead"])
    second = triage_node_create(
        hospital=hospital, data=_question(nodes, code="b", yes_next=first), acting_user=people["lead"]
    )
    with pytest.raises(ValidationError):
        triage_node_update(node=first, data={"no_next": second}, acting_user=people["lead"])


def test_a_branch_must_be_a_step_of_the_same_hospital(hospital, nodes, people):
    other = hospital_ensure(name="Fremmed Sygehus", country=Hospital.Country.NORWAY)
    foreign = TriageNode.objects.get(hospital=other, code="thank")
    with pytest.raises(ValidationError) as error:
        triage_node_update(node=nodes["positive"], data={"yes_next": foreign}, acting_user=people["lead"])
    assert "yes_next" in _refusal(error)
    with pytest.raises(ValidationError) as error:
        triage_node_create(hospital=hospital, data=_question(nodes, no_next=foreign), acting_user=people["lead"])
    assert "no_next" in _refusal(error)


def test_codes_are_unique_within_a_hospital(hospital, people):
    with pytest.raises(ValidationError) as error:
        triage_node_create(hospital=hospital, data=_action(code="thank"), acting_user=people["lead"])
    assert "code" in _refusal(error)
    with pytest.raises(ValidationError) as error:
        triage_node_create(hospital=hospital, data=_action(code="Not a slug!"), acting_user=people["lead"])
    assert "code" in _refusal(error)


def test_marking_another_first_question_moves_the_mark(hospital, nodes, people):
    new_start = triage_node_create(
        hospital=hospital,
        data=_question(nodes, is_start=True, yes_next=nodes["crisis_signal"]),
        acting_user=people["lead"],
    )
    assert TriageNode.objects.get(hospital=hospital, is_start=True) == new_start
    nodes["crisis_signal"].refresh_from_db()
    assert nodes["crisis_signal"].history.first().history_user == people["lead"]
    assert triage_walk(hospital=hospital, answers={"asks_for_a_doctor": True}).question == nodes["crisis_signal"]
    assert triage_walk(hospital=hospital, answers={"asks_for_a_doctor": False}).action == nodes["answer_publicly"]


def test_the_first_question_keeps_its_mark_until_another_takes_it(nodes, people):
    with pytest.raises(ValidationError) as error:
        triage_node_update(node=nodes["crisis_signal"], data={"is_start": False}, acting_user=people["lead"])
    assert "is_start" in _refusal(error)


def test_the_first_step_of_an_empty_diagram_becomes_the_start(people):
    hospital = Hospital.objects.create(name="Tomt Sygehus", country="DK")
    communication = UnitFactory(hospital=hospital, name="Kommunikation", kind=Unit.Kind.COMMUNICATION)
    membership_make(user=people["community"], unit=communication, role_code="community_manager")
    node = triage_node_create(hospital=hospital, data=_action(), acting_user=people["community"])
    assert node.is_start
    assert triage_walk(hospital=hospital, answers={}).action == node


# Deleting


def test_a_step_other_steps_lead_to_cannot_be_deleted(nodes, people):
    with pytest.raises(ValidationError) as error:
        triage_node_delete(node=nodes["thank"], acting_user=people["lead"])
    assert "positive" in error.value.messages[0]
    assert TriageNode.objects.filter(pk=nodes["thank"].pk).exists()


def test_the_first_question_cannot_be_deleted(nodes, people):
    with pytest.raises(ValidationError):
        triage_node_delete(node=nodes["crisis_signal"], acting_user=people["lead"])
    assert TriageNode.objects.filter(pk=nodes["crisis_signal"].pk).exists()


def test_deleting_a_step_no_one_leads_to_is_recorded_in_history(hospital, people):
    node = triage_node_create(hospital=hospital, data=_action(), acting_user=people["lead"])
    triage_node_delete(node=node, acting_user=people["community"])
    assert not TriageNode.objects.filter(pk=node.pk).exists()
    deleted = TriageNode.history.filter(id=node.pk).first()
    assert deleted.history_type == "-" and deleted.history_user == people["community"]


def test_repointing_then_deleting_works(hospital, nodes, people):
    triage_node_update(node=nodes["positive"], data={"yes_next": nodes["answer_publicly"]}, acting_user=people["lead"])
    triage_node_delete(node=nodes["thank"], acting_user=people["lead"])
    assert not TriageNode.objects.filter(hospital=hospital, code="thank").exists()
