"""The demo hospital's governance: the response guidelines of levels 1–3 approved, a handbook chapter waiting for
the lead's approval, a crisis plan that names the crisis team, and a follow group with a meeting and its ideas."""

from datetime import timedelta

from django.utils import timezone

from governance.follow_group.services import (
    follow_group_idea_status_set,
    follow_group_meeting_record,
    follow_group_member_add,
    follow_group_save,
)
from governance.guidelines.services import (
    guideline_document_create,
    guideline_document_update,
    guideline_version_approve,
)
from governance.models import FollowGroup, GuidelineDocument, GuidelineKind, Hospital, Unit, User

CRISIS_PLAN = """## Hvornår er der krise?
En alvorlig hændelse på hospitalet, mange ens henvendelser på kort tid, trusler, eller stor mediebevågenhed.

## Hvem gør hvad
1. Den vagthavende i kommunikationsafdelingen ringer til kommunikationschefen.
2. Kommunikationschefen starter krisetilstand i systemet: planlagte opslag holdes tilbage.
3. Kun kommunikationsafdelingen udtaler sig på hospitalets profiler.

## Første opslag
- Sig hvad vi ved, og hvornår vi ved mere.
- Henvis til hospitalets hjemmeside for opdateringer.
- Svar ikke på spørgsmål om enkelte patienter.
"""

FEEDBACK_GUIDELINES = """## Tommelfingerregler for dialog
- Svar inden for den frist, dit niveau sætter; sig det, hvis svaret tager længere tid.
- Skriv kort og venligt, og underskriv med dit fornavn og afdeling.
- Slet aldrig kritik; skjul kun indhold, der bryder husreglerne, og gem et skærmbillede.
"""

PERSONAL_DATA = """## Personoplysninger og klager
- Bekræft aldrig offentligt, at nogen er eller har været patient.
- Flyt samtalen til en privat besked, og bed skribenten fjerne helbredsoplysninger fra opslaget.
- Klager over behandling sendes videre til patientkontoret; fortæl skribenten hvordan.
"""

TRIAGE = """## Triagediagram
Brug triagesiden i systemet: den stiller spørgsmålene i den rigtige rækkefølge og ender i den anbefalede handling.
"""

BEFORE_YOU_START = """## Før I starter
Send en kanalplan til kommunikationsafdelingen, før I opretter en konto. Planen beskriver mål, målgrupper,
platform, indhold og ressourcer.
"""

# (kind, title, text, approved)
DOCUMENTS = [
    (GuidelineKind.CRISIS_PLAN, "Kriseplan for sociale medier", CRISIS_PLAN, True),
    (GuidelineKind.FEEDBACK_GUIDELINES, "Retningslinjer for feedback og dialog", FEEDBACK_GUIDELINES, True),
    (GuidelineKind.TRIAGE_DIAGRAM, "Triagediagram for svar", TRIAGE, True),
    (GuidelineKind.PERSONAL_DATA_COMPLAINTS, "Personoplysninger og klager", PERSONAL_DATA, True),
    (GuidelineKind.HANDBOOK_BEFORE_YOU_START, "Før I starter", BEFORE_YOU_START, False),
]


def demo_guidelines_seed(*, hospital: Hospital, users: dict[str, User]) -> None:
    """Written by the community manager, approved by the lead; runs once per hospital."""
    if GuidelineDocument.objects.filter(hospital=hospital).exists():
        return
    for kind, title, text, approved in DOCUMENTS:
        document = guideline_document_create(
            hospital=hospital,
            unit=None,
            kind=kind,
            title=title,
            review_interval_months=12,
            body=text,
            acting_user=users["community"],
        )
        if approved:
            guideline_version_approve(version=document.versions.get(), revision=1, acting_user=users["lead"])
        if kind == GuidelineKind.CRISIS_PLAN:
            guideline_document_update(
                document=document,
                title=title,
                review_interval_months=12,
                named_people=[users["lead"], users["community"]],
                acting_user=users["lead"],
            )


FOLLOW_GROUP_PURPOSE = (
    "Følger hospitalets arbejde med sociale medier og kommer med idéer til, hvordan patienter og pårørende kan "
    "inddrages."
)
FOLLOW_GROUP_IDEAS = [
    "Patienthistorier i hjerteugen",
    "Spørgetime med en hjertelæge på Facebook",
    "Et panel af pårørende, der læser nye opslag igennem",
]


def demo_follow_group_seed(*, hospital: Hospital, members: dict[str, Unit], users: dict[str, User]) -> None:
    """The community manager and the department's flowmanager in the group, and one meeting; runs once."""
    if FollowGroup.objects.filter(hospital=hospital).exists():
        return
    lead, today = users["lead"], timezone.localdate()
    group = follow_group_save(
        hospital=hospital, data={"name": "SoMe-følgegruppe", "purpose": FOLLOW_GROUP_PURPOSE}, acting_user=lead
    )
    for username, unit in members.items():
        follow_group_member_add(
            group=group, user=users[username], unit=unit, joined_on=today - timedelta(days=120), acting_user=lead
        )
    meeting = follow_group_meeting_record(
        group=group,
        held_on=today - timedelta(days=30),
        minutes="Gennemgang af kvartalets opslag. Hjerteugen gav mange kommentarer fra pårørende.",
        ideas=FOLLOW_GROUP_IDEAS,
        acting_user=users["flowmanager"],
    )
    follow_group_idea_status_set(idea=meeting.ideas.order_by("pk").first(), status="adopted", acting_user=lead)
