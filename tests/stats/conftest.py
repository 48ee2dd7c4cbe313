import pytest

from beredskab.accounts import roles

from .helpers import NOW


@pytest.fixture(autouse=True)
def frozen(time_machine):
    """Today is Sunday 15 March 2026: the default period is April 2025 to 15 March 2026."""
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def leader(staff_client, allerod_plan):
    return staff_client(roles.LEADER)
