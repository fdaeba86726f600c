"""The inbox's writes: entering interactions (by hand, from a CSV file), assigning, answering, closing and triaging
them, recording a check of a channel, and logging who read an interaction holding health data.

Each is one transaction, checks the acting person's rights (PermissionDenied), locks the row it changes and refuses a
change the current state does not allow (InboxError, with a message for the person). Interactions are saved one by
one through ``save_as`` so that each change has its history row. The text of an interaction is never logged and
never passed to a Celery task.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from channels_plan.models import Channel
from governance.audit import save_as
from governance.models import Hospital, TriageAction, User
from governance.permissions import Actor, actor_for
from monitoring.csv_import import (
    CHANNEL,
    FILE,
    MAX_BYTES,
    CsvError,
    CsvRow,
    csv_decode,
    csv_file_too_large,
    csv_rows_read,
)
from monitoring.models import ChannelCheck, Interaction, InteractionAccess
from monitoring.permissions import (
    DEPARTMENT_DUTY_ROLES,
    can_check_channel_of,
    can_see_interaction,
    can_work_interaction,
)
from monitoring.services.intake import IncomingInteraction, interactions_intake

CHECK_ONCE_WITHIN = timedelta(minutes=1)  # a double click on "Checked now" records one check
MAX_BULK = 500  # interactions assigned in one go
NOTE_MAX_LENGTH = 100  # the note goes into the history row's change reason
DERIVED_ID_PREFIX = "auto-"


class InboxError(Exception):
    """A change the interaction's or channel's state does not allow; the message is for the person."""


class InteractionAlreadyExists(InboxError):
    """The interaction entered is in the inbox already (the same platform id, or the same item typed twice)."""

    def __init__(self, interaction: Interaction):
        super().__init__(_("This interaction is already in the inbox."))
        self.interaction = interaction


@dataclass
class CsvImportResult:
    created: int = 0
    skipped: int = 0  # in the inbox already: the same platform id (or the same row) on the same channel
    errors: list[CsvError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def interaction_derived_id(*, kind: str, author_handle: str, occurred_at, text: str) -> str:
    """A stable id for an item without the platform's: entering or importing the same item again finds it.

    Keyed with the site's secret, so the id tells nothing about the text it is made from.
    """
    value = "\x1f".join([kind, author_handle.strip(), occurred_at.isoformat(), text])
    return DERIVED_ID_PREFIX + salted_hmac("monitoring.inbox.derived_id", value, algorithm="sha256").hexdigest()[:40]


def entry_permitted(actor: Actor, *, hospital: Hospital, channel: Channel | None) -> bool:
    """Who enters interactions: those who would work them. A mention outside our channels: the communication unit."""
    if channel is None:
        return hospital.pk in actor.communication_units
    if channel.unit.hospital_id != hospital.pk:
        return False
    return can_work_interaction(actor, Interaction(hospital_id=hospital.pk, unit_id=channel.unit_id))


def _locked(interaction: Interaction) -> Interaction:
    return Interaction.objects.select_for_update().get(pk=interaction.pk)


def _worked_by(interaction: Interaction, acting_user: User) -> Interaction:
    """The interaction's row, locked, once the acting person is known to work it."""
    locked = _locked(interaction)
    if not can_work_interaction(actor_for(acting_user), locked):
        raise PermissionDenied
    return locked


def _closed_message(interaction: Interaction) -> str:
    if interaction.status == Interaction.Status.ANSWERED:
        answered_by = User.objects.filter(pk=interaction.answered_by_id).first()
        when = date_format(timezone.localtime(interaction.answered_at), "SHORT_DATETIME_FORMAT")
        if answered_by is not None and interaction.answered_at is not None:
            return _("This interaction was already answered by %(person)s (%(when)s).") % {
                "person": answered_by,
                "when": when,
            }
        return _("This interaction was already answered.")
    return _("This interaction is already closed: no answer needed.")


@transaction.atomic
def interaction_create_manual(
    *, hospital: Hospital, channel: Channel | None, data: dict, acting_user: User
) -> Interaction:
    """One interaction typed in by someone on duty. ``data``: kind, text, occurred_at and optionally author_handle,
    url, external_id (the platform's id) and has_health_data. Entering the same item twice keeps one
    (InteractionAlreadyExists names it)."""
    if channel is not None:
        channel = Channel.objects.select_related("unit").get(pk=channel.pk)
    if not entry_permitted(actor_for(acting_user), hospital=hospital, channel=channel):
        raise PermissionDenied
    author_handle = (data.get("author_handle") or "").strip()
    external_id = (data.get("external_id") or "").strip() or interaction_derived_id(
        kind=data["kind"], author_handle=author_handle, occurred_at=data["occurred_at"], text=data["text"]
    )
    item = IncomingInteraction(
        kind=data["kind"],
        text=data["text"],
        occurred_at=data["occurred_at"],
        author_handle=author_handle,
        url=(data.get("url") or "").strip(),
        external_id=external_id,
        has_health_data=bool(data.get("has_health_data")),
    )
    if channel is None:  # intake keeps an item once per channel or feed; a mention elsewhere is looked up here
        existing = Interaction.objects.filter(hospital=hospital, channel=None, feed=None, external_id=external_id)
        if existing.exists():
            raise InteractionAlreadyExists(existing.first())
    result = interactions_intake(
        hospital=hospital, items=[item], source=Interaction.Source.MANUAL, channel=channel, acting_user=acting_user
    )
    if not result.created:
        raise InteractionAlreadyExists(Interaction.objects.get(channel=channel, external_id=external_id))
    return result.created[0]


def _channel_key(value: str) -> str:
    return value.strip().lower().lstrip("@")


def _resolve_channels(
    rows: list[CsvRow], *, hospital: Hospital, actor: Actor
) -> tuple[dict[int, Channel], list[CsvError]]:
    """Each row's channel, by id or handle among the hospital's channels (one query)."""
    channels = list(Channel.objects.filter(unit__hospital=hospital).select_related("unit"))
    by_id = {str(channel.pk): channel for channel in channels}
    by_handle: dict[str, list[Channel]] = {}
    for channel in channels:
        by_handle.setdefault(_channel_key(channel.handle), []).append(channel)
    resolved: dict[int, Channel] = {}
    errors = []
    for row in rows:
        matches = [by_id[row.channel]] if row.channel in by_id else by_handle.get(_channel_key(row.channel), [])
        if not matches:
            errors.append(CsvError(row.row, CHANNEL, _("No channel of the hospital has this id or handle.")))
        elif len(matches) > 1:
            errors.append(CsvError(row.row, CHANNEL, _("Several channels have this handle: use the channel's id.")))
        elif not entry_permitted(actor, hospital=hospital, channel=matches[0]):
            errors.append(CsvError(row.row, CHANNEL, _("You may not enter interactions on this channel.")))
        else:
            resolved[row.row] = matches[0]
    return resolved, errors


def _read_upload(file) -> bytes | None:
    """The uploaded file's bytes; None when it is larger than the import takes (it is then not read whole)."""
    size = getattr(file, "size", None)
    if size is not None and size > MAX_BYTES:
        return None
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(MAX_BYTES + 1)
    return data if len(data) <= MAX_BYTES else None


@transaction.atomic
def interactions_import_csv(*, hospital: Hospital, file, acting_user: User) -> CsvImportResult:
    """Every row of the file, or none: every row is validated first, and any error (its row, column and message)
    is returned with nothing stored. Then one intake per channel, all in this transaction. Rows seen before
    (the same platform id, or for rows without one the same kind, author, time and text) are skipped, so
    importing the same file twice stores nothing new."""
    actor = actor_for(acting_user)
    if not (
        hospital.pk in actor.communication_units
        or any(roles & DEPARTMENT_DUTY_ROLES for roles in actor.unit_roles.values())
    ):
        raise PermissionDenied
    data = _read_upload(file)
    if data is None:
        return CsvImportResult(errors=[csv_file_too_large()])
    text, errors = csv_decode(data)
    if errors:
        return CsvImportResult(errors=errors)
    rows, errors = csv_rows_read(text)
    if errors:
        return CsvImportResult(errors=errors)
    channels, errors = _resolve_channels(rows, hospital=hospital, actor=actor)
    if errors:
        return CsvImportResult(errors=errors)
    items_by_channel: dict[int, list[IncomingInteraction]] = {}
    for row in rows:
        external_id = row.external_id or interaction_derived_id(
            kind=row.kind, author_handle=row.author_handle, occurred_at=row.occurred_at, text=row.text
        )
        items_by_channel.setdefault(channels[row.row].pk, []).append(
            IncomingInteraction(
                kind=row.kind,
                text=row.text,
                occurred_at=row.occurred_at,
                author_handle=row.author_handle,
                url=row.url,
                external_id=external_id,
                has_health_data=row.has_health_data,
            )
        )
    by_pk = {channel.pk: channel for channel in channels.values()}
    result = CsvImportResult()
    try:
        with transaction.atomic():
            for channel_id, items in items_by_channel.items():
                intake = interactions_intake(
                    hospital=hospital,
                    items=items,
                    source=Interaction.Source.CSV,
                    channel=by_pk[channel_id],
                    acting_user=acting_user,
                )
                result.created += len(intake.created)
                result.skipped += intake.skipped
    except ValidationError:
        # The rows were checked above; a value the model still refuses stores nothing and is reported, not logged.
        message = _("A row holds a value that cannot be stored. Nothing was imported.")
        return CsvImportResult(errors=[CsvError(0, FILE, message)])
    return result


@transaction.atomic
def interactions_assign(*, interactions, assignee: User | None, acting_user: User) -> list[Interaction]:
    """Give each interaction to ``assignee`` (None: to nobody). All or none: the acting person must work each, and
    the assignee must be able to work each."""
    ids = sorted({interaction.pk for interaction in interactions})
    if not ids:
        raise InboxError(_("Choose at least one interaction."))
    if len(ids) > MAX_BULK:
        raise InboxError(_("Assign at most %(max)d interactions at a time.") % {"max": MAX_BULK})
    locked = list(Interaction.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    actor = actor_for(acting_user)
    if len(locked) != len(ids) or not all(can_work_interaction(actor, interaction) for interaction in locked):
        raise PermissionDenied
    if assignee is not None:
        if not assignee.is_active:
            raise InboxError(_("%(person)s no longer has access.") % {"person": assignee})
        assignee_actor = actor_for(assignee)
        refused = [interaction for interaction in locked if not can_work_interaction(assignee_actor, interaction)]
        if refused:
            raise InboxError(
                _("%(person)s may not work on %(count)d of the chosen interactions. Nothing was assigned.")
                % {"person": assignee, "count": len(refused)}
            )
    wanted = assignee.pk if assignee is not None else None
    for interaction in locked:
        if interaction.assignee_id != wanted:
            interaction.assignee = assignee
            save_as(interaction, acting_user)
    return locked


@transaction.atomic
def interaction_answer_record(*, interaction: Interaction, acting_user: User, note: str = "") -> Interaction:
    """Record that the interaction is answered. The row is locked: of two people answering at the same moment,
    one records it and the other is told it was already answered."""
    interaction = _worked_by(interaction, acting_user)
    if not interaction.is_open:
        raise InboxError(_closed_message(interaction))
    interaction.status = Interaction.Status.ANSWERED
    interaction.answered_at = timezone.now()
    interaction.answered_by = acting_user
    note = " ".join(note.split())[:NOTE_MAX_LENGTH]
    if note:
        interaction._change_reason = note
    return save_as(interaction, acting_user)


STATUS_TARGETS = (Interaction.Status.NEW, Interaction.Status.IN_PROGRESS, Interaction.Status.NO_ANSWER_NEEDED)


@transaction.atomic
def interaction_status_set(*, interaction: Interaction, status: str, acting_user: User) -> Interaction:
    """In progress, no answer needed, or back to new (reopen). Answering has its own service, which records who.

    Closing needs an open interaction (of two people closing at once, the second is told); in progress or new
    reopens a closed one, clearing who answered."""
    if status not in STATUS_TARGETS:
        raise InboxError(_("Unknown status."))
    interaction = _worked_by(interaction, acting_user)
    if interaction.status == status:
        raise InboxError(_("The interaction is already “%(status)s”.") % {"status": interaction.get_status_display()})
    if status == Interaction.Status.NO_ANSWER_NEEDED and not interaction.is_open:
        raise InboxError(_closed_message(interaction))
    interaction.status = status
    if status in Interaction.OPEN_STATUSES:
        interaction.answered_at = None
        interaction.answered_by = None
    return save_as(interaction, acting_user)


@transaction.atomic
def interaction_triage_set(*, interaction: Interaction, action: str, acting_user: User) -> Interaction:
    """Record the outcome of the triage diagram for the interaction."""
    if action not in TriageAction.values:
        raise InboxError(_("Unknown triage outcome."))
    interaction = _worked_by(interaction, acting_user)
    if interaction.triage_action != action:
        interaction.triage_action = action
        save_as(interaction, acting_user)
    return interaction


@transaction.atomic
def channel_check_record(*, channel: Channel, acting_user: User) -> ChannelCheck:
    """Someone on duty looked at the channel now. At most one check per person and channel within a minute: a
    double click, or two tabs, record one (the channel's row is locked while deciding)."""
    channel = Channel.objects.select_for_update(of=("self",)).select_related("unit").get(pk=channel.pk)
    if not can_check_channel_of(actor_for(acting_user), hospital_id=channel.unit.hospital_id, unit=channel.unit):
        raise PermissionDenied
    if channel.status == Channel.Status.CLOSED:
        raise InboxError(_("The channel is closed: there is nothing to check."))
    now = timezone.now()
    recent = (
        ChannelCheck.objects.filter(channel=channel, checked_by=acting_user, checked_at__gt=now - CHECK_ONCE_WITHIN)
        .order_by("-checked_at")
        .first()
    )
    if recent is not None:
        return recent
    return ChannelCheck.objects.create(channel=channel, checked_by=acting_user, checked_at=now)


@transaction.atomic
def interaction_read_logged(*, interaction: Interaction, user: User) -> InteractionAccess | None:
    """Log that ``user`` read an interaction holding personal or health data (nothing for the others)."""
    if not can_see_interaction(actor_for(user), interaction):
        raise PermissionDenied
    if not interaction.has_health_data:
        return None
    return InteractionAccess.objects.create(interaction=interaction, user=user)
