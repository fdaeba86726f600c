"""Who staffs a unit's roles: pure checks on a loaded ``Actor`` (no queries).

The unit's manager staffs the unit; the hospital's communication unit (its reviewers: the lead, flowmanagers and
community managers, who also decide the departments' plans) staffs every unit of its hospital; administrators
(superusers) staff every unit. Nobody else sees the page.
"""

from governance.models import Unit
from governance.permissions import Actor

MANAGER_ROLE = "manager"


def manages_unit(actor: Actor, unit: Unit) -> bool:
    return MANAGER_ROLE in actor.roles_in(unit.pk)


def may_staff_unit(actor: Actor, unit: Unit) -> bool:
    if not actor.user.is_active:
        return False
    return actor.user.is_superuser or manages_unit(actor, unit) or actor.reviews_for(unit.hospital_id)
