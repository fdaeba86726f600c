"""Every write to user-involvement activities: locked, checked, audited, one transaction each."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from channels_plan.exceptions import PlanError, PlanIncomplete
from channels_plan.models import ContentProposal, ContentStrategy
from channels_plan.services import proposal_create
from governance.audit import save_as
from governance.models import Unit, User
from governance.permissions import actor_for
from involvement.activities.permissions import can_run_activity, can_start_activity_for
from involvement.activities.selectors import unit_standing
from involvement.models import InvolvementActivity, InvolvementReport, InvolvementTopic

ACTIVITY_FIELDS = ("title", "kind", "purpose", "question", "study_or_council", "contact_person", "signup")
MAX_TOPICS = 12


def _check_recruitment(activity: InvolvementActivity) -> None:
    if activity.is_recruitment:
        missing = {
            field: _("A recruitment call names “%(field)s”.")
            % {"field": InvolvementActivity._meta.get_field(field).verbose_name}
            for field in ("study_or_council", "contact_person", "signup")
            if not getattr(activity, field).strip()
        }
        if missing:
            raise PlanIncomplete(missing)


def _locked(activity: InvolvementActivity) -> InvolvementActivity:
    return InvolvementActivity.objects.select_for_update().select_related("unit").get(pk=activity.pk)


def _check_runs(activity: InvolvementActivity, acting_user: User) -> None:
    if not can_run_activity(actor_for(acting_user), activity):
        raise PlanError(_("You may not run this involvement activity."))


@transaction.atomic
def activity_create(*, unit: Unit, data: dict, acting_user: User) -> InvolvementActivity:
    if not can_start_activity_for(actor_for(acting_user), unit, unit_standing(unit)):
        raise PlanError(
            _("User involvement is run by the communication unit, or by an enrolled department from level 4.")
        )
    activity = InvolvementActivity(unit=unit, created_by=acting_user)
    for field in ACTIVITY_FIELDS:
        setattr(activity, field, data.get(field, ""))
    _check_recruitment(activity)
    return save_as(activity, acting_user)


@transaction.atomic
def activity_update(*, activity: InvolvementActivity, data: dict, acting_user: User) -> InvolvementActivity:
    activity = _locked(activity)
    _check_runs(activity, acting_user)
    if not activity.is_editable:
        raise PlanError(_("The activity is being reported on or closed: it can no longer be changed."))
    for field in ACTIVITY_FIELDS:
        setattr(activity, field, data.get(field, ""))
    _check_recruitment(activity)
    return save_as(activity, acting_user)


@transaction.atomic
def activity_advance(*, activity: InvolvementActivity, expected_status: str, acting_user: User, now=None):
    """Move to the next status (planned → running → reporting → closed); closing needs the decided report.

    ``expected_status`` is the status the person saw: a second click after someone else moved it is refused.
    """
    activity = _locked(activity)
    _check_runs(activity, acting_user)
    if activity.status != expected_status or activity.status not in InvolvementActivity.NEXT_STATUS:
        raise PlanError(_("The activity is already %(status)s.") % {"status": activity.get_status_display()})
    following = InvolvementActivity.NEXT_STATUS[activity.status]
    now = now or timezone.now()
    if following == InvolvementActivity.Status.RUNNING:
        if not activity.proposals.exists():
            raise PlanError(_("Plan at least one content proposal for the activity before it runs."))
        activity.started_at = now
    if following == InvolvementActivity.Status.CLOSED:
        if not InvolvementReport.objects.filter(activity=activity).exists():
            raise PlanError(_("Record the report and its decision before the activity is closed."))
        activity.closed_at = now
    activity.status = following
    return save_as(activity, acting_user)


@transaction.atomic
def activity_topic_add(*, activity: InvolvementActivity, label: str, acting_user: User) -> InvolvementTopic:
    activity = _locked(activity)
    _check_runs(activity, acting_user)
    label = " ".join(label.split())
    if not label:
        raise PlanIncomplete({"label": _("Name the topic.")})
    if len(label) > InvolvementTopic._meta.get_field("label").max_length or "\x00" in label:
        raise PlanIncomplete({"label": _("Name the topic in a few plain words.")})
    if activity.status == InvolvementActivity.Status.CLOSED:
        raise PlanError(_("The activity is closed."))
    topics = set(activity.topics.values_list("label", flat=True))
    if label.casefold() in {topic.casefold() for topic in topics}:
        raise PlanIncomplete({"label": _("The activity already has this topic.")})
    if len(topics) >= MAX_TOPICS:
        raise PlanIncomplete({"label": _("Keep to at most %(count)d topics.") % {"count": MAX_TOPICS}})
    return save_as(InvolvementTopic(activity=activity, label=label), acting_user)


@transaction.atomic
def activity_topic_summarise(*, topic: InvolvementTopic, summary: str, acting_user: User) -> InvolvementTopic:
    """The coder's own words for what the topic's input said: never the comments themselves."""
    activity = _locked(topic.activity)
    _check_runs(activity, acting_user)
    if activity.status == InvolvementActivity.Status.CLOSED:
        raise PlanError(_("The activity is closed."))
    topic = InvolvementTopic.objects.select_for_update().get(pk=topic.pk, activity=activity)
    topic.summary = summary.strip()
    return save_as(topic, acting_user)


@transaction.atomic
def activity_proposal_create(*, activity: InvolvementActivity, data: dict, acting_user: User) -> ContentProposal:
    """A content proposal written for the activity: tagged "user involvement" and linked to it."""
    activity = _locked(activity)
    _check_runs(activity, acting_user)
    if not activity.is_editable:
        raise PlanError(_("The activity is being reported on or closed: plan no more posts for it."))
    proposal = proposal_create(
        unit=activity.unit, data={**data, "strategy": ContentStrategy.INVOLVEMENT}, acting_user=acting_user
    )
    activity.proposals.add(proposal)
    return proposal


@transaction.atomic
def activity_report_record(
    *, activity: InvolvementActivity, learnt: str, actions: str, decided_by: str, decided_on, acting_user: User
) -> InvolvementReport:
    """The report: what was learnt, what the organisation does with it, and who decided that and when."""
    activity = _locked(activity)
    _check_runs(activity, acting_user)
    if activity.status != InvolvementActivity.Status.REPORTING:
        raise PlanError(_("The report is written while the activity is in reporting."))
    errors = {
        field: _("Fill this in.")
        for field, value in {"learnt": learnt, "actions": actions, "decided_by": decided_by}.items()
        if not value.strip()
    }
    if decided_on is None:
        errors["decided_on"] = _("When was it decided?")
    elif decided_on > timezone.localdate():
        errors["decided_on"] = _("A decision cannot lie in the future.")
    if errors:
        raise PlanIncomplete(errors)
    report = InvolvementReport.objects.select_for_update().filter(activity=activity).first()
    report = report or InvolvementReport(activity=activity)
    report.learnt, report.actions = learnt.strip(), actions.strip()
    report.decided_by, report.decided_on = decided_by.strip(), decided_on
    report.recorded_by = acting_user
    return save_as(report, acting_user)
