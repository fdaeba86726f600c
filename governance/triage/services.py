"""Every write to the triage diagram. Each service locks the hospital's row, so that two editors saving at once are
checked one after the other and can never together close a cycle or leave a question without a branch."""

from collections.abc import Mapping

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from governance.audit import save_as
from governance.models import Hospital, TriageNode, User
from governance.permissions import actor_for
from governance.triage.seed import triage_seed_fields, triage_seed_in_creation_order

EDITABLE_FIELDS = (
    "code",
    "kind",
    "is_start",
    "text_da",
    "text_nb",
    "text_en",
    "help_da",
    "help_nb",
    "help_en",
    "yes_next",
    "no_next",
    "action",
    "answer_within_hours",
    "guideline_kind",
)


def can_edit_triage(user: User | None, hospital_id: int) -> bool:
    """The communication unit's reviewers (lead, flowmanager, community manager) edit their hospital's diagram."""
    return user is not None and user.is_authenticated and actor_for(user).reviews_for(hospital_id)


def _locked_hospital(hospital: Hospital) -> Hospital:
    return Hospital.objects.select_for_update().get(pk=hospital.pk)


def _require_editor(acting_user: User | None, hospital: Hospital) -> None:
    if not can_edit_triage(acting_user, hospital.pk):
        raise PermissionDenied(_("Only the communication unit's reviewers edit the triage diagram."))


@transaction.atomic
def triage_tree_seed(*, hospital: Hospital, acting_user: User | None = None) -> list[TriageNode]:
    """Give a hospital the default diagram (governance/triage/seed.py); a hospital with steps is left as it is.

    The default is the system's starting point, not anyone's edit, so it needs no editing right: it is written only
    where there is nothing to overwrite. ``acting_user`` is named in the history rows.
    """
    hospital = _locked_hospital(hospital)
    if TriageNode.objects.filter(hospital=hospital).exists():
        return []
    created: dict[str, TriageNode] = {}
    for entry in triage_seed_in_creation_order():
        node = TriageNode(
            hospital=hospital,
            yes_next=created.get(entry.get("yes", "")),
            no_next=created.get(entry.get("no", "")),
            **triage_seed_fields(entry),
        )
        node.full_clean()
        created[node.code] = save_as(node, acting_user)
    return list(created.values())


def _assign(node: TriageNode, data: Mapping) -> None:
    for field in EDITABLE_FIELDS:
        if field in data:
            value = data[field]
            if field in {"action", "guideline_kind", "code"} or field.startswith(("text_", "help_")):
                value = (value or "").strip()
            setattr(node, field, value)


_DONE = object()


def _has_cycle(edges: dict[int | None, tuple[int | None, int | None]]) -> bool:
    """Whether following yes and no from any step can come back to it (iterative depth-first search)."""
    done: set[int | None] = set()
    for root in edges:
        if root in done:
            continue
        on_path = {root}
        stack = [(root, iter(edges[root]))]
        while stack:
            node_id, targets = stack[-1]
            target = next(targets, _DONE)
            if target is _DONE:
                stack.pop()
                on_path.discard(node_id)
                done.add(node_id)
            elif target is None or target in done or target not in edges:
                continue
            elif target in on_path:
                return True
            else:
                on_path.add(target)
                stack.append((target, iter(edges[target])))
    return False


def _validate(node: TriageNode, *, hospital: Hospital) -> None:
    """Refuse a step that would break the diagram, with messages the editor can act on."""
    errors: dict[str, list[str]] = {}

    def refuse(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    edges = {
        pk: (yes_id, no_id)
        for pk, yes_id, no_id in TriageNode.objects.filter(hospital=hospital)
        .exclude(pk=node.pk)
        .values_list("pk", "yes_next_id", "no_next_id")
    }
    for field in ("yes_next", "no_next"):
        target_id = getattr(node, f"{field}_id")
        if target_id is not None and target_id not in edges and target_id != node.pk:
            refuse(field, _("Choose a step of this hospital's diagram."))
    if node.kind == TriageNode.Kind.QUESTION:
        if node.yes_next_id is None:
            refuse("yes_next", _("A question needs a next step for the answer yes."))
        if node.no_next_id is None:
            refuse("no_next", _("A question needs a next step for the answer no."))
        if node.action:
            refuse("action", _("A question leads on to other steps: leave the action empty."))
        if node.answer_within_hours is not None:
            refuse("answer_within_hours", _("Only an action has a deadline: leave it empty for a question."))
        if node.guideline_kind:
            refuse("guideline_kind", _("Only an action points to a guideline: leave it empty for a question."))
    elif node.kind == TriageNode.Kind.ACTION:
        if not node.action:
            refuse("action", _("Choose the action this step recommends."))
        if node.yes_next_id is not None:
            refuse("yes_next", _("An action ends the walk: leave the next step for yes empty."))
        if node.no_next_id is not None:
            refuse("no_next", _("An action ends the walk: leave the next step for no empty."))
    try:
        node.full_clean(exclude=["hospital", "yes_next", "no_next"], validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if node.code and TriageNode.objects.filter(hospital=hospital, code=node.code).exclude(pk=node.pk).exists():
        refuse("code", _("Another step of this diagram already has this code."))
    if not errors:
        edges[node.pk] = (node.yes_next_id, node.no_next_id)
        if _has_cycle(edges):
            refuse(
                NON_FIELD_ERRORS,
                _("This would make the diagram go round in a circle: a step would lead back to itself."),
            )
    if errors:
        raise ValidationError(errors)


def _move_start(node: TriageNode, *, hospital: Hospital, was_start: bool, acting_user: User) -> None:
    """Exactly one step is the first question: marking another moves the mark; taking it away is refused."""
    if was_start and not node.is_start:
        raise ValidationError(
            {"is_start": _("The diagram needs a first question: mark another step as the first instead.")}
        )
    if node.is_start and not was_start:
        for previous in TriageNode.objects.filter(hospital=hospital, is_start=True).exclude(pk=node.pk):
            previous.is_start = False
            save_as(previous, acting_user)


@transaction.atomic
def triage_node_create(*, hospital: Hospital, data: Mapping, acting_user: User) -> TriageNode:
    hospital = _locked_hospital(hospital)
    _require_editor(acting_user, hospital)
    node = TriageNode(hospital=hospital)
    _assign(node, data)
    if not TriageNode.objects.filter(hospital=hospital, is_start=True).exists():
        node.is_start = True  # the first step of an empty diagram is where every walk starts
    _validate(node, hospital=hospital)
    _move_start(node, hospital=hospital, was_start=False, acting_user=acting_user)
    return save_as(node, acting_user)


@transaction.atomic
def triage_node_update(*, node: TriageNode, data: Mapping, acting_user: User) -> TriageNode:
    hospital = _locked_hospital(node.hospital)
    _require_editor(acting_user, hospital)
    node = TriageNode.objects.select_for_update().get(pk=node.pk, hospital=hospital)
    was_start = node.is_start
    _assign(node, data)
    _validate(node, hospital=hospital)
    _move_start(node, hospital=hospital, was_start=was_start, acting_user=acting_user)
    return save_as(node, acting_user)


@transaction.atomic
def triage_node_delete(*, node: TriageNode, acting_user: User) -> None:
    hospital = _locked_hospital(node.hospital)
    _require_editor(acting_user, hospital)
    node = TriageNode.objects.select_for_update().get(pk=node.pk, hospital=hospital)
    if node.is_start:
        raise ValidationError(
            _("The first question cannot be deleted: mark another step as the first, then delete it.")
        )
    pointing = list(
        TriageNode.objects.filter(Q(yes_next=node) | Q(no_next=node), hospital=hospital)
        .exclude(pk=node.pk)
        .order_by("code")
        .values_list("code", flat=True)
    )
    if pointing:
        raise ValidationError(
            _("Other steps lead to this one (%(codes)s): point them elsewhere before you delete it.")
            % {"codes": ", ".join(pointing)}
        )
    node._history_user = acting_user
    node.delete()
