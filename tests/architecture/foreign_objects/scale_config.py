"""The scale's configuration pages name a level by number, a role by code and a role requirement by level, role and
scope: parts of the standard every hospital shares, not objects of a department. No department user may configure
the scale, so each such page is 404 for the foreign producer as for every non-configurer."""

KWARGS = {"level", "role_code", "scope"}


def build(base) -> dict:
    return {"level": 3, "role_code": "community_manager", "scope": "central"}
