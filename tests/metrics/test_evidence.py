import datetime

from channels_plan.models import Channel
from channels_plan.services import channel_status_set
from governance.models import Unit, User
from hospital_some.demo.involvement import NETWORK_DEPARTMENT
from maturity.evidence import EvidenceStatus, evidence_sources
from metrics.evidence import metrics_collected_evidence
from metrics.models import ChannelDailySnapshot
from monitoring.models import Interaction
from tests.involvement_factories import involvement_seed
from tests.metric_factories import snapshots_add
from tests.metrics.support import TODAY, figures_fixture  # noqa: F401  (fixture)


def _set_status(channel, status):
    channel_status_set(channel=channel, status=status, acting_user=User.objects.get(username="lead"))


def test_the_provider_is_registered_for_the_effect_dimension():
    (source,) = [source for source in evidence_sources() if source.code == "metrics_collected"]
    assert source.dimension == "effect"


def test_statuses_at_level_3(figures, django_assert_num_queries):
    _set_status(figures["main"], Channel.Status.ACTIVE)
    department, other = figures["department"], figures["other_unit"]
    communication = Unit.objects.get(hospital=department.hospital, kind=Unit.Kind.COMMUNICATION)
    without_channels = Unit.objects.get(name="Akutafdelingen")
    units = [communication, department, other, without_channels]
    # Which levels ask, the level's metrics, the department lines in force (two), the departments' and the hospital's
    # channels, the departments' figures and inbox, the hospital's figures and inbox.
    with django_assert_num_queries(10):
        answer = metrics_collected_evidence(units, 3, TODAY)
    # The hospital's lines: followers, reach and engagement have data on its active channels; mentions and sentiment
    # do not.
    assert answer[communication.pk].status == EvidenceStatus.PARTLY_MET
    assert answer[communication.pk].summary.startswith("3 of 4")
    # Level 3's effect lines are the hospital's: no department is asked a metric, with or without channels.
    for unit in (department, other, without_channels):
        assert answer[unit.pk].status == EvidenceStatus.NOT_APPLICABLE
        assert "communication unit measures" in answer[unit.pk].summary

    Interaction.objects.create(
        hospital=department.hospital,
        channel=figures["main"],
        kind="mention",
        text="x",
        occurred_at=datetime.datetime(2026, 3, 30, 12, tzinfo=datetime.UTC),
    )
    assert metrics_collected_evidence(units, 3, TODAY)[communication.pk].status == EvidenceStatus.MET
    # Old figures only: the last 30 days hold nothing.
    later = TODAY + datetime.timedelta(days=60)
    assert metrics_collected_evidence(units, 3, later)[communication.pk].status == EvidenceStatus.NOT_MET


def test_paused_channels_do_not_count_and_the_evidence_says_why(figures):
    hospital = figures["department"].hospital
    communication = Unit.objects.get(hospital=hospital, kind=Unit.Kind.COMMUNICATION)
    for channel in Channel.objects.filter(unit__hospital=hospital, status=Channel.Status.ACTIVE):
        _set_status(channel, Channel.Status.PAUSED)
    evidence = metrics_collected_evidence([communication], 3, TODAY)[communication.pk]
    assert evidence.status == EvidenceStatus.NOT_MET
    assert "figures were imported for" in evidence.summary and "paused" in evidence.summary


def test_level_5_asks_for_network_members_only_of_a_unit_running_a_network(figures):
    other, channel = figures["other_unit"], figures["other_channel"]
    answer = metrics_collected_evidence([other], 5, TODAY)
    assert not any("Members and engagement in networks" in line for line in answer[other.pk].details)
    involvement_seed()
    network_unit = Unit.objects.get(name=NETWORK_DEPARTMENT)
    group = Channel.objects.get(patient_network__unit=network_unit)
    _set_status(group, Channel.Status.ACTIVE)
    snapshots_add(group, TODAY, 1, followers=40, reach=10, engagements=1)
    details = metrics_collected_evidence([network_unit], 5, TODAY)[network_unit.pk].details
    assert any("Members and engagement in networks" in line for line in details)
    ChannelDailySnapshot.objects.filter(channel=group).delete()
    snapshots_add(group, TODAY, 1, network_members=40)
    assert "Members and engagement in networks" not in " ".join(
        metrics_collected_evidence([network_unit], 5, TODAY)[network_unit.pk].details
    )
    assert channel  # the other unit's channel stays as it was
