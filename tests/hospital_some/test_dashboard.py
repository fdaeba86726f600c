import pytest
from django.urls import reverse

from governance.models import Unit
from tests.factories import HospitalFactory, UnitFactory, UserFactory, membership_make

pytestmark = pytest.mark.django_db


def test_dashboard_shows_the_hospital_units_and_levels(client_as):
    response = client_as("flowmanager").get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert "Demohospitalet" in html
    for unit in Unit.objects.all():
        assert unit.name in html
    assert "Social Media Manager/Flowmanager, Hjertemedicinsk afdeling" in html
    assert "Nothing waits for you right now." in html


def test_dashboard_shows_only_the_users_own_hospital(client_as):
    other = UnitFactory(hospital=HospitalFactory(name="Other hospital"), name="Other ward")
    html = client_as("producer").get(reverse("home")).content.decode()
    assert other.name not in html and "Other hospital" not in html


def test_administrator_sees_every_hospital(client_as):
    UnitFactory(hospital=HospitalFactory(name="Other hospital"), name="Other ward")
    html = client_as("admin").get(reverse("home")).content.decode()
    assert "Other hospital" in html and "Demohospitalet" in html
    assert reverse("admin:index") in html


def test_navigation_fits_the_persona(client_as):
    assert reverse("admin:index") not in client_as("producer").get(reverse("home")).content.decode()


def test_dashboard_query_count_does_not_grow_with_units(client_as, django_assert_num_queries):
    client = client_as("producer")
    client.get(reverse("home"))
    with django_assert_num_queries(5):
        client.get(reverse("home"))
    hospital = Unit.objects.first().hospital
    for index in range(20):
        unit = UnitFactory(hospital=hospital, name=f"Extra {index}")
        membership_make(user=UserFactory(), unit=unit, role_code="producer")
    with django_assert_num_queries(5):
        client.get(reverse("home"))
