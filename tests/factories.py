"""Factories build state through the services, as the application itself does."""

import factory

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
