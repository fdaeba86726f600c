"""Who may read, edit and approve guideline documents. Pure checks on a loaded Actor: no queries."""

from governance.models import GuidelineDocument
from governance.permissions import Actor

DEPARTMENT_GUIDELINE_EDITOR_ROLES = frozenset({"flowmanager"})


def can_read_guidelines(actor: Actor, hospital_id: int) -> bool:
    return actor.works_in(hospital_id)


def can_edit_guideline_for(actor: Actor, hospital_id: int, unit_id: int | None) -> bool:
    """The communication unit's reviewers edit every document of their hospital; a department's flowmanager edits
    the department's own documents."""
    if actor.reviews_for(hospital_id):
        return True
    return unit_id is not None and bool(actor.roles_in(unit_id) & DEPARTMENT_GUIDELINE_EDITOR_ROLES)


def can_edit_guideline(actor: Actor, document: GuidelineDocument) -> bool:
    return can_edit_guideline_for(actor, document.hospital_id, document.unit_id)


def can_approve_guideline(actor: Actor, document: GuidelineDocument) -> bool:
    """Only the communication unit lead approves a version, department documents included."""
    return actor.leads(document.hospital_id)
