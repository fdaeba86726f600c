"""The demo hospital for `make run`: a central communication unit, six departments and one user per persona."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from channels_plan.models import Channel, ChannelPlan, ContentProposal, PlanDecision, Platform
from channels_plan.services import (
    plan_create,
    plan_decide,
    plan_submit,
    posting_enrolment_grant,
    proposal_create,
    proposal_record_publication,
    proposal_schedule_directly,
    proposal_submit,
)
from channels_plan.services.attachments import proposal_attachment_add
from governance.models import Hospital, Role, Unit, User
from governance.services import hospital_ensure, membership_ensure, unit_ensure, user_ensure
from hospital_some.demo.governance import demo_follow_group_seed, demo_guidelines_seed
from hospital_some.demo.metrics import demo_metrics_seed
from hospital_some.demo.monitoring import demo_interactions_seed
from hospital_some.demo.training import demo_training_seed
from maturity.models import Level
from maturity.services import unit_maturity_set

DEMO_HOSPITAL = "Demohospitalet"
COMMUNICATION_UNIT = "Kommunikationsafdelingen"
PERSONA_DEPARTMENT = "Hjertemedicinsk afdeling"

# (name, current level, target level)
DEPARTMENTS = [
    ("Akutafdelingen", 2, 3),
    ("Hjertemedicinsk afdeling", 3, 4),
    ("Børne- og ungeafdelingen", 3, 4),
    ("Kræftafdelingen", 4, 5),
    ("Ortopædkirurgisk afdeling", 1, 2),
    ("Psykiatrisk afdeling", 2, 3),
]
# The communication unit answers the hospital's part of every level, and the demo builds that part to meet level 5
# (its level-5 department needs it): its recorded level is the level the engine assesses.
COMMUNICATION_LEVELS = (5, 5)


@dataclass(frozen=True)
class Persona:
    username: str
    first_name: str
    last_name: str
    description: str
    unit: str | None = None
    role: str | None = None
    is_superuser: bool = False

    @property
    def password(self) -> str:
        """Demo passwords are fixed so that the demo stays the same on every run; never used outside demos."""
        return f"demo-{self.username}-2026"


PERSONAS = [
    Persona("lead", "Lene", "Lund", "Communication unit lead", COMMUNICATION_UNIT, "strategist"),
    Persona("community", "Camilla", "Holm", "Community manager", COMMUNICATION_UNIT, "community_manager"),
    Persona("flowmanager", "Frederik", "Berg", "Department flowmanager", PERSONA_DEPARTMENT, "flowmanager"),
    Persona("producer", "Pernille", "Dahl", "Department producer", PERSONA_DEPARTMENT, "producer"),
    Persona("manager", "Mads", "Krogh", "Manager", PERSONA_DEPARTMENT, "manager"),
    Persona("admin", "Anne", "Admin", "Administrator", is_superuser=True),
]


def demo_seed() -> Hospital:
    """Create the demo hospital; running it again changes nothing."""
    levels = {level.number: level for level in Level.objects.all()}
    hospital = hospital_ensure(name=DEMO_HOSPITAL, country=Hospital.Country.DENMARK)
    communication = unit_ensure(hospital=hospital, name=COMMUNICATION_UNIT, kind=Unit.Kind.COMMUNICATION)
    units = {COMMUNICATION_UNIT: communication}
    standings = [(communication, *COMMUNICATION_LEVELS)]
    for name, current, target in DEPARTMENTS:
        units[name] = unit_ensure(hospital=hospital, name=name, kind=Unit.Kind.DEPARTMENT)
        standings.append((units[name], current, target))
    for unit, current, target in standings:
        unit_maturity_set(unit=unit, current_level=levels[current], target_level=levels[target], acting_user=None)

    roles = {role.code: role for role in Role.objects.all()}
    users = {}
    for persona in PERSONAS:
        user = user_ensure(
            username=persona.username,
            first_name=persona.first_name,
            last_name=persona.last_name,
            email=f"{persona.username}@demohospitalet.example",
            password=persona.password,
            is_staff=persona.is_superuser,
            is_superuser=persona.is_superuser,
        )
        users[persona.username] = user
        if persona.unit:
            membership_ensure(user=user, unit=units[persona.unit], role=roles[persona.role])
    _demo_plans(unit=units[PERSONA_DEPARTMENT], users=users)
    # A level-3 department the communication unit has selected to post on its own channels.
    posting_enrolment_grant(unit=units[PERSONA_DEPARTMENT], acting_user=users["lead"])
    _demo_proposals(unit=units[PERSONA_DEPARTMENT], users=users)
    demo_interactions_seed(unit=units[PERSONA_DEPARTMENT], users=users)
    demo_guidelines_seed(hospital=hospital, users=users)
    members = {"community": units[COMMUNICATION_UNIT], "flowmanager": units[PERSONA_DEPARTMENT]}
    demo_follow_group_seed(hospital=hospital, members=members, users=users)
    demo_training_seed(hospital=hospital, users=users)
    demo_metrics_seed(unit=units[PERSONA_DEPARTMENT])
    return hospital


# (title, platform, who drafts, the decisions it goes through: None = stays a draft, [] = submitted, undecided)
DEMO_PLANS = [
    ("Hjerteskolen på Instagram", Platform.INSTAGRAM, "producer", None),
    ("Hjerteforeningens fællesskab på Facebook", Platform.FACEBOOK_PAGE, "flowmanager", []),
    ("Rekruttering af sygeplejersker på LinkedIn", Platform.LINKEDIN, "producer", ["request_changes"]),
    ("Hjerteafdelingen på Facebook", Platform.FACEBOOK_PAGE, "flowmanager", ["approve"]),
    ("Pårørendegruppe for hjertepatienter", Platform.FACEBOOK_GROUP, "producer", ["reject"]),
]


def _demo_plans(*, unit: Unit, users: dict[str, User]) -> None:
    existing = set(ChannelPlan.objects.filter(unit=unit).values_list("title", flat=True))
    for title, platform, author, decisions in DEMO_PLANS:
        if title in existing:
            continue
        plan = plan_create(
            unit=unit,
            acting_user=users[author],
            data={
                "title": title,
                "platform": platform,
                "goals": "Flere patienter og pårørende finder pålidelig viden om livet med hjertesygdom.",
                "success_evaluation": "Antal følgere og delinger af patientforløbsindhold efter seks måneder.",
                "primary_target_group": "Hjertepatienter og deres pårørende i regionen.",
                "secondary_target_groups": "Praktiserende læger og kommunale sundhedscentre.",
                "content": "Korte videoer fra hjerteskolen, svar på typiske spørgsmål, nyheder fra afdelingen.",
                "owner": users["flowmanager"],
                "backup": users["producer"],
                "hours_per_week": 4,
                "sender_name": "Hjertemedicinsk afdeling, Demohospitalet",
                "handle": f"@demohospitalet.{platform}",
                "evaluation_date": timezone.localdate() + timedelta(days=180),
                "justification": "Gruppen er et pilotprojekt aftalt med kommunikationsafdelingen."
                if platform == Platform.FACEBOOK_GROUP
                else "",
            },
        )
        if decisions is None:
            continue
        plan_submit(plan=plan, acting_user=users[author])
        for decision in decisions:
            comment = "" if decision == PlanDecision.Decision.APPROVE else "Uddyb målgruppen og ressourcerne."
            plan_decide(plan=plan, decision=decision, comment=comment, acting_user=users["lead"])


# A 1×1 pixel PNG in the hospital's blue, standing in for a photo.
DEMO_IMAGE = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xe0\xf6\xaf\x01\x00\x01?\x00\xd7w\x96\xa3^\x00\x00\x00\x00IEND\xaeB`\x82"
)

# (title, who proposes, where it ends: draft, submitted, scheduled or published; days from today)
DEMO_PROPOSALS = [
    ("Hjerteugen: åbent hus", "producer", "draft", 12),
    ("Sådan forbereder du dig til en ballonudvidelse", "producer", "submitted", 5),
    ("Mød hjertesygeplejerskerne", "flowmanager", "scheduled", 3),
    ("Ny hjerteskole for pårørende", "flowmanager", "published", -2),
]


def _demo_proposals(*, unit: Unit, users: dict[str, User]) -> None:
    channel = Channel.objects.filter(unit=unit).exclude(status=Channel.Status.CLOSED).first()
    existing = set(ContentProposal.objects.filter(unit=unit).values_list("title", flat=True))
    for title, author, state, days in DEMO_PROPOSALS:
        if title in existing or channel is None:
            continue
        when = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=days)
        proposal = proposal_create(
            unit=unit,
            acting_user=users[author],
            data={
                "title": title,
                "text": "Kort tekst til opslaget, med billede fra afdelingen.",
                "channels": [channel],
                "wished_at": when,
                "strategy": "openness",
                "invites_dialogue": False,
            },
        )
        if state == "draft":
            proposal_attachment_add(
                proposal=proposal,
                upload=SimpleUploadedFile("hjerteugen.png", DEMO_IMAGE, content_type="image/png"),
                acting_user=users[author],
            )
        if state == "submitted":
            proposal_submit(proposal=proposal, acting_user=users[author])
        if state in {"scheduled", "published"}:
            proposal_schedule_directly(proposal=proposal, scheduled_at=when, acting_user=users[author])
        if state == "published":
            proposal_record_publication(
                proposal=proposal,
                published_at=when,
                permalink="https://www.facebook.com/demohospitalet/posts/1",
                acting_user=users["lead"],
            )
