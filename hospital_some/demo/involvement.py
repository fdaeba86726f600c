"""Demo data for the top of the scale: a level-4 department running a user-involvement activity, and a level-5
department with an approved patient and relatives network and two facilitators. Running it again changes nothing.

Kept out of ``demo_seed`` itself: it adds channels and interactions, and many tests count on the persona
department's single channel. ``seed_demo`` calls it after ``demo_seed``.
"""

from datetime import timedelta

from django.utils import timezone

from channels_plan.models import Channel, ChannelPlan, Platform
from channels_plan.services import (
    plan_create,
    plan_decide,
    plan_submit,
    posting_enrolment_grant,
    proposal_record_publication,
    proposal_schedule_directly,
)
from governance.guidelines.services import guideline_document_create
from governance.models import Hospital, Role, Unit, User
from governance.services import membership_ensure, unit_ensure, user_ensure
from involvement.activities.services import (
    activity_advance,
    activity_create,
    activity_proposal_create,
    activity_topic_add,
)
from involvement.inputs.services import involvement_input_code
from involvement.models import InvolvementActivity, PatientNetwork
from involvement.networks.services import network_plan_terms_save
from maturity.models import Level
from maturity.services import unit_maturity_set
from monitoring.models import Interaction
from monitoring.services.inbox import interaction_create_manual

INVOLVEMENT_DEPARTMENT = "Kræftafdelingen"  # level 4 in demo_seed
NETWORK_DEPARTMENT = "Neurologisk afdeling"
ACTIVITY_TITLE = "Brugerråd for kræftpatienter"
NETWORK_PLAN_TITLE = "Netværk for pårørende til apopleksipatienter"

# (username, first name, last name, department, role)
PEOPLE = [
    ("kraeft-flow", "Karin", "Friis", INVOLVEMENT_DEPARTMENT, "flowmanager"),
    ("kraeft-producer", "Kasper", "Poulsen", INVOLVEMENT_DEPARTMENT, "producer"),
    ("neuro-flow", "Nina", "Falk", NETWORK_DEPARTMENT, "flowmanager"),
    ("neuro-producer", "Niels", "Prahl", NETWORK_DEPARTMENT, "producer"),
    ("neuro-nurse", "Nadia", "Skov", NETWORK_DEPARTMENT, "producer"),
]
INPUT = [
    ("Jeg vil gerne være med, tak for initiativet", "Rekruttering"),
    ("Ventetiden på svar var alt for lang og dårlig", "Ventetid"),
    ("Hvornår er møderne?", None),
]


def _person(username: str, first: str, last: str) -> User:
    return user_ensure(
        username=username,
        first_name=first,
        last_name=last,
        email=f"{username}@demohospitalet.example",
        password=f"demo-{username}-2026",
    )


def _approved_plan(*, unit: Unit, title: str, platform: str, owner: User, backup: User, lead: User, terms=None):
    plan = ChannelPlan.objects.filter(unit=unit, title=title).first()
    if plan is not None:
        return plan
    plan = plan_create(
        unit=unit,
        acting_user=owner,
        data={
            "title": title,
            "platform": platform,
            "goals": "Patienter og pårørende bliver hørt og hjælper hinanden.",
            "success_evaluation": "Aktivitet og medlemmernes vurdering efter et år.",
            "primary_target_group": "Patienter og pårørende",
            "content": "Spørgsmål, svar og invitationer fra afdelingen.",
            "owner": owner,
            "backup": backup,
            "hours_per_week": 3,
            "sender_name": title,
            "handle": f"@demohospitalet.{unit.pk}.{platform}",
            "evaluation_date": timezone.localdate() + timedelta(days=365),
        },
    )
    if terms:
        network_plan_terms_save(plan=plan, acting_user=owner, **terms)
    plan_submit(plan=plan, acting_user=owner)
    plan_decide(plan=plan, decision="approve", comment="", acting_user=lead)
    return plan


def demo_involvement_seed(*, hospital: Hospital) -> None:
    lead = User.objects.get(username="lead")
    roles = {role.code: role for role in Role.objects.all()}
    network_unit = unit_ensure(hospital=hospital, name=NETWORK_DEPARTMENT, kind=Unit.Kind.DEPARTMENT)
    level_5 = Level.objects.get(number=5)
    unit_maturity_set(unit=network_unit, current_level=level_5, target_level=level_5, acting_user=None)
    units = {INVOLVEMENT_DEPARTMENT: Unit.objects.get(hospital=hospital, name=INVOLVEMENT_DEPARTMENT)}
    units[NETWORK_DEPARTMENT] = network_unit
    people = {}
    for username, first, last, unit_name, role in PEOPLE:
        people[username] = _person(username, first, last)
        membership_ensure(user=people[username], unit=units[unit_name], role=roles[role])
    _involvement(unit=units[INVOLVEMENT_DEPARTMENT], people=people, lead=lead)
    _network(unit=network_unit, people=people, lead=lead)


def _involvement(*, unit: Unit, people: dict[str, User], lead: User) -> None:
    if InvolvementActivity.objects.filter(unit=unit, title=ACTIVITY_TITLE).exists():
        return
    flow, producer = people["kraeft-flow"], people["kraeft-producer"]
    posting_enrolment_grant(unit=unit, acting_user=lead)
    plan = _approved_plan(
        unit=unit,
        title="Kræftafdelingen på Facebook",
        platform=Platform.FACEBOOK_PAGE,
        owner=flow,
        backup=producer,
        lead=lead,
    )
    channel = Channel.objects.get(plan=plan)
    activity = activity_create(
        unit=unit,
        acting_user=flow,
        data={
            "title": ACTIVITY_TITLE,
            "kind": InvolvementActivity.Kind.USER_COUNCIL,
            "purpose": "Patienter og pårørende skal være med til at forbedre forløbene.",
            "question": "Vil du være med i afdelingens brugerråd?",
            "study_or_council": "Brugerrådet i Kræftafdelingen",
            "contact_person": "Karin Friis, flowmanager",
            "signup": "https://demohospitalet.example/brugerraad",
        },
    )
    for label in ("Rekruttering", "Ventetid"):
        activity_topic_add(activity=activity, label=label, acting_user=flow)
    when = timezone.now() - timedelta(days=2)
    proposal = activity_proposal_create(
        activity=activity,
        acting_user=producer,
        data={
            "title": "Bliv en del af brugerrådet",
            "text": "Vi søger patienter og pårørende.",
            "channels": [channel],
            "wished_at": when,
            "invites_dialogue": True,
        },
    )
    proposal_schedule_directly(proposal=proposal, scheduled_at=when, acting_user=flow)
    proposal_record_publication(
        proposal=proposal,
        published_at=when,
        permalink="https://www.facebook.com/demohospitalet/posts/99",
        acting_user=flow,
    )
    activity_advance(activity=activity, expected_status=activity.status, acting_user=flow)
    topics = {topic.label: topic for topic in activity.topics.all()}
    for number, (text, topic) in enumerate(INPUT, start=1):
        interaction = interaction_create_manual(
            hospital=unit.hospital,
            channel=channel,
            acting_user=flow,
            data={
                "kind": Interaction.Kind.COMMENT,
                "text": text,
                "occurred_at": timezone.now(),
                "external_id": f"demo-involvement-{number}",
                "author_handle": f"Borger {number}",
            },
        )
        involvement_input_code(activity=activity, interaction=interaction, topic=topics.get(topic), acting_user=flow)


def _network(*, unit: Unit, people: dict[str, User], lead: User) -> None:
    if PatientNetwork.objects.filter(unit=unit).exists():
        return
    flow, producer, nurse = people["neuro-flow"], people["neuro-producer"], people["neuro-nurse"]
    guideline = guideline_document_create(
        hospital=unit.hospital,
        unit=unit,
        kind="department_network_guidelines",
        title="Svarretningslinje for Neurologisk afdelings netværk",
        review_interval_months=12,
        body="Facilitatorerne svarer inden for en arbejdsdag og giver aldrig individuel rådgivning i gruppen.",
        acting_user=lead,
    )
    _approved_plan(
        unit=unit,
        title=NETWORK_PLAN_TITLE,
        platform=Platform.FACEBOOK_GROUP,
        owner=flow,
        backup=producer,
        lead=lead,
        terms={
            "treatment_offer": "Apopleksiforløbet og genoptræningen efter udskrivelse.",
            "membership_rules": "Pårørende til patienter i forløbet; facilitatorerne godkender anmodninger.",
            "facilitators": [producer, nurse],
            "guidelines": [guideline],
        },
    )
