import pytest
from django.urls import reverse

from governance.models import Unit
from maturity.exceptions import MaturityError
from maturity.models import Level
from maturity.services import unit_maturity_set

pytestmark = pytest.mark.django_db


def test_scale_requires_login(client):
    response = client.get(reverse("maturity:scale"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_overview_shows_every_level_and_dimension_in_english(client_as):
    client = client_as("producer")
    response = client.get(reverse("maturity:scale"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    for level in Level.objects.all():
        assert level.name_en in html
    assert "Organisation and responsibility" in html
    assert 'lang="en"' in html


def test_overview_in_danish_shows_the_original_texts(client_as):
    client = client_as("producer")
    html = client.get(reverse("maturity:scale"), HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert Level.objects.get(number=1).name_da in html
    assert "Organisering og ansvar" in html


def test_norwegian_readers_get_the_danish_original_marked_as_danish(client_as):
    client = client_as("producer")
    html = client.get(reverse("maturity:level", args=[2]), HTTP_ACCEPT_LANGUAGE="no-NO").content.decode()
    assert '<html lang="nb">' in html
    assert f'<span lang="da">{Level.objects.get(number=2).name_da}</span>' in html


def test_level_page_includes_inherited_requirements(client_as):
    client = client_as("manager")
    response = client.get(reverse("maturity:level", args=[3]), HTTP_ACCEPT_LANGUAGE="en")
    cells = {cell.dimension.code: cell for cell in response.context["cells"]}
    monitoring = cells["monitoring"]
    # Level 3 monitoring is "as level 2 +": level 2's lines still in force come first, then level 3's own three;
    # level 2's "several daily checks within normal working hours" ends at level 2 (level 3 checks 365/24/7).
    assert [req.cell.level.number for req in monitoring.requirements] == [2, 2, 2, 3, 3, 3]
    assert [req.last_level for req in monitoring.replaced] == [2]
    # Level 3 response guidelines replace level 2's.
    assert {req.cell.level.number for req in cells["response"].requirements} == {3}


def test_unknown_level_is_404(client_as):
    assert client_as("manager").get(reverse("maturity:level", args=[9])).status_code == 404


def test_scale_pages_run_a_fixed_number_of_queries(client_as, django_assert_num_queries):
    client = client_as("manager")
    client.get(reverse("maturity:scale"))  # warm the session
    with django_assert_num_queries(7):
        client.get(reverse("maturity:scale"))
    # 14, + 4 for the latest configuration changes (one per history table)
    with django_assert_num_queries(18):
        client.get(reverse("maturity:level", args=[5]))


def test_target_level_below_current_is_refused(demo):
    unit = Unit.objects.get(name="Akutafdelingen")
    with pytest.raises(MaturityError):
        unit_maturity_set(
            unit=unit,
            current_level=Level.objects.get(number=3),
            target_level=Level.objects.get(number=2),
            acting_user=None,
        )
    unit.maturity.refresh_from_db()
    assert (unit.maturity.current_level.number, unit.maturity.target_level.number) == (2, 3)


def test_level_change_is_kept_in_history_with_the_acting_user(demo):
    unit = Unit.objects.get(name="Akutafdelingen")
    lead = unit.hospital.units.get(kind="communication").memberships.get(role__code="strategist").user
    unit_maturity_set(
        unit=unit,
        current_level=Level.objects.get(number=3),
        target_level=Level.objects.get(number=4),
        acting_user=lead,
    )
    latest = unit.maturity.history.first()
    assert (latest.current_level.number, latest.target_level.number, latest.history_user) == (3, 4, lead)
    assert unit.maturity.history.count() == 2
