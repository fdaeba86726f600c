import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from governance.models import Hospital, Membership, Unit, User
from involvement.models import InvolvementActivity, PatientNetwork
from maturity.models import UnitMaturity

pytestmark = pytest.mark.django_db

MODELS = [Hospital, Unit, User, Membership, UnitMaturity]


def _snapshot() -> dict:
    return {model.__name__: sorted(map(str, model.objects.values_list(flat=False))) for model in MODELS}


def test_seed_demo_twice_gives_the_same_rows(capsys):
    call_command("seed_demo")
    first = _snapshot()
    history_rows = UnitMaturity.history.count()
    call_command("seed_demo")
    assert _snapshot() == first
    assert UnitMaturity.history.count() == history_rows
    assert Unit.objects.filter(kind=Unit.Kind.DEPARTMENT).count() == 7  # with the patient network's department
    assert Unit.objects.filter(kind=Unit.Kind.COMMUNICATION).count() == 1
    levels = {(m.current_level.number, m.target_level.number) for m in UnitMaturity.objects.all()}
    assert len(levels) >= 4
    assert "demo-lead-2026" in capsys.readouterr().out
    # The top two levels in use: a level-4 department's activity in progress, a level-5 department's network (and
    # networks just started in departments below level 5).
    activity = InvolvementActivity.objects.get()
    assert (activity.unit.maturity.current_level.number, activity.status) == (4, InvolvementActivity.Status.RUNNING)
    networks = {network.channel.unit.maturity.current_level.number for network in PatientNetwork.objects.all()}
    assert {4, 5} <= networks


def test_every_persona_can_log_in_with_the_printed_password(client):
    call_command("seed_demo")
    for username in ["lead", "community", "flowmanager", "producer", "manager", "admin"]:
        client.post(reverse("login"), {"username": username, "password": f"demo-{username}-2026"})
        assert client.session["_auth_user_id"] == str(User.objects.get(username=username).pk)
        client.post(reverse("logout"))


def test_seed_demo_refuses_where_demo_data_is_not_allowed(settings, database_without_the_demo):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()
