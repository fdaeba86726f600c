"""Factories build state through the services, as the application itself does."""

import datetime

import factory

from channels_plan.models import ChannelPlan
from channels_plan.services import plan_submit, plan_update
from governance.models import Hospital, Membership, Role, Unit, User
from governance.services import membership_ensure


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")


class HospitalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hospital

    name = factory.Sequence(lambda n: f"Hospital {n}")
    country = Hospital.Country.DENMARK


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    hospital = factory.SubFactory(HospitalFactory)
    name = factory.Sequence(lambda n: f"Department {n}")
    kind = Unit.Kind.DEPARTMENT


def membership_make(*, user: User, unit: Unit, role_code: str) -> Membership:
    return membership_ensure(user=user, unit=unit, role=Role.objects.get(code=role_code))


def complete_plan_data(*, unit: Unit, **overrides) -> dict:
    """Everything the template asks for, filled in, so that the plan can be submitted."""
    people = list(User.objects.filter(memberships__unit=unit).distinct().order_by("pk")[:2])
    return {
        "title": "Hjerteskolen på Instagram",
        "platform": "instagram",
        "goals": "Flere hjertepatienter kender genoptræningstilbuddet.",
        "success_evaluation": "Tilmeldinger til hjerteskolen efter seks måneder.",
        "primary_target_group": "Hjertepatienter",
        "content": "Korte videoer",
        "owner": people[0],
        "backup": people[1],
        "hours_per_week": 3,
        "sender_name": "Hjerteafdelingen",
        "handle": "@hjerte",
        "evaluation_date": datetime.date(2027, 6, 1),
        **overrides,
    }


def plan_submit_complete(*, plan: ChannelPlan, acting_user: User) -> ChannelPlan:
    plan_update(plan=plan, data=complete_plan_data(unit=plan.unit, title=plan.title), acting_user=acting_user)
    return plan_submit(plan=plan, acting_user=acting_user)
