"""Who someone is in the organisation, loaded once per request, so that every permission check after it is free of
queries: the roles they hold per unit and the hospitals they work in."""

from dataclasses import dataclass

from governance.models import Unit, User
from governance.selectors import membership_units_for_user

LEAD_ROLES = frozenset({"strategist"})
REVIEWER_ROLES = frozenset({"strategist", "flowmanager", "community_manager"})
DEPARTMENT_EDITOR_ROLES = frozenset({"flowmanager", "producer"})


@dataclass(frozen=True)
class Actor:
    user: User
    unit_roles: dict[int, set[str]]
    communication_units: dict[int, int]  # hospital id -> id of the hospital's communication unit the user is in
    hospital_ids: frozenset[int]  # every hospital the person works in

    def roles_in(self, unit_id: int) -> set[str]:
        return self.unit_roles.get(unit_id, set())

    def communication_roles(self, hospital_id: int) -> set[str]:
        unit_id = self.communication_units.get(hospital_id)
        return self.roles_in(unit_id) if unit_id is not None else set()

    def reviews_for(self, hospital_id: int) -> bool:
        """Reviewers of the communication unit decide on plans and content, and edit the hospital's guidelines."""
        return bool(self.communication_roles(hospital_id) & REVIEWER_ROLES)

    def leads(self, hospital_id: int) -> bool:
        """The communication unit lead approves guidelines and runs crisis mode."""
        return bool(self.communication_roles(hospital_id) & LEAD_ROLES)

    def works_in(self, hospital_id: int) -> bool:
        return self.user.is_superuser or hospital_id in self.hospital_ids

    @property
    def is_reviewer(self) -> bool:
        return any(self.reviews_for(hospital_id) for hospital_id in self.communication_units)


def actor_for(user: User) -> Actor:
    unit_roles = membership_units_for_user(user=user)
    units = Unit.objects.filter(pk__in=unit_roles).values_list("pk", "hospital_id", "kind")
    communication_units, hospital_ids = {}, set()
    for unit_id, hospital_id, kind in units:
        hospital_ids.add(hospital_id)
        if kind == Unit.Kind.COMMUNICATION:
            communication_units[hospital_id] = unit_id
    return Actor(
        user=user, unit_roles=unit_roles, communication_units=communication_units, hospital_ids=frozenset(hospital_ids)
    )


def request_actor(request) -> Actor:
    """The signed-in person's actor, loaded once per request."""
    if not hasattr(request, "_actor"):
        request._actor = actor_for(request.user)
    return request._actor
