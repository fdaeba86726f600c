"""A unit's people pages name the unit (``unit_id``, the foreign department) and one of its memberships."""

from governance.models import Membership

KWARGS = {"membership_id"}


def build(base) -> dict[str, int]:
    return {"membership_id": Membership.objects.get(unit=base["unit"], user=base["producer"]).pk}
