"""Reading patient networks: those a person sees, one with its facilitators' course standing, reviews and the
yearly review's due date, and the choices of a plan's network terms. A fixed number of queries each."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from governance.models import GuidelineDocument, User
from governance.permissions import Actor
from involvement.models import PatientNetwork
from involvement.networks.permissions import visible_networks_filter
from training.models import Completion

FACILITATOR_COURSE = "patient_networks"  # "Steering and facilitating patient networks"


@dataclass(frozen=True)
class Facilitator:
    user: User
    holds_course: bool


def network_list_for_actor(*, actor: Actor) -> QuerySet[PatientNetwork]:
    return (
        PatientNetwork.objects.filter(visible_networks_filter(actor))
        .select_related("unit", "channel")
        .order_by("unit__name", "channel__sender_name")
    )


def network_get_for_actor(*, actor: Actor, network_id: int) -> PatientNetwork:
    network = (
        network_list_for_actor(actor=actor)
        .select_related("unit__hospital", "channel__plan")
        .prefetch_related("guidelines", "reviews__reviewed_by")
        .filter(pk=network_id)
        .first()
    )
    if network is None:
        raise Http404
    return network


def network_facilitators(network: PatientNetwork, *, today: datetime.date | None = None) -> list[Facilitator]:
    """Each facilitator, and whether they hold a current completion of the facilitators' course: two queries."""
    today = today or timezone.localdate()
    people = list(network.facilitators.order_by("last_name", "first_name"))
    holders = set(
        Completion.objects.filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=today),
            user__in=people,
            course__code=FACILITATOR_COURSE,
        ).values_list("user_id", flat=True)
    )
    return [Facilitator(user=user, holds_course=user.pk in holders) for user in people]


def network_review_due(network: PatientNetwork) -> datetime.date:
    """From the prefetched reviews (newest first)."""
    reviews = list(network.reviews.all())
    return network.review_due(reviews[0].reviewed_on if reviews else None)


def network_terms_choices(plan) -> tuple[QuerySet[User], QuerySet[GuidelineDocument]]:
    """The people of the plan's department, and its own guideline documents."""
    people = User.objects.filter(memberships__unit_id=plan.unit_id, is_active=True).distinct().order_by("last_name")
    return people, GuidelineDocument.objects.filter(unit_id=plan.unit_id).order_by("title")
