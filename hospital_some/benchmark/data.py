"""The benchmark hospital: a realistic organisation whose size grows with a scale factor.

At scale 1 it has a central communication unit, 60 departments and 600 users, each user a member of one unit
with a role of the catalogue, and every unit a current and target level spread over the scale's five levels.
Each department has five approved channel plans with their registered channels (300 channels) and one plan
waiting for review, and the hospital has 5,000 content proposals spread over a year around today, most of them
scheduled or published (the editorial calendar's load). The bench user works in a department and in the
communication unit, so the pages show it what a reviewer sees. Scale N multiplies everything by N.

The rows are written with ``bulk_create``, past the services and without history rows: they are synthetic
load for measuring pages, not changes anyone made, so there is no history to keep, and one insert per table
seeds thousands of rows in seconds. For the same reason they are deleted with history recording switched off
(one history row per deleted row would take seconds per thousand). The demo data (``hospital_some.demo.seed``) goes
through the services instead.
"""

import random
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from channels_plan.models import Channel, ChannelPlan, ContentProposal, PlanSubmission, Platform
from governance.models import Hospital, Membership, Role, Unit, User
from maturity.models import Level, UnitMaturity
from metrics.models import ChannelDailySnapshot

BENCH_HOSPITAL = "Benchmark Hospital"
BENCH_USER_PREFIX = "bench-"
# The one department member with a usable password; the benchmark signs it in server-side.
BENCH_USERNAME = f"{BENCH_USER_PREFIX}member"
DEPARTMENTS_PER_SCALE = 60
USERS_PER_DEPARTMENT = 10
CHANNELS_PER_DEPARTMENT = 5
PROPOSALS_PER_SCALE = 5000
# Daily metric snapshots per channel, up to today: 300 channels × 667 days ≥ 200,000 snapshots at scale 1.
SNAPSHOT_DAYS = 667

SPECIALTIES = [
    "Akutafdelingen",
    "Anæstesiologisk afdeling",
    "Børne- og ungeafdelingen",
    "Endokrinologisk afdeling",
    "Fødeafdelingen",
    "Gastroenterologisk afdeling",
    "Geriatrisk afdeling",
    "Gynækologisk afdeling",
    "Hjertemedicinsk afdeling",
    "Infektionsmedicinsk afdeling",
    "Karkirurgisk afdeling",
    "Kræftafdelingen",
    "Lungemedicinsk afdeling",
    "Neurologisk afdeling",
    "Nyremedicinsk afdeling",
    "Ortopædkirurgisk afdeling",
    "Psykiatrisk afdeling",
    "Radiologisk afdeling",
    "Reumatologisk afdeling",
    "Øre-næse-halsafdelingen",
]
FIRST_NAMES = ["Anne", "Bo", "Camilla", "Dorthe", "Emil", "Frederik", "Hanne", "Jonas", "Karen", "Lars", "Mette"]
LAST_NAMES = ["Andersen", "Berg", "Christensen", "Dahl", "Hansen", "Holm", "Jensen", "Krogh", "Lund", "Nielsen"]


@dataclass(frozen=True)
class BenchHospital:
    hospital: Hospital
    bench_user: User
    departments: int
    users: int
    created: bool


def bench_department_count(*, scale: int) -> int:
    return DEPARTMENTS_PER_SCALE * scale


@transaction.atomic
def bench_seed(*, scale: int = 1, departments: int | None = None) -> BenchHospital:
    """Make the benchmark hospital the size of ``scale`` (or of ``departments``, for tests).

    Idempotent: a hospital of the right size is left alone; one of another size is deleted and built again.
    """
    departments = departments or bench_department_count(scale=scale)
    users = USERS_PER_DEPARTMENT * departments
    hospital = Hospital.objects.filter(name=BENCH_HOSPITAL).first()
    if hospital is not None and _has_size(hospital, departments=departments, users=users):
        return BenchHospital(hospital, User.objects.get(username=BENCH_USERNAME), departments, users, created=False)
    _bench_clear()
    (hospital,) = Hospital.objects.bulk_create([Hospital(name=BENCH_HOSPITAL, country=Hospital.Country.DENMARK)])
    bench_user = _build(hospital, departments=departments, users=users)
    return BenchHospital(hospital, bench_user, departments, users, created=True)


def _has_size(hospital: Hospital, *, departments: int, users: int) -> bool:
    units = departments + 1
    return (
        Unit.objects.filter(hospital=hospital).count() == units
        and UnitMaturity.objects.filter(unit__hospital=hospital).count() == units
        and User.objects.filter(username__startswith=BENCH_USER_PREFIX).count() == users
        and Membership.objects.filter(unit__hospital=hospital).count() == users + 1
        and Channel.objects.filter(unit__hospital=hospital).count() == departments * CHANNELS_PER_DEPARTMENT
        and ContentProposal.objects.filter(unit__hospital=hospital).count() == _proposal_count(departments)
        and ChannelDailySnapshot.objects.filter(channel__unit__hospital=hospital).count()
        == departments * CHANNELS_PER_DEPARTMENT * SNAPSHOT_DAYS
    )


def _proposal_count(departments: int) -> int:
    return PROPOSALS_PER_SCALE * departments // DEPARTMENTS_PER_SCALE


@override_settings(SIMPLE_HISTORY_ENABLED=False)
def _bench_clear() -> None:
    """Delete the benchmark hospital and its people; memberships and unit levels go with them."""
    ContentProposal.objects.filter(unit__hospital__name=BENCH_HOSPITAL).delete()
    ChannelDailySnapshot.objects.filter(channel__unit__hospital__name=BENCH_HOSPITAL).delete()
    Channel.objects.filter(unit__hospital__name=BENCH_HOSPITAL).delete()
    ChannelPlan.objects.filter(unit__hospital__name=BENCH_HOSPITAL).delete()
    User.objects.filter(username__startswith=BENCH_USER_PREFIX).delete()
    Unit.objects.filter(hospital__name=BENCH_HOSPITAL).delete()
    Hospital.objects.filter(name=BENCH_HOSPITAL).delete()


def _build(hospital: Hospital, *, departments: int, users: int) -> User:
    # Seeded by the size, so that a given scale gives the same hospital on every machine (not for security).
    rng = random.Random(departments)  # noqa: S311
    units = Unit.objects.bulk_create(
        [
            Unit(hospital=hospital, name=_department_name(index), kind=Unit.Kind.DEPARTMENT)
            for index in range(departments)
        ]
        + [Unit(hospital=hospital, name="Kommunikationsafdelingen", kind=Unit.Kind.COMMUNICATION)]
    )
    levels = list(Level.objects.order_by("number"))
    standings = []
    for unit in units:
        current = rng.randrange(len(levels))
        standings.append(
            UnitMaturity(
                unit=unit, current_level=levels[current], target_level=levels[rng.randrange(current, len(levels))]
            )
        )
    UnitMaturity.objects.bulk_create(standings)

    people = User.objects.bulk_create([_person(index) for index in range(users)], batch_size=2000)
    roles = list(Role.objects.order_by("order", "code"))
    # Person i joins unit i mod n, so person 0 (the bench user) is in the first department.
    Membership.objects.bulk_create(
        [
            Membership(
                user=person,
                unit=units[index % len(units)],
                role=roles[(index // len(units)) % len(roles)],
            )
            for index, person in enumerate(people)
        ],
        batch_size=2000,
    )
    communication = units[-1]
    Membership.objects.create(user=people[0], unit=communication, role=Role.objects.get(code="community_manager"))
    _build_plans(units[:-1], people)
    _build_proposals(units[:-1], people, rng)
    _build_snapshots(units[:-1])
    return people[0]


def _build_proposals(departments: list[Unit], people: list[User], rng: random.Random) -> None:
    """Proposals over the year around today: a third each past-published, scheduled ahead, and in review."""
    channels = {}
    for channel in Channel.objects.filter(unit__in=departments):
        channels.setdefault(channel.unit_id, []).append(channel)
    now = timezone.now()
    statuses = [ContentProposal.Status.PUBLISHED, ContentProposal.Status.SCHEDULED, ContentProposal.Status.SUBMITTED]
    proposals = []
    for index in range(_proposal_count(len(departments))):
        unit = departments[index % len(departments)]
        status = statuses[index % len(statuses)]
        when = now + timedelta(hours=rng.randrange(-24 * 180, 24 * 180))
        proposals.append(
            ContentProposal(
                unit=unit,
                title=f"Opslag {index + 1}",
                text="Tekst til opslaget.",
                strategy="openness",
                status=status,
                scheduled_at=when if status != ContentProposal.Status.SUBMITTED else None,
                published_at=when if status == ContentProposal.Status.PUBLISHED else None,
                submitted_at=now,
                created_by=people[index % len(people)],
            )
        )
    proposals = ContentProposal.objects.bulk_create(proposals, batch_size=2000)
    links = ContentProposal.channels.through
    links.objects.bulk_create(
        [
            links(
                contentproposal_id=proposal.pk,
                channel_id=channels[proposal.unit_id][index % CHANNELS_PER_DEPARTMENT].pk,
            )
            for index, proposal in enumerate(proposals)
        ],
        batch_size=5000,
    )


def _build_snapshots(departments: list[Unit]) -> None:
    """Every channel's figures for the last SNAPSHOT_DAYS days, written a few channels at a time (bounded memory)."""
    today = timezone.localdate()
    channel_ids = list(Channel.objects.filter(unit__in=departments).order_by("pk").values_list("pk", flat=True))
    for first in range(0, len(channel_ids), 50):
        ChannelDailySnapshot.objects.bulk_create(
            (
                ChannelDailySnapshot(
                    channel_id=channel_id,
                    day=today - timedelta(days=age),
                    followers=1000 + channel_id + (SNAPSHOT_DAYS - age) * 2,
                    new_followers=2,
                    reach=400 + (channel_id + age) % 300,
                    reach_organic=300,
                    reach_paid=100 + (channel_id + age) % 300,
                    views=800,
                    reactions=12,
                    comments=3,
                    shares=2,
                    engagements=17,
                )
                for channel_id in channel_ids[first : first + 50]
                for age in range(SNAPSHOT_DAYS)
            ),
            batch_size=5000,
        )


def _build_plans(departments: list[Unit], people: list[User]) -> None:
    """Per department: approved plans with their channels, and one plan waiting in the review queue."""
    platforms = [Platform.FACEBOOK_PAGE, Platform.INSTAGRAM, Platform.LINKEDIN, Platform.YOUTUBE, Platform.TIKTOK]
    plans = []
    for index, unit in enumerate(departments):
        owner, backup = people[index], people[index + len(departments) + 1]
        for number in range(CHANNELS_PER_DEPARTMENT + 1):
            waiting = number == CHANNELS_PER_DEPARTMENT
            plans.append(
                ChannelPlan(
                    unit=unit,
                    title=f"{unit.name}: {platforms[number % len(platforms)].label} {number + 1}",
                    platform=platforms[number % len(platforms)],
                    goals="Synlighed og dialog med patienter og pårørende.",
                    owner=owner,
                    backup=backup,
                    sender_name=unit.name,
                    handle=f"@bench.{unit.pk}.{number}",
                    status=ChannelPlan.Status.SUBMITTED if waiting else ChannelPlan.Status.APPROVED,
                    created_by=owner,
                    submitted_at=timezone.now(),
                )
            )
    plans = ChannelPlan.objects.bulk_create(plans, batch_size=2000)
    PlanSubmission.objects.bulk_create(
        [PlanSubmission(plan=plan, number=1, submitted_by=plan.owner, snapshot={}) for plan in plans], batch_size=2000
    )
    Channel.objects.bulk_create(
        [
            Channel(
                plan=plan,
                unit=plan.unit,
                platform=plan.platform,
                handle=plan.handle,
                sender_name=plan.sender_name,
                owner=plan.owner,
                backup=plan.backup,
                status=Channel.Status.ACTIVE,
            )
            for plan in plans
            if plan.status == ChannelPlan.Status.APPROVED
        ],
        batch_size=2000,
    )


def _department_name(index: int) -> str:
    specialty = SPECIALTIES[index % len(SPECIALTIES)]
    return f"{specialty} {index // len(SPECIALTIES) + 1}"


def _person(index: int) -> User:
    username = BENCH_USERNAME if index == 0 else f"{BENCH_USER_PREFIX}{index:06d}"
    # make_password(None) is an unusable password; the bench user's is random and never shown.
    password = make_password(secrets.token_urlsafe(32) if index == 0 else None)
    return User(
        username=username,
        first_name=FIRST_NAMES[index % len(FIRST_NAMES)],
        last_name=LAST_NAMES[index % len(LAST_NAMES)],
        email=f"{username}@bench.example",
        password=password,
    )
