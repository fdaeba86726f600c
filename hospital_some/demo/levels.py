"""The demo hospital's levels, earned: data that meets the scale, so that the gap engine assesses each department at
the level the demo shows it at. Nothing here sets an assessed level; ``unit_maturity_set`` only records the current
level the engine finds and the target one above it.

The communication unit meets the hospital's part up to level 5: its roles staffed with back-ups, the hospital's
guidelines approved, an active official channel with an approved plan, figures imported and checked, the hospital's
answers given in time, its people trained, and its self-assessments accepted. The departments:

- Ortopædkirurgisk afdeling, level 1: its level-2 self-assessment waits for the communication unit's review;
- Akutafdelingen and Psykiatrisk afdeling, level 2: their people trained, their self-assessments accepted;
- Hjertemedicinsk afdeling, level 3: enrolled to post, its channel active with a current plan, posts published
  through the calendar;
- Børne- og ungeafdelingen, level 3 with target 4: everything of level 4 in place but a second community manager
  (one line short: the manager staffs the role on the unit's people page);
- Kræftafdelingen, level 4: a user-involvement activity (``demo_involvement``) and the posting team level 4 asks; its
  relatives' network has just started (level 5 asks its guideline approved and its facilitators in the role);
- Neurologisk afdeling, level 5: a patient network with its guideline approved, its facilitators and its members
  measured.

Kept out of ``demo_seed`` (the tests' shared demo): ``seed_demo`` calls it after ``demo_involvement_seed``. Every write
goes through the services; the few that record the past (figures imported for the last 30 days, answers given in
time on earlier days) say so. Running it again changes nothing.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from channels_plan.models import Channel, ChannelPlan, ContentProposal, Platform
from channels_plan.services import (
    channel_status_set,
    plan_create,
    plan_decide,
    plan_submit,
    posting_enrolment_grant,
    proposal_create,
    proposal_record_publication,
    proposal_schedule_directly,
)
from governance.audit import save_as
from governance.guidelines.services import guideline_document_create, guideline_version_approve
from governance.models import GuidelineDocument, Hospital, Membership, Role, Unit, User
from governance.people.services import unit_membership_backup_set
from governance.services import membership_ensure, unit_ensure, user_ensure
from hospital_some.demo.duty import demo_channels_check
from involvement.networks.services import network_plan_terms_save
from maturity.gaps.engine import unit_gap_reports
from maturity.gaps.services import self_assessment_answer, self_assessment_review
from maturity.models import SELF_ASSESSED, Level, Requirement, SelfAssessment
from maturity.services import unit_maturity_set
from metrics.models import ChannelDailySnapshot
from monitoring.models import Interaction
from monitoring.services.inbox import channel_check_record, interaction_answer_record, interaction_create_manual
from monitoring.services.intake import IncomingInteraction, interactions_intake
from training.models import Completion, Course
from training.services import completion_record_external

PERSONA_DEPARTMENT = "Hjertemedicinsk afdeling"
INVOLVEMENT_DEPARTMENT = "Kræftafdelingen"
# The departments whose relatives' network has just started (its plan approved, not yet run as level 5 asks): the
# network's name and whom it is for.
NETWORKS_STARTED = {
    INVOLVEMENT_DEPARTMENT: ("Pårørendenetværk for kræftpatienter", "Pårørende til kræftpatienter"),
    "Børne- og ungeafdelingen": ("Forældrenetværk for børn med diabetes", "Forældre til børn med diabetes"),
}
ONE_SHORT_DEPARTMENT = "Børne- og ungeafdelingen"
WAITING_FOR_REVIEW_DEPARTMENT = "Ortopædkirurgisk afdeling"
# The trained producer the manager of the one-short department names its second community manager (on the people
# page): level 4 asks two of a department that posts.
ONE_SHORT_CANDIDATE = "boern-producer2"
ANSWERED_IN_TIME = 45  # answers given in time over the last 30 days: the hospital's share stays over 90 %


@dataclass(frozen=True)
class LevelDepartment:
    name: str
    level: int  # the level its data meets
    target: int
    enrolled: bool = False
    channel: bool = False  # an active channel of its own with a current plan and a post published through it
    # (username, first name, last name, role, backup of the username before it)
    people: tuple[tuple[str, str, str, str], ...] = ()


LEVEL_DEPARTMENTS = [
    LevelDepartment(
        "Ortopædkirurgisk afdeling",
        1,
        2,
        people=(("orto-manager", "Ole", "Thomsen", "manager"),),
    ),
    LevelDepartment(
        "Akutafdelingen",
        2,
        3,
        people=(("akut-manager", "Astrid", "Bech", "manager"), ("akut-producer", "Anders", "Kjær", "producer")),
    ),
    LevelDepartment(
        "Psykiatrisk afdeling",
        2,
        3,
        people=(("psyk-manager", "Peter", "Vinther", "manager"), ("psyk-producer", "Sofie", "Munk", "producer")),
    ),
    LevelDepartment(
        "Hjertemedicinsk afdeling",
        3,
        4,
        enrolled=True,
        channel=True,
        people=(("hjerte-producer2", "Henrik", "Due", "producer"),),
    ),
    LevelDepartment(
        ONE_SHORT_DEPARTMENT,
        3,
        4,
        enrolled=True,
        channel=True,
        people=(
            ("boern-manager", "Birthe", "Ravn", "manager"),
            ("boern-flow", "Bo", "Nissen", "flowmanager"),
            ("boern-producer", "Bente", "Holt", "producer"),
            ("boern-producer2", "Bjørn", "Krog", "producer"),
            ("boern-community", "Britt", "Vad", "community_manager"),
        ),
    ),
    LevelDepartment(
        "Kræftafdelingen",
        4,
        5,
        enrolled=True,
        channel=True,
        people=(
            ("kraeft-manager", "Kirsten", "Mørk", "manager"),
            ("kraeft-producer2", "Klaus", "Bay", "producer"),
            ("kraeft-community", "Katrine", "Eske", "community_manager"),
            ("kraeft-community2", "Kim", "Lauge", "community_manager"),
        ),
    ),
    LevelDepartment(
        "Neurologisk afdeling",
        5,
        5,
        enrolled=True,
        channel=True,
        people=(
            ("neuro-manager", "Nikolaj", "Holm", "manager"),
            ("neuro-community", "Naja", "Broe", "community_manager"),
            ("neuro-community2", "Noah", "Riis", "community_manager"),
        ),
    ),
]

# The communication unit's team besides the lead and the community manager of ``demo_seed``:
# (username, first name, last name, role).
COMMUNICATION_PEOPLE = (
    ("kom-flow", "Karl", "Winther", "flowmanager"),
    ("kom-community", "Line", "Bak", "community_manager"),
    ("kom-producer", "Maja", "Storm", "producer"),
    ("kom-producer2", "Emil", "Frost", "producer"),
    ("kom-involvement", "Rikke", "Dam", "involvement_specialist"),
    ("kom-network", "Tobias", "Lykke", "network_specialist"),
)
# The hospital guidelines levels 4 and 5 add to those of ``demo_guidelines_seed``: (kind, title, text).
HOSPITAL_GUIDELINES = [
    (
        "involvement_handling",
        "Brugerinddragelse på sociale medier",
        "Vi siger altid, hvad input bruges til, og hvornår deltagerne hører fra os igen.",
    ),
    (
        "involvement_input_processing",
        "Behandling af input fra brugerinddragelse",
        "Input kodes efter emne inden for en uge og indgår i aktivitetens rapport.",
    ),
    (
        "network_guidelines",
        "Retningslinjer for patient- og pårørendenetværk",
        "Netværk har faste facilitatorer, husregler og en årlig evaluering.",
    ),
]
# The level-5 department's network facilitators, in the role level 5 asks (the producers facilitate too, but a
# producer is counted as a producer only).
NETWORK_FACILITATORS = (
    ("neuro-facilitator", "Nanna", "Juul", "network_facilitator"),
    ("neuro-facilitator2", "Nils", "Hede", "network_facilitator"),
)
INVOLVEMENT_REPLIES = (
    "Jeg vil gerne være med i rådet.",
    "Ventetiden på svar efter scanningen er det, der fylder mest.",
    "God idé at spørge os pårørende.",
)
ANSWER_TEXTS = (
    "Hvor parkerer jeg bedst ved indgang 3?",
    "Tak for den gode modtagelse i ambulatoriet.",
    "Kan man besøge patienter efter kl. 20?",
    "Hvor finder jeg information om blodprøvetagning?",
)


def _person(username: str, first: str, last: str) -> User:
    return user_ensure(
        username=username,
        first_name=first,
        last_name=last,
        email=f"{username}@demohospitalet.example",
        password=f"demo-{username}-2026",
    )


def _staff(unit: Unit, people, roles: dict[str, Role]) -> list[Membership]:
    return [
        membership_ensure(user=_person(username, first, last), unit=unit, role=roles[role])
        for username, first, last, role in people
    ]


def _backups(unit: Unit, role_code: str, acting_user: User) -> None:
    """The holders of ``role_code`` stand in for each other (each the back-up of the next)."""
    held = list(Membership.objects.filter(unit=unit, role__code=role_code).select_related("unit").order_by("pk"))
    if len(held) < 2:
        return
    for index, membership in enumerate(held):
        wanted = held[(index + 1) % len(held)]
        if membership.backup_for_id != wanted.pk:
            unit_membership_backup_set(membership=membership, backup_for=wanted, acting_user=acting_user)


def _trained(unit: Unit, lead: User, today: datetime.date) -> None:
    """Every member of the unit has a current completion of every course of the catalogue."""
    courses = list(Course.objects.order_by("pk"))
    people = {membership.user for membership in Membership.objects.filter(unit=unit).select_related("user")}
    done = set(Completion.objects.filter(user__in=people).values_list("user_id", "course_id"))
    for person in sorted(people, key=lambda user: user.pk):
        for course in courses:
            if (person.pk, course.pk) not in done:
                completion_record_external(
                    person=person,
                    course=course,
                    completed_on=today - datetime.timedelta(days=60),
                    evidence="Kursusbevis, regionens e-læring",
                    acting_user=lead,
                )


def _self_assessed(unit: Unit, level: int, scopes: set[str], answering: User, reviewer: User | None) -> None:
    """The unit answers every self-assessed line of ``scopes`` up to ``level`` as met; the communication unit
    accepts the answers (``reviewer`` None: they wait for its review)."""
    answered = SelfAssessment.objects.filter(unit=unit).values_list("requirement_id", flat=True)
    asked = Requirement.objects.filter(
        cell__level__number__lte=level, evidence_source=SELF_ASSESSED, scope__in=scopes
    ).exclude(pk__in=list(answered))
    for requirement in asked.order_by("cell__level__number", "pk"):
        assessment = self_assessment_answer(
            unit=unit,
            requirement=requirement,
            answer="met",
            evidence="Beskrevet i afdelingens handleplan for sociale medier og drøftet på personalemødet.",
            acting_user=answering,
        )
        if reviewer is not None:
            self_assessment_review(assessment=assessment, accept=True, comment="", acting_user=reviewer)


def _active_channel(*, unit: Unit, title: str, platform: str, owner: User, backup: User, lead: User) -> Channel:
    """The unit's channel with an approved plan, set active once its account exists, and checked today."""
    plan = ChannelPlan.objects.filter(unit=unit, title=title).first()
    if plan is None:
        plan = plan_create(
            unit=unit,
            acting_user=owner,
            data={
                "title": title,
                "platform": platform,
                "goals": "Patienter og pårørende finder pålidelig viden og kan stille spørgsmål.",
                "success_evaluation": "Følgere, rækkevidde og svar givet til tiden efter et år.",
                "primary_target_group": "Patienter og pårørende",
                "content": "Nyheder, gode råd og svar på typiske spørgsmål.",
                "owner": owner,
                "backup": backup,
                "hours_per_week": 4,
                "sender_name": title,
                "handle": f"@demohospitalet.{unit.pk}.{platform}",
                "evaluation_date": timezone.localdate() + datetime.timedelta(days=365),
            },
        )
        plan_submit(plan=plan, acting_user=owner)
        plan_decide(plan=plan, decision="approve", comment="", acting_user=lead)
    return _activated(Channel.objects.get(plan=plan), lead)


def _activated(channel: Channel, lead: User) -> Channel:
    if channel.status == Channel.Status.PLANNED:
        channel = channel_status_set(channel=channel, status=Channel.Status.ACTIVE, acting_user=lead)
    if not channel.checks.exists():
        channel_check_record(channel=channel, acting_user=lead)
    return channel


def _published_post(*, unit: Unit, channel: Channel, author: User, scheduler: User) -> None:
    """A post the department published through the calendar three days ago."""
    title = f"Nyt fra {unit.name}"
    if ContentProposal.objects.filter(unit=unit, title=title).exists():
        return
    when = timezone.now().replace(minute=0, second=0, microsecond=0) - datetime.timedelta(days=3)
    proposal = proposal_create(
        unit=unit,
        acting_user=author,
        data={
            "title": title,
            "text": "Mød personalet og få gode råd før din indlæggelse.",
            "channels": [channel],
            "wished_at": when,
            "strategy": "openness",
            "invites_dialogue": True,
        },
    )
    proposal_schedule_directly(proposal=proposal, scheduled_at=when, acting_user=scheduler)
    proposal_record_publication(
        proposal=proposal,
        published_at=when,
        permalink=f"https://www.facebook.com/demohospitalet/posts/{unit.pk}00",
        acting_user=scheduler,
    )


def _involvement_replies(*, hospital: Hospital, channel: Channel, prefix: str) -> None:
    """Replies to the unit's user-involvement posts, fetched by the platform integration in the last days."""
    now = timezone.now()
    items = [
        IncomingInteraction(
            kind=Interaction.Kind.COMMENT,
            text=text,
            occurred_at=now - datetime.timedelta(days=number + 1),
            author_handle=f"Deltager {number + 1}",
            external_id=f"{prefix}-{number}",
            is_involvement=True,
        )
        for number, text in enumerate(INVOLVEMENT_REPLIES)
    ]
    if Interaction.objects.filter(channel=channel, external_id__startswith=prefix).exists():
        return
    result = interactions_intake(hospital=hospital, items=items, source=Interaction.Source.API, channel=channel)
    for interaction in result.created:
        _answer_in_time(interaction, channel.plan.owner)


def _network_figures(channel: Channel, today: datetime.date) -> None:
    """The network's members and their activity, imported for the last 30 days (the platform's export)."""
    ChannelDailySnapshot.objects.bulk_create(
        [
            ChannelDailySnapshot(
                channel=channel,
                day=today - datetime.timedelta(days=back),
                network_members=140 - back,
                followers=140 - back,
                reach=400 + 3 * back,
                reactions=12 + back % 5,
                comments=6 + back % 3,
                engagements=18 + back % 7,
            )
            for back in range(30)
        ],
        ignore_conflicts=True,
    )


def _answered_in_time(*, hospital: Hospital, channel: Channel, answering: User, now: datetime.datetime) -> None:
    """Questions on the official profile over the last 30 days, each answered within its deadline (the demo's past:
    the answer is dated 45 minutes after the question, which the inbox's answer button cannot do today)."""
    if Interaction.objects.filter(channel=channel, external_id__startswith="demo-answered-").exists():
        return
    for number in range(ANSWERED_IN_TIME):
        occurred = (now - datetime.timedelta(days=1 + number * 28 // ANSWERED_IN_TIME)).replace(hour=9, minute=30)
        interaction = interaction_create_manual(
            hospital=hospital,
            channel=channel,
            acting_user=answering,
            data={
                "kind": Interaction.Kind.COMMENT,
                "text": ANSWER_TEXTS[number % len(ANSWER_TEXTS)],
                "occurred_at": occurred,
                "external_id": f"demo-answered-{number}",
                "author_handle": f"Borger {number + 10}",
            },
        )
        _answer_in_time(interaction, answering)


def _answer_in_time(interaction: Interaction, answering: User) -> None:
    """Answer the interaction; one asked on an earlier day was answered then, 45 minutes after it came in (the demo's
    past, which the inbox's answer button cannot date)."""
    interaction = interaction_answer_record(interaction=interaction, acting_user=answering, note="Besvaret")
    if interaction.deadline is not None and interaction.answered_at > interaction.deadline:
        interaction.answered_at = interaction.occurred_at + datetime.timedelta(minutes=45)
        save_as(interaction, answering)


def _hospital_part(hospital: Hospital, communication: Unit, roles: dict[str, Role], lead: User, today) -> None:
    community = User.objects.get(username="community")
    _staff(communication, COMMUNICATION_PEOPLE, roles)
    for role_code in ("community_manager", "producer"):
        _backups(communication, role_code, lead)
    existing = set(GuidelineDocument.objects.filter(hospital=hospital, unit=None).values_list("kind", flat=True))
    for kind, title, text in HOSPITAL_GUIDELINES:
        if kind in existing:
            continue
        document = guideline_document_create(
            hospital=hospital,
            unit=None,
            kind=kind,
            title=title,
            review_interval_months=12,
            body=text,
            acting_user=community,
        )
        guideline_version_approve(version=document.versions.get(), revision=1, acting_user=lead)
    _trained(communication, lead, today)
    _self_assessed(communication, 5, {Requirement.Scope.HOSPITAL}, lead, lead)


def _network_started(unit: Unit, lead: User) -> None:
    """The department has started a relatives' network: its plan approved, its own response guideline still a draft,
    its facilitators not yet named in the role and its network questions not answered, which level 5 asks."""
    title, audience = NETWORKS_STARTED[unit.name]
    if ChannelPlan.objects.filter(unit=unit, title=title).exists():
        return
    flow = Membership.objects.filter(unit=unit, role__code="flowmanager").first().user
    producer = Membership.objects.filter(unit=unit, role__code="producer").order_by("pk").first().user
    guideline = guideline_document_create(
        hospital=unit.hospital,
        unit=unit,
        kind="department_network_guidelines",
        title=f"Svarretningslinje for {title}",
        review_interval_months=12,
        body="Udkast: facilitatorerne svarer inden for en arbejdsdag.",
        acting_user=lead,
    )
    plan = plan_create(
        unit=unit,
        acting_user=flow,
        data={
            "title": title,
            "platform": Platform.FACEBOOK_GROUP,
            "goals": f"{audience} støtter hinanden.",
            "success_evaluation": "Medlemmernes vurdering efter et år.",
            "primary_target_group": audience,
            "content": "Spørgsmål, svar og arrangementer.",
            "owner": flow,
            "backup": producer,
            "hours_per_week": 3,
            "sender_name": title,
            "handle": f"@demohospitalet.{unit.pk}.netvaerk",
            "justification": "Et pilotnetværk aftalt med kommunikationsafdelingen før niveau 5.",
            "evaluation_date": timezone.localdate() + datetime.timedelta(days=365),
        },
    )
    network_plan_terms_save(
        plan=plan,
        treatment_offer="Forløbet på afdelingen og tiden efter.",
        membership_rules="Pårørende til patienter i forløbet.",
        facilitators=[flow, producer],
        guidelines=[guideline],
        acting_user=flow,
    )
    plan_submit(plan=plan, acting_user=flow)
    plan_decide(plan=plan, decision="approve", comment="", acting_user=lead)


def _department_channel(unit: Unit, lead: User) -> Channel:
    """The department's channel: the one ``demo_seed``/``demo_involvement`` approved, else a new one."""
    channel = Channel.objects.filter(unit=unit).exclude(status=Channel.Status.CLOSED).order_by("pk").first()
    if channel is not None:
        return _activated(channel, lead)
    owner = Membership.objects.filter(unit=unit, role__code__in=["flowmanager", "producer"]).order_by("role__order")
    producers = list(Membership.objects.filter(unit=unit, role__code="producer").order_by("pk"))
    return _active_channel(
        unit=unit,
        title=f"{unit.name} på Facebook",
        platform=Platform.FACEBOOK_PAGE,
        owner=owner.first().user,
        backup=producers[-1].user,
        lead=lead,
    )


def _department(hospital: Hospital, spec: LevelDepartment, roles, lead: User, levels, today) -> Unit:
    unit = unit_ensure(hospital=hospital, name=spec.name, kind=Unit.Kind.DEPARTMENT)
    _staff(unit, spec.people, roles)
    _backups(unit, "producer", lead)
    if spec.enrolled:
        posting_enrolment_grant(unit=unit, acting_user=lead)
    if spec.channel:
        channel = _department_channel(unit, lead)
        producer = Membership.objects.filter(unit=unit, role__code="producer").order_by("pk").first().user
        scheduler = channel.plan.owner if channel.plan_id else producer
        _published_post(unit=unit, channel=channel, author=producer, scheduler=scheduler)
    if spec.channel and spec.level >= 4:
        _involvement_replies(hospital=hospital, channel=channel, prefix=f"demo-involvement-{unit.pk}")
    if spec.name in NETWORKS_STARTED:
        _network_started(unit, lead)
    if spec.name == INVOLVEMENT_DEPARTMENT:
        # The flowmanager has replied to the user council's sign-ups (``demo_involvement``) within their deadline.
        flow = Membership.objects.filter(unit=unit, role__code="flowmanager").first().user
        for interaction in Interaction.objects.filter(channel__unit=unit, status__in=Interaction.OPEN_STATUSES):
            if interaction.deadline is not None:
                _answer_in_time(interaction, flow)
    if spec.level >= 5:
        _staff(unit, NETWORK_FACILITATORS, roles)
        for document in GuidelineDocument.objects.filter(unit=unit, versions__approved_at__isnull=True).distinct():
            guideline_version_approve(version=document.versions.order_by("pk").last(), revision=1, acting_user=lead)
        _network_figures(Channel.objects.filter(unit=unit, plan__platform=Platform.FACEBOOK_GROUP).first(), today)
    _trained(unit, lead, today)
    manager = Membership.objects.filter(unit=unit, role__code="manager").order_by("pk").first().user
    scopes = {Requirement.Scope.DEPARTMENT}
    if spec.enrolled:
        scopes.add(Requirement.Scope.POSTING_DEPARTMENTS)
    if spec.level >= 5:
        scopes.add(Requirement.Scope.NETWORK_DEPARTMENTS)
    if spec.name == WAITING_FOR_REVIEW_DEPARTMENT:
        _self_assessed(unit, spec.target, scopes, manager, None)
    else:
        _self_assessed(
            unit, max(spec.level, spec.target if spec.name == ONE_SHORT_DEPARTMENT else 0), scopes, manager, lead
        )
    return unit


def demo_levels_seed(*, hospital: Hospital) -> None:
    """Build the data of every level, then record each department's current level as the engine assesses it, with
    its target one above (level 5 stays 5; the one-short department's target is the level it is short of)."""
    today = timezone.localdate()
    roles = {role.code: role for role in Role.objects.all()}
    lead = User.objects.get(username="lead")
    communication = Unit.objects.get(hospital=hospital, kind=Unit.Kind.COMMUNICATION)
    _hospital_part(hospital, communication, roles, lead, today)
    levels = {level.number: level for level in Level.objects.all()}
    units = [_department(hospital, spec, roles, lead, levels, today) for spec in LEVEL_DEPARTMENTS]
    # The community managers answer on the departments' pages for the whole hospital.
    persona_channel = Channel.objects.filter(unit__hospital=hospital, unit__name=PERSONA_DEPARTMENT).order_by("pk")
    community = User.objects.get(username="community")
    _answered_in_time(hospital=hospital, channel=persona_channel.first(), answering=community, now=timezone.now())
    # The team on duty checks every active channel as the demo starts, and every half hour while `make run` runs
    # (``demo_duty``): a `make run` begun after a break starts with the checks its levels ask, not missed ones.
    demo_channels_check(hospital=hospital)
    targets = {spec.name: spec.target for spec in LEVEL_DEPARTMENTS}
    standing = Unit.objects.select_related("hospital", "maturity__current_level", "maturity__target_level")
    # The communication unit keeps the standing ``demo_seed`` gives it (which sets it again on every run).
    reports = unit_gap_reports(list(standing.filter(pk__in=[unit.pk for unit in units])), today=today)
    top = max(levels)
    for report in reports.values():
        unit = report.unit
        assessed = max(report.assessed_level, 1)
        target = targets.get(unit.name, min(assessed + 1, top))
        if report.current_level != assessed or report.target_level != target:
            unit_maturity_set(unit=unit, current_level=levels[assessed], target_level=levels[target], acting_user=None)
