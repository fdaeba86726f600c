"""Two configurers change neighbouring levels at the same moment; each change alone is consistent, both together are
not. The services lock every level first, so the second sees the first's change and is refused."""

import threading

import pytest
from django.db import connection
from django.utils import translation

from governance.models import Role, User
from maturity.config.services import role_requirement_save
from maturity.config.validation import ScaleConfigError
from maturity.models import RoleRequirement
from tests.maturity.config.test_rules import CENTRAL, minimum, requirement_data


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_configurers_cannot_together_make_neighbouring_levels_inconsistent(demo):
    admin = User.objects.get(username="admin")
    producer = Role.objects.get(code="producer")
    role_requirement_save(level_number=5, role=producer, scope=CENTRAL, data=requirement_data(3), acting_user=admin)
    # Level 5 builds on level 4 in resources. Alone, each change is fine: level 4 up to 3 (≤ 5's 3), level 5 down
    # to 2 (≥ 4's 2). Together level 5 would ask less than level 4.
    changes = [(4, 3), (5, 2)]
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def change(number: int, headcount: int) -> None:
        start.wait()
        try:
            with translation.override("en"):
                role_requirement_save(
                    level_number=number,
                    role=producer,
                    scope=CENTRAL,
                    data=requirement_data(headcount),
                    acting_user=admin,
                )
            outcomes.append("saved")
        except ScaleConfigError as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=change, args=pair) for pair in changes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert len(outcomes) == 2
    assert outcomes.count("saved") == 1
    assert any(outcome.startswith("Level 5 builds on level 4") for outcome in outcomes)
    assert minimum(5, "producer") >= minimum(4, "producer")
    assert RoleRequirement.objects.filter(role=producer, scope=CENTRAL, level__number__in=[4, 5]).count() == 2
