"""Reading the triage diagram: the whole tree for its editors, and a walk through it for everyone else.

Each reader loads the hospital's steps in one query and follows the branches in memory, so a page costs the same
whatever the size of the diagram. The inbox (monitoring) calls ``triage_walk`` with the answers it can give from an
interaction, keyed by question code.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from governance.models import Hospital, TriageNode

TRAIL_ENTRY = re.compile(r"([0-9]{1,12})([yn])")
MAX_TRAIL_LENGTH = 200  # answers in one walk; a real diagram has a dozen questions


@dataclass(frozen=True)
class TriageAnswer:
    question: TriageNode
    answer: bool


@dataclass(frozen=True)
class TriageWalk:
    """Where answering leads: the questions answered so far, then the next unanswered question or the action."""

    path: tuple[TriageAnswer, ...] = ()
    question: TriageNode | None = None
    action: TriageNode | None = None

    @property
    def current(self) -> TriageNode | None:
        return self.question or self.action

    @property
    def is_complete(self) -> bool:
        return self.action is not None

    @property
    def trail(self) -> list[tuple[int, bool]]:
        """The answers as (question id, answer) pairs, as the walk page's links carry them."""
        return [(step.question.pk, step.answer) for step in self.path]


@dataclass
class TriageTreeEntry:
    """A step in the editor's nested view. A step reached a second time is not nested again: ``repeated`` tells the
    page to link to where it is shown in full."""

    node: TriageNode
    yes: "TriageTreeEntry | None" = None
    no: "TriageTreeEntry | None" = None
    repeated: bool = False


@dataclass
class TriageTree:
    start: TriageTreeEntry | None
    unreachable: list[TriageTreeEntry] = field(default_factory=list)
    nodes: list[TriageNode] = field(default_factory=list)


def _nodes(hospital: Hospital) -> dict[int, TriageNode]:
    return {node.pk: node for node in TriageNode.objects.filter(hospital=hospital).order_by("kind", "code")}


def _start(nodes: dict[int, TriageNode]) -> TriageNode | None:
    return next((node for node in nodes.values() if node.is_start), None)


def triage_tree(*, hospital: Hospital) -> TriageTree:
    """The diagram nested from its first question, and the steps no walk can reach. One query."""
    nodes = _nodes(hospital)
    start = _start(nodes)
    shown: set[int] = set()

    def entry(node: TriageNode | None) -> TriageTreeEntry | None:
        if node is None:
            return None
        if node.pk in shown:
            return TriageTreeEntry(node, repeated=True)
        shown.add(node.pk)
        nested = TriageTreeEntry(node)
        nested.yes = entry(nodes.get(node.yes_next_id))
        nested.no = entry(nodes.get(node.no_next_id))
        return nested

    root = entry(start)
    # What no walk reaches, nested in the same way: first the steps nothing at all leads to.
    unreachable = [node for node in nodes.values() if node.pk not in shown]
    targets = {target for node in unreachable for target in (node.yes_next_id, node.no_next_id)}
    unreachable.sort(key=lambda node: node.pk in targets)
    lone = [entry(node) for node in unreachable if node.pk not in shown]
    return TriageTree(start=root, unreachable=lone, nodes=list(nodes.values()))


def _follow(nodes: dict[int, TriageNode], answer_for) -> TriageWalk:
    """Walk from the first question while ``answer_for(question)`` gives True or False; stop at None."""
    node, path, seen = _start(nodes), [], set()
    while node is not None and node.is_question and node.pk not in seen:
        seen.add(node.pk)
        answer = answer_for(node)
        if answer is None:
            return TriageWalk(path=tuple(path), question=node)
        path.append(TriageAnswer(node, answer))
        node = nodes.get(node.yes_next_id if answer else node.no_next_id)
    if node is None or node.is_question:  # a broken or circular diagram: the walk cannot go on
        return TriageWalk(path=tuple(path))
    return TriageWalk(path=tuple(path), action=node)


def triage_walk(*, hospital: Hospital, answers: Mapping[str, bool]) -> TriageWalk:
    """Answer the questions by code (``{"crisis_signal": False, "abusive": True}``): the walk stops at the first
    question without an answer, or at the recommended action. One query."""
    return _follow(_nodes(hospital), lambda question: answers.get(question.code))


def triage_trail_parse(value: str) -> list[tuple[int, bool]] | None:
    """``"12y,15n"`` → ``[(12, True), (15, False)]``; None for anything else."""
    if not value:
        return []
    parts = value.split(",")
    if len(parts) > MAX_TRAIL_LENGTH:
        return None
    trail = []
    for part in parts:
        match = TRAIL_ENTRY.fullmatch(part)
        if match is None:
            return None
        trail.append((int(match[1]), match[2] == "y"))
    return trail


def triage_trail_format(trail: Sequence[tuple[int, bool]]) -> str:
    return ",".join(f"{node_id}{'y' if answer else 'n'}" for node_id, answer in trail)


@dataclass(frozen=True)
class TriageStep:
    """The walk page's step: ``node`` with the answers that led to it. ``trail_ignored`` says that answers were
    given but did not lead here, so the page shows the step without them."""

    node: TriageNode
    walk: TriageWalk
    trail_ignored: bool = False


def _standing_at(node: TriageNode) -> TriageWalk:
    return TriageWalk(question=node) if node.is_question else TriageWalk(action=node)


def triage_step(*, hospital: Hospital, node_id: int, trail: Sequence[tuple[int, bool]] | None) -> TriageStep | None:
    """The step ``node_id`` of the hospital's diagram, reached by ``trail`` (None: unreadable); None when the hospital
    has no such step.

    A trail that does not follow the diagram from its first question to this step (a link made before the diagram
    was edited, or typed by hand) is ignored: the step is shown without the answers. One query.
    """
    nodes = _nodes(hospital)
    node = nodes.get(node_id)
    if node is None:
        return None
    if trail is not None:
        remaining = list(trail)

        def answer_for(question: TriageNode) -> bool | None:
            if not remaining:
                return None
            question_id, answer = remaining[0]
            if question_id != question.pk:
                return None
            remaining.pop(0)
            return answer

        walk = _follow(nodes, answer_for)
        if not remaining and walk.current is not None and walk.current.pk == node_id:
            return TriageStep(node=node, walk=walk)
    return TriageStep(node=node, walk=_standing_at(node), trail_ignored=trail is None or bool(trail))


def triage_start(*, hospital: Hospital) -> TriageStep | None:
    """The first question of the hospital's diagram; None when it has none. One query."""
    nodes = _nodes(hospital)
    start = _start(nodes)
    if start is None:
        return None
    return TriageStep(node=start, walk=_standing_at(start))


def triage_node_get(*, hospital: Hospital, node_id: int) -> TriageNode | None:
    return TriageNode.objects.filter(hospital=hospital, pk=node_id).first()
