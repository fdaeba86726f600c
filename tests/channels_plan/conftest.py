import pytest

from governance.models import Unit
from hospital_some.demo.seed import PERSONA_DEPARTMENT


@pytest.fixture
def department(demo) -> Unit:
    return Unit.objects.get(name=PERSONA_DEPARTMENT)
