"""The demo department's inbox: a handful of interactions in every state, one holding health data, and a check."""

from datetime import timedelta

from django.utils import timezone

from channels_plan.models import Channel
from governance.models import Unit, User
from monitoring.models import Interaction
from monitoring.services.inbox import (
    channel_check_record,
    interaction_answer_record,
    interaction_create_manual,
    interactions_assign,
)

# (kind, author, text, minutes ago, holds health data)
DEMO_INTERACTIONS = [
    ("comment", "Jens Hansen", "Hvornår har hjerteambulatoriet åbent i påsken?", 30, False),
    ("review", "Birgit Sørensen", "Tak for en fantastisk behandling på afdeling B3. I er de bedste!", 90, False),
    ("direct_message", "", "Min far er indlagt med hjertesvigt. Må vi besøge ham i aften?", 20, True),
    ("comment", "Per", "Det er en skandale, at ventetiden er så lang.", 200, False),
    ("user_post", "Hjerteforeningen", "Kom til foredrag om livet efter en blodprop", 400, False),
]


def demo_interactions_seed(*, unit: Unit, users: dict[str, User]) -> None:
    """Entered by the department's flowmanager; runs once."""
    channel = Channel.objects.filter(unit=unit).exclude(status=Channel.Status.CLOSED).first()
    if channel is None or Interaction.objects.filter(channel=channel).exists():
        return
    now = timezone.now()
    created = [
        interaction_create_manual(
            hospital=unit.hospital,
            channel=channel,
            acting_user=users["flowmanager"],
            data={
                "kind": kind,
                "author_handle": author,
                "text": text,
                "occurred_at": now - timedelta(minutes=minutes),
                "external_id": f"demo-{number}",
                "has_health_data": health,
            },
        )
        for number, (kind, author, text, minutes, health) in enumerate(DEMO_INTERACTIONS, start=1)
    ]
    interactions_assign(interactions=created[:2], assignee=users["producer"], acting_user=users["flowmanager"])
    interaction_answer_record(interaction=created[1], note="Takket i tråden", acting_user=users["producer"])
    channel_check_record(channel=channel, acting_user=users["flowmanager"])
