import datetime

from channels_plan.models import Channel
from channels_plan.services import channel_status_set
from governance.models import Unit, User
from maturity.evidence import EvidenceStatus, evidence_sources
from monitoring.metric_evidence import metrics_collected_evidence
from monitoring.models import ChannelDailySnapshot, Interaction
from tests.metric_factories import snapshots_add
from tests.monitoring.metric_support import TODAY, figures_fixture  # noqa: F401  (fixture)


def _set_status(channel, status):
    channel_status_set(channel=channel, status=status, acting_user=User.objects.get(username="lead"))


def test_the_provider_is_registered_for_the_effect_dimension():
    (source,) = [source for source in evidence_sources() if source.code == "metrics_collected"]
    assert source.dimension == "effect"


def test_statuses_at_level_3(figures, django_assert_num_queries):
    _set_status(figures["main"], Channel.Status.ACTIVE)
    department, other = figures["department"], figures["other_unit"]
    without_channels = Unit.objects.get(name="Akutafdelingen")
    units = [department, other, without_channels]
    with django_assert_num_queries(4):
        answer = metrics_collected_evidence(units, 3, TODAY)
    # Followers, reach and engagement have data; mentions and sentiment do not.
    assert answer[department.pk].status == EvidenceStatus.PARTLY_MET
    assert answer[department.pk].summary.startswith("3 of 4")
    assert answer[without_channels.pk].status == EvidenceStatus.NOT_EVIDENCED

    Interaction.objects.create(
        hospital=department.hospital,
        channel=figures["main"],
        kind="mention",
        text="x",
        occurred_at=datetime.datetime(2026, 3, 30, 12, tzinfo=datetime.UTC),
    )
    assert metrics_collected_evidence(units, 3, TODAY)[department.pk].status == EvidenceStatus.MET
    # Old figures only: the last 30 days hold nothing.
    later = TODAY + datetime.timedelta(days=60)
    assert metrics_collected_evidence(units, 3, later)[department.pk].status == EvidenceStatus.NOT_MET


def test_paused_channels_do_not_count(figures):
    department = figures["department"]
    for channel in Channel.objects.filter(unit=department, status=Channel.Status.ACTIVE):
        _set_status(channel, Channel.Status.PAUSED)
    answer = metrics_collected_evidence([department], 3, TODAY)
    assert answer[department.pk].status == EvidenceStatus.NOT_EVIDENCED


def test_level_5_asks_for_network_members(figures):
    other, channel = figures["other_unit"], figures["other_channel"]
    answer = metrics_collected_evidence([other], 5, TODAY)
    assert answer[other.pk].status == EvidenceStatus.PARTLY_MET
    assert any("Members and engagement in networks" in line for line in answer[other.pk].details)
    ChannelDailySnapshot.objects.filter(channel=channel).delete()
    snapshots_add(channel, TODAY, 1, network_members=40)
    assert "Members and engagement in networks" not in " ".join(
        metrics_collected_evidence([other], 5, TODAY)[other.pk].details
    )
