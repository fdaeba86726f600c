"""The home dashboard: the user's hospital, its units and where they stand, and what waits for the user."""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from channels_plan.proposals.selectors import proposal_tasks_for_actor
from channels_plan.selectors import channels_to_activate_for_actor, overdue_channel_reviews, plan_tasks_for_actor
from governance.guidelines.selectors import guideline_drafts_to_approve
from governance.models import User
from governance.people.permissions import may_staff_unit
from governance.permissions import Actor, actor_for
from governance.selectors import hospital_list_for_user, membership_list_for_user
from maturity.gaps.managed_units import units_short_of_target_for_actor
from maturity.gaps.review_queue import self_assessment_review_url, self_assessments_to_review
from maturity.selectors import unit_standing_list


def dashboard_for_user(*, user: User) -> dict:
    hospitals = list(hospital_list_for_user(user=user))
    units = unit_standing_list(hospitals=hospitals)
    actor = actor_for(user)
    _attach_level_links(units)
    _attach_people_links(units, actor)
    return {
        "hospitals": [
            {
                "hospital": hospital,
                "units": [unit for unit in units if unit.hospital_id == hospital.pk],
                "staffs_units": any(unit.people_url for unit in units if unit.hospital_id == hospital.pk),
            }
            for hospital in hospitals
        ],
        "memberships": membership_list_for_user(user=user),
        "waiting": waiting_for_user(user=user, actor=actor),
    }


def _attach_people_links(units: list, actor: Actor) -> None:
    """The people page of each unit the person staffs (its manager, the communication unit, administrators)."""
    for unit in units:
        unit.people_url = reverse("unit_people", args=[unit.pk]) if may_staff_unit(actor, unit) else ""


def _attach_level_links(units: list) -> None:
    """Each unit's current and target level as (label, url), built once per level rather than once per row."""
    links: dict[int, tuple[str, str]] = {}

    def link(level) -> tuple[str, str]:
        if level.pk not in links:
            links[level.pk] = (str(level), reverse("maturity:level", args=[level.number]))
        return links[level.pk]

    for unit in units:
        standing = getattr(unit, "maturity", None)
        unit.current_link = link(standing.current_level) if standing else None
        unit.target_link = link(standing.target_level) if standing else None


WAITING_LIMIT = 10


def waiting_for_user(*, user: User, actor: Actor | None = None) -> list[dict]:
    """Each feature's queue for this person as links, the oldest first; each later feature adds its own."""
    actor = actor or actor_for(user)
    labels = {
        "to_review": _("Review the channel plan: %(title)s (%(unit)s)"),
        "to_revise": _("Revise the channel plan: %(title)s (%(unit)s)"),
        "to_evaluate": _("Record the result of the channel plan: %(title)s (%(unit)s)"),
        "to_confirm": _("Confirm the evaluation of the channel plan: %(title)s (%(unit)s)"),
    }
    more = {
        "to_review": (_("All plans waiting for review"), "?status=submitted"),
        "to_revise": (_("All plans waiting for changes"), "?status=changes_requested"),
        "to_evaluate": (_("All approved plans"), "?status=approved"),
        "to_confirm": (_("All approved plans"), "?status=approved"),
    }
    plan_list = reverse("channels_plan:plan_list")
    waiting = []
    for kind, plans in plan_tasks_for_actor(actor=actor, limit=WAITING_LIMIT).items():
        waiting += [
            {
                "url": reverse("channels_plan:plan_detail", args=[plan.pk]),
                "label": labels[kind] % {"title": plan.title, "unit": plan.unit.name},
            }
            for plan in plans[:WAITING_LIMIT]
        ]
        if len(plans) > WAITING_LIMIT:
            label, query = more[kind]
            waiting.append({"url": plan_list + query, "label": label})
    proposal_labels = {
        "to_review": (_("Review the content proposal: %(title)s (%(unit)s)"), "?status=submitted"),
        "to_revise": (_("Revise the content proposal: %(title)s (%(unit)s)"), "?status=changes_requested"),
    }
    proposal_list = reverse("channels_plan:proposal_list")
    for kind, proposals in proposal_tasks_for_actor(actor=actor, limit=WAITING_LIMIT).items():
        label, query = proposal_labels[kind]
        waiting += [
            {
                "url": reverse("channels_plan:proposal_detail", args=[proposal.pk]),
                "label": label % {"title": proposal.title, "unit": proposal.unit.name},
            }
            for proposal in proposals[:WAITING_LIMIT]
        ]
        if len(proposals) > WAITING_LIMIT:
            waiting.append({"url": proposal_list + query, "label": _("All content proposals")})
    waiting += [
        {
            "url": reverse("channels_plan:channel_detail", args=[channel.pk]),
            "label": _("Yearly review overdue: %(channel)s (%(unit)s)")
            % {"channel": channel, "unit": channel.unit.name},
        }
        for channel in overdue_channel_reviews(actor=actor, limit=WAITING_LIMIT)
    ]
    waiting += [
        {
            "url": reverse("channels_plan:channel_detail", args=[channel.pk]) + "#activate-channel",
            "label": _("Set the channel active once its account exists: %(channel)s (%(unit)s)")
            % {"channel": channel, "unit": channel.unit.name},
        }
        for channel in channels_to_activate_for_actor(actor=actor, limit=WAITING_LIMIT)
    ]
    drafts = guideline_drafts_to_approve(actor=actor, limit=WAITING_LIMIT)
    waiting += [
        {
            "url": reverse("guidelines:version", args=[draft.document_id, draft.pk]),
            "label": _("Approve the guideline: %(title)s, version %(number)s")
            % {"title": draft.document.title, "number": draft.number},
        }
        for draft in drafts[:WAITING_LIMIT]
    ]
    if len(drafts) > WAITING_LIMIT:
        waiting.append({"url": reverse("guidelines:library"), "label": _("All guidelines")})
    assessments = self_assessments_to_review(actor=actor, limit=WAITING_LIMIT)
    waiting += [
        {
            "url": self_assessment_review_url(assessment),
            "label": _("Review the self-assessment: %(unit)s, level %(level)s – %(requirement)s")
            % {
                "unit": assessment.unit.name,
                "level": assessment.requirement.cell.level.number,
                "requirement": Truncator(assessment.requirement.text).chars(80),
            },
        }
        for assessment in assessments[:WAITING_LIMIT]
    ]
    if len(assessments) > WAITING_LIMIT:
        waiting.append({"url": reverse("gaps:hospital"), "label": _("All units' gap reports")})
    for report in units_short_of_target_for_actor(actor=actor):
        waiting.append(
            {
                "url": reverse("gaps:unit", args=[report.unit.pk]),
                "label": ngettext(
                    "%(unit)s is assessed at level %(assessed)s; %(count)s line blocks level %(next)s",
                    "%(unit)s is assessed at level %(assessed)s; %(count)s lines block level %(next)s",
                    len(report.blocked_by),
                )
                % {
                    "unit": report.unit.name,
                    "assessed": report.assessed_level,
                    "count": len(report.blocked_by),
                    "next": report.next_level,
                },
            }
        )
    return waiting
