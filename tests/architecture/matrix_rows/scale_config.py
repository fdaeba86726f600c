"""The scale's configuration: shared by every hospital, so it exists only for configurers (superusers, or whoever an
administrator grants every permission in maturity/config/permissions.py); for everybody else it is 404.
An empty POST is a valid "nothing ticked" for the guideline and metric pages (302 or a refusal at 200) and an
invalid form elsewhere (200 with errors)."""

from tests.architecture.personas import signed_in


def configurers(status: int) -> dict[str, int]:
    return {**signed_in(404), "admin": status}


COMMUNITY_AT_3 = [3, "community_manager", "central"]

ROWS = {
    "scale_config:home": ([], {"GET": configurers(200), "POST": configurers(405)}),
    "scale_config:level": ([3], {"GET": configurers(200), "POST": configurers(405)}),
    "scale_config:requirement_add": ([3], {"GET": configurers(200), "POST": configurers(200)}),
    "scale_config:requirement_edit": (COMMUNITY_AT_3, {"GET": configurers(200), "POST": configurers(200)}),
    # removing level 3's community managers is allowed (level 4 does not build on level 3 in resources)
    "scale_config:requirement_remove": (COMMUNITY_AT_3, {"GET": configurers(200), "POST": configurers(302)}),
    "scale_config:norm_edit": ([3], {"GET": configurers(200), "POST": configurers(200)}),
    # level 1 asks for metrics and a crisis plan; nothing ticked: no level builds on level 1 in those dimensions
    "scale_config:metrics_edit": ([1], {"GET": configurers(200), "POST": configurers(302)}),
    "scale_config:guidelines_edit": ([1], {"GET": configurers(200), "POST": configurers(302)}),
    "scale_config:role_edit": (["community_manager"], {"GET": configurers(200), "POST": configurers(200)}),
    "maturity:roles": ([], {"GET": signed_in(200), "POST": signed_in(405)}),
}
