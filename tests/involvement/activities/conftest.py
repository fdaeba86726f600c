import pytest

from tests.involvement_factories import involvement_seed


@pytest.fixture
def top(demo):
    """The demo hospital with a running level-4 activity and a level-5 network."""
    involvement_seed()
    return demo
