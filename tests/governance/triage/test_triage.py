"""The triage diagram as data: the default tree, its seeding, and walking it as the walk page and the inbox do."""

import importlib
import itertools

import pytest
from django.core.validators import validate_slug
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from governance.models import GuidelineKind, Hospital, TriageAction, TriageNode
from governance.services import hospital_ensure
from governance.triage.seed import DEFAULT_TRIAGE_TREE, LANGUAGES, triage_seed_in_creation_order
from governance.triage.selectors import (
    triage_step,
    triage_trail_format,
    triage_trail_parse,
    triage_tree,
    triage_walk,
)
from governance.triage.services import triage_tree_seed
from tests.factories import HospitalFactory

SEED = {entry["code"]: entry for entry in DEFAULT_TRIAGE_TREE}
QUESTIONS = [entry for entry in DEFAULT_TRIAGE_TREE if entry["kind"] == "question"]
ACTIONS = [entry for entry in DEFAULT_TRIAGE_TREE if entry["kind"] == "action"]


# The default tree, as data


def test_the_seed_has_one_start_and_unique_slug_codes():
    assert [entry["code"] for entry in DEFAULT_TRIAGE_TREE if entry.get("is_start")] == ["crisis_signal"]
    assert len(SEED) == len(DEFAULT_TRIAGE_TREE)
    for code in SEED:
        validate_slug(code)
        assert len(code) <= 40


@pytest.mark.parametrize("entry", QUESTIONS, ids=lambda entry: entry["code"])
def test_every_seeded_question_has_both_branches_and_no_action(entry):
    assert entry["yes"] in SEED and entry["no"] in SEED
    assert not entry.get("action") and entry.get("answer_within_hours") is None and not entry.get("guideline_kind")


@pytest.mark.parametrize("entry", ACTIONS, ids=lambda entry: entry["code"])
def test_every_seeded_action_has_an_action_a_guideline_and_no_branches(entry):
    assert entry["action"] in TriageAction.values
    assert entry["guideline_kind"] in GuidelineKind.values
    assert "yes" not in entry and "no" not in entry


@pytest.mark.parametrize("entry", DEFAULT_TRIAGE_TREE, ids=lambda entry: entry["code"])
def test_every_seeded_text_is_written_in_danish_norwegian_and_english(entry):
    for language in LANGUAGES:
        assert entry["text"][language].strip(), (entry["code"], language)
        assert entry["help"][language].strip(), (entry["code"], language)
        assert len(entry["text"][language]) <= 300 and len(entry["help"][language]) <= 2000
    assert len({entry["text"][language] for language in LANGUAGES}) >= 2  # not one text copied three times


def _paths(code: str, path: tuple = ()):
    """Every walk from ``code`` to the action it ends in."""
    entry = SEED[code]
    assert code not in {step for step, _ in path}, f"cycle through {code}"
    if entry["kind"] == "action":
        yield path, code
        return
    yield from _paths(entry["yes"], (*path, (code, True)))
    yield from _paths(entry["no"], (*path, (code, False)))


def test_every_path_of_the_seed_ends_in_an_action_and_every_step_is_reached():
    paths = list(_paths("crisis_signal"))
    reached = {action for _, action in paths} | {code for path, _ in paths for code, _ in path}
    assert reached == set(SEED)
    assert {action for _, action in paths} == {entry["code"] for entry in ACTIONS}


@pytest.mark.parametrize(
    ("code", "action", "guideline"),
    [
        ("hide", TriageAction.HIDE, GuidelineKind.FEEDBACK_GUIDELINES),
        ("escalate_crisis", TriageAction.ESCALATE_CRISIS, GuidelineKind.CRISIS_PLAN),
        ("private_message", TriageAction.PRIVATE_MESSAGE, GuidelineKind.PERSONAL_DATA_COMPLAINTS),
        ("complaints_office", TriageAction.COMPLAINTS_OFFICE, GuidelineKind.PERSONAL_DATA_COMPLAINTS),
        ("forward_department", TriageAction.FORWARD_TO_DEPARTMENT, GuidelineKind.FEEDBACK_GUIDELINES),
        ("thank", TriageAction.THANK, GuidelineKind.FEEDBACK_GUIDELINES),
    ],
)
def test_the_seeded_actions_follow_the_right_guideline(code, action, guideline):
    assert SEED[code]["action"] == action and SEED[code]["guideline_kind"] == guideline


def test_the_creation_order_puts_every_step_after_the_steps_it_leads_to():
    order = [entry["code"] for entry in triage_seed_in_creation_order()]
    assert sorted(order) == sorted(SEED)
    for entry in QUESTIONS:
        assert order.index(entry["yes"]) < order.index(entry["code"]) > order.index(entry["no"])
    with pytest.raises(ValueError, match="cycle"):
        triage_seed_in_creation_order(({"code": "a", "kind": "question", "yes": "a", "no": "a"},))


# Seeding


@pytest.mark.django_db
def test_a_new_hospital_gets_the_default_diagram_once():
    hospital = hospital_ensure(name="Nyt Sygehus", country=Hospital.Country.NORWAY)
    nodes = {node.code: node for node in TriageNode.objects.filter(hospital=hospital)}
    assert set(nodes) == set(SEED)
    for code, entry in SEED.items():
        node = nodes[code]
        node.full_clean()
        assert node.is_start == bool(entry.get("is_start"))
        assert node.text_nb == entry["text"]["nb"]
        if entry["kind"] == "question":
            assert node.yes_next.code == entry["yes"] and node.no_next.code == entry["no"]
        else:
            assert node.answer_within_hours == entry["answer_within_hours"]
        assert node.history.count() == 1
    hospital_ensure(name="Nyt Sygehus", country=Hospital.Country.NORWAY)
    assert TriageNode.objects.filter(hospital=hospital).count() == len(SEED)


@pytest.mark.django_db
def test_seeding_leaves_a_hospital_with_a_diagram_alone():
    hospital = HospitalFactory()
    assert len(triage_tree_seed(hospital=hospital)) == len(SEED)
    TriageNode.objects.filter(hospital=hospital, code="thank").get().history.get()  # one history row
    assert triage_tree_seed(hospital=hospital) == []
    assert TriageNode.objects.filter(hospital=hospital).count() == len(SEED)


@pytest.mark.django_db
def test_the_data_migration_seeds_hospitals_without_a_diagram():
    migration = importlib.import_module("governance.migrations.0003_seed_default_triage")
    empty, seeded = HospitalFactory(), HospitalFactory()
    triage_tree_seed(hospital=seeded)
    state = MigrationExecutor(connection).loader.project_state(("governance", "0003_seed_default_triage"))
    migration.seed_default_triage(state.apps, None)
    assert TriageNode.objects.filter(hospital=empty).count() == len(SEED)
    assert TriageNode.objects.filter(hospital=seeded).count() == len(SEED)
    start = TriageNode.objects.get(hospital=empty, is_start=True)
    assert start.code == "crisis_signal" and start.no_next.code == "abusive"
    assert start.history.get().history_type == "+"


# Walking


@pytest.fixture
def hospital(db) -> Hospital:
    hospital = HospitalFactory()
    triage_tree_seed(hospital=hospital)
    return hospital


NO = {"crisis_signal": False, "abusive": False, "personal_data": False, "complaint": False}


@pytest.mark.parametrize(
    ("answers", "action", "hours"),
    [
        ({"crisis_signal": True}, "escalate_crisis", 1),
        ({"crisis_signal": False, "abusive": True}, "hide", None),
        ({"crisis_signal": False, "abusive": False, "personal_data": True}, "private_message", 4),
        ({**NO, "complaint": True}, "complaints_office", 24),
        ({**NO, "question": True, "public_information": True}, "answer_publicly", 8),
        ({**NO, "question": True, "public_information": False}, "forward_department", 24),
        ({**NO, "question": False, "positive": True}, "thank", 24),
        ({**NO, "question": False, "positive": False, "misinformation": True}, "correct_publicly", 8),
        ({**NO, "question": False, "positive": False, "misinformation": False}, "no_answer", None),
    ],
)
def test_answers_by_code_lead_to_the_recommended_action(hospital, django_assert_num_queries, answers, action, hours):
    with django_assert_num_queries(1):
        walk = triage_walk(hospital=hospital, answers=answers)
    assert walk.is_complete and walk.question is None
    assert walk.action.code == action and walk.action.answer_within_hours == hours
    assert [(step.question.code, step.answer) for step in walk.path] == [
        (code, answer) for code, answer in answers.items()
    ]


def test_the_inbox_walk_stops_at_the_first_unanswered_question(hospital):
    # The inbox knows whether there are personal data and whether it is a question, not the rest: the walk asks.
    walk = triage_walk(hospital=hospital, answers={"personal_data": False, "question": True})
    assert walk.question.code == "crisis_signal" and walk.path == () and not walk.is_complete
    walk = triage_walk(hospital=hospital, answers={**NO, "question": True, "unknown_code": True})
    assert walk.question.code == "public_information" and len(walk.path) == 5 and walk.action is None


def test_a_hospital_without_a_diagram_walks_nowhere(db):
    walk = triage_walk(hospital=HospitalFactory(), answers={"crisis_signal": False})
    assert walk.current is None and walk.path == ()


def test_the_walk_stops_rather_than_loop_on_a_broken_diagram(hospital):
    # A cycle the services refuse, made directly in the database: the reader must still end.
    start = TriageNode.objects.get(hospital=hospital, is_start=True)
    abusive = TriageNode.objects.get(hospital=hospital, code="abusive")
    abusive.no_next = start
    abusive.save()
    walk = triage_walk(hospital=hospital, answers={"crisis_signal": False, "abusive": False})
    assert walk.current is None and len(walk.path) == 2
    tree = triage_tree(hospital=hospital)
    assert tree.start.no.no.repeated  # the start is linked to, not nested again


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", []),
        ("12y", [(12, True)]),
        ("12y,15n", [(12, True), (15, False)]),
        ("12x", None),
        ("y", None),
        ("12y,,15n", None),
        ("-1y", None),
        ("1" * 13 + "y", None),
        (",".join(["1y"] * 201), None),
        ("12y;DROP", None),
        ("١٢y", None),  # Arabic-Indic digits are digits to Python's \d, not to the walk
        ("12y\n", None),
    ],
)
def test_trail_parsing(value, expected):
    assert triage_trail_parse(value) == expected


def test_trail_format_round_trips():
    assert triage_trail_format([(12, True), (15, False)]) == "12y,15n"
    assert triage_trail_parse(triage_trail_format([(3, False)])) == [(3, False)]


def test_a_step_reached_by_a_trail_that_does_not_follow_the_tree_is_shown_without_it(hospital):
    nodes = {node.code: node for node in TriageNode.objects.filter(hospital=hospital)}
    abusive = nodes["abusive"]
    followed = triage_step(hospital=hospital, node_id=abusive.pk, trail=[(nodes["crisis_signal"].pk, False)])
    assert followed.node == abusive and not followed.trail_ignored and len(followed.walk.path) == 1
    for trail in ([(nodes["crisis_signal"].pk, True)], [(abusive.pk, False)], None):
        ignored = triage_step(hospital=hospital, node_id=abusive.pk, trail=trail)
        assert ignored.node == abusive and ignored.trail_ignored and ignored.walk.path == ()
    direct = triage_step(hospital=hospital, node_id=nodes["thank"].pk, trail=[])
    assert direct.walk.action == nodes["thank"] and not direct.trail_ignored
    assert triage_step(hospital=hospital, node_id=0, trail=[]) is None


def test_the_tree_nests_every_step_from_the_start_in_one_query(hospital, django_assert_num_queries):
    with django_assert_num_queries(1):
        tree = triage_tree(hospital=hospital)
    assert tree.start.node.code == "crisis_signal" and tree.unreachable == []
    assert tree.start.yes.node.code == "escalate_crisis" and tree.start.no.node.code == "abusive"

    def codes(entry):
        if entry is None:
            return []
        return [entry.node.code, *codes(entry.yes), *codes(entry.no)]

    assert sorted(codes(tree.start)) == sorted(SEED)


def test_steps_no_walk_reaches_are_listed_apart(hospital):
    start = TriageNode.objects.get(hospital=hospital, is_start=True)
    lone = TriageNode.objects.create(
        hospital=hospital, code="lone", kind="question", text_da="x", text_nb="x", text_en="x", yes_next=start
    )
    tree = triage_tree(hospital=hospital)
    assert [entry.node for entry in tree.unreachable] == [lone]
    assert tree.unreachable[0].yes.repeated


def test_every_combination_of_answers_ends_in_an_action(hospital):
    codes = [entry["code"] for entry in QUESTIONS]
    for values in itertools.product([True, False], repeat=len(codes)):
        walk = triage_walk(hospital=hospital, answers=dict(zip(codes, values, strict=True)))
        assert walk.is_complete
