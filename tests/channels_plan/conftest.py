import pytest

from governance.models import Unit, User
from hospital_some.demo import PERSONA_DEPARTMENT


@pytest.fixture
def people(demo) -> dict[str, User]:
    return {user.username: user for user in User.objects.all()}


@pytest.fixture
def department(demo) -> Unit:
    return Unit.objects.get(name=PERSONA_DEPARTMENT)
