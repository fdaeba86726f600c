"""Patient networks: the level-5 demo department (Neurologisk afdeling) runs one. The communication unit sees and
reviews it; the persona department's people do not see it; the superuser reads it but reviews nothing. The network
terms belong to a closed-group plan the persona department drafts: its editors fill them in."""

from channels_plan.models import ChannelPlan
from channels_plan.services import plan_create
from governance.models import Unit, User
from tests.architecture.personas import members, signed_in
from tests.involvement_factories import demo_network, involvement_seed


def network() -> list[int]:
    involvement_seed()
    return [demo_network().pk]


def draft_group_plan() -> list[int]:
    unit = Unit.objects.get(name="Hjertemedicinsk afdeling")
    plan = ChannelPlan.objects.filter(unit=unit, title="Netværk for hjertepatienter").first() or plan_create(
        unit=unit,
        data={"title": "Netværk for hjertepatienter", "platform": "facebook_group"},
        acting_user=User.objects.get(username="producer"),
    )
    return [plan.pk]


REVIEWERS = {**signed_in(404), "community": 200, "lead": 200, "admin": 403}
EDITORS = members(200, manager=403)

ROWS = {
    "networks:network_list": ([], {"GET": signed_in(200), "POST": signed_in(405)}),
    "networks:network_plan_terms": (draft_group_plan, {"GET": EDITORS, "POST": EDITORS}),
    "networks:network_detail": (
        network,
        {"GET": {**signed_in(404), "community": 200, "lead": 200, "admin": 200}, "POST": signed_in(405)},
    ),
    "networks:network_review": (network, {"GET": REVIEWERS, "POST": REVIEWERS}),
    "networks:network_members": (network, {"GET": REVIEWERS, "POST": REVIEWERS}),
}
