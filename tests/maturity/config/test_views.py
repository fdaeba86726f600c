"""The configuration pages: who reaches them, forms keeping input and showing refusals at the field, hostile input,
fixed query counts, and the scale pages showing the change."""

import re

import pytest
from django.urls import reverse

from governance.models import Role, Unit
from hospital_some.demo.seed import COMMUNICATION_UNIT
from maturity.models import RequiredGuideline, RoleRequirement
from tests.hostile_inputs import DANGEROUS_MARKUP, HOSTILE_INPUTS

COMMUNITY_CENTRAL = ("community_manager", "central")
PAGES = [
    ("scale_config:home", []),
    ("scale_config:level", [3]),
    ("scale_config:requirement_add", [3]),
    ("scale_config:requirement_edit", [3, *COMMUNITY_CENTRAL]),
    ("scale_config:requirement_remove", [3, *COMMUNITY_CENTRAL]),
    ("scale_config:norm_edit", [3]),
    ("scale_config:metrics_edit", [3]),
    ("scale_config:guidelines_edit", [3]),
    ("scale_config:role_edit", ["community_manager"]),
]


@pytest.fixture
def admin_client(client_as, pages_in_english):
    return client_as("admin")


def requirement_post(minimum, recommended="", **overrides) -> dict:
    return {"min_headcount": minimum, "recommended_headcount": recommended, "note_da": "", "note_en": "", **overrides}


def community_minimum(number: int = 3) -> int:
    return RoleRequirement.objects.get(
        level__number=number, role__code="community_manager", scope="central"
    ).min_headcount


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_configurers_reach_every_page(admin_client, name, args):
    assert admin_client.get(reverse(name, args=args)).status_code == 200


@pytest.mark.parametrize("username", ["producer", "flowmanager", "manager", "community", "lead"])
@pytest.mark.parametrize(("name", "args"), PAGES)
def test_the_pages_do_not_exist_for_anyone_else(client_as, username, name, args):
    client = client_as(username)
    assert client.get(reverse(name, args=args)).status_code == 404
    assert client.post(reverse(name, args=args), requirement_post(9)).status_code == 404
    assert community_minimum() == 2


def test_anonymous_visitors_go_to_the_login_page(client, demo):
    response = client.get(reverse("scale_config:level", args=[3]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_unknown_levels_roles_and_scopes_are_404(admin_client):
    assert admin_client.get(reverse("scale_config:level", args=[9])).status_code == 404
    assert admin_client.get(reverse("scale_config:role_edit", args=["nobody"])).status_code == 404
    assert (
        admin_client.get(reverse("scale_config:requirement_edit", args=[3, "community_manager", "x"])).status_code
        == 404
    )


def test_raising_a_minimum_redirects_and_the_level_page_shows_it_with_the_change(admin_client):
    url = reverse("scale_config:requirement_edit", args=[3, *COMMUNITY_CENTRAL])
    response = admin_client.post(url, requirement_post(3, 4, needs_backup="on", may_combine_with=["producer"]))
    assert response.status_code == 302 and response["Location"] == reverse("scale_config:level", args=[3])
    assert community_minimum() == 3
    page = admin_client.get(reverse("maturity:level", args=[3])).content.decode()
    row = page.split('<th scope="row">Community Manager</th>')[1].split("</tr>")[0]
    assert "<td>3 <span" in row and "<td>4</td>" in row
    changes = page.split("Recent changes to this level")[1]
    assert (
        "Anne Admin" in changes
        and "Community Manager (Central communication unit): minimum 3, recommended 4" in changes
    )


def test_a_refusal_is_shown_at_the_field_and_the_input_kept(admin_client):
    url = reverse("scale_config:requirement_edit", args=[5, "producer", "central"])
    response = admin_client.post(url, requirement_post(1, note_en="Kept text"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_min_headcount_error"' in page
    assert "Level 5 builds on level 4 in “Resources, roles and tasks”" in page
    assert 'value="1"' in page and "Kept text" in page
    assert RoleRequirement.objects.get(level__number=5, role__code="producer", scope="central").min_headcount == 2


def test_a_negative_minimum_is_refused_at_its_field(admin_client):
    url = reverse("scale_config:requirement_edit", args=[3, *COMMUNITY_CENTRAL])
    page = admin_client.post(url, requirement_post(-2)).content.decode()
    assert 'id="id_min_headcount_error"' in page and "cannot be below zero" in page
    assert community_minimum() == 2


def test_adding_a_requirement_and_removing_it(admin_client):
    add = reverse("scale_config:requirement_add", args=[2])
    response = admin_client.post(add, requirement_post(1, role="strategist", scope="central"))
    assert response.status_code == 302
    assert RoleRequirement.objects.filter(level__number=2, role__code="strategist").exists()
    again = admin_client.post(add, requirement_post(1, role="strategist", scope="nowhere"))
    assert again.status_code == 200 and 'id="id_scope_error"' in again.content.decode()
    remove = reverse("scale_config:requirement_remove", args=[2, "strategist", "central"])
    assert admin_client.post(remove).status_code == 302
    assert not RoleRequirement.objects.filter(level__number=2, role__code="strategist").exists()


def test_a_refused_removal_shows_the_rule(admin_client):
    remove = reverse("scale_config:requirement_remove", args=[5, "strategist", "central"])
    response = admin_client.post(remove)
    assert response.status_code == 200 and "Level 5 builds on level 4" in response.content.decode()
    assert RoleRequirement.objects.filter(level__number=5, role__code="strategist").exists()


def test_guidelines_and_metrics_pages_save_and_refuse(admin_client):
    url = reverse("scale_config:guidelines_edit", args=[4])
    response = admin_client.post(url, {"kinds": ["feedback_guidelines"]})
    assert response.status_code == 200 and 'id="id_kinds_error"' in response.content.decode()
    assert RequiredGuideline.objects.filter(level__number=4).count() == 6
    assert admin_client.post(reverse("scale_config:guidelines_edit", args=[1]), {"kinds": []}).status_code == 302
    assert not RequiredGuideline.objects.filter(level__number=1).exists()
    metrics = reverse("scale_config:metrics_edit", args=[4])
    response = admin_client.post(metrics, {"metric_followers": "required"})
    assert response.status_code == 200 and 'id="id_metric_engagement_error"' in response.content.decode()


def test_the_norm_page_refuses_a_laxer_norm_at_its_field(admin_client):
    url = reverse("scale_config:norm_edit", args=[5])
    data = {
        "check_interval_minutes": 600,
        "answer_within_minutes": 60,
        "involvement_check_interval_minutes": 60,
        "dormant_after_days": 30,
        "escalate_after_minutes": 60,
        "justification": "Evenings",
    }
    page = admin_client.post(url, data).content.decode()
    assert 'id="id_check_interval_minutes_error"' in page and 'value="600"' in page
    ok = admin_client.post(url, {**data, "check_interval_minutes": 30})
    assert ok.status_code == 302


@pytest.mark.parametrize("name", HOSTILE_INPUTS)
def test_hostile_role_texts_are_refused_or_shown_escaped(admin_client, name):
    role = Role.objects.get(code="community_manager")
    value = HOSTILE_INPUTS[name]
    data = {
        "name_da": role.name_da,
        "name_en": role.name_en,
        "responsibilities_da": value,
        "responsibilities_en": "",
        "tasks_da": "",
        "tasks_en": value,
    }
    response = admin_client.post(reverse("scale_config:role_edit", args=[role.code]), data)
    assert response.status_code in {200, 302}
    catalogue = admin_client.get(reverse("maturity:roles")).content.decode()
    for markup in DANGEROUS_MARKUP:
        assert markup not in catalogue
    if response.status_code == 302:
        role.refresh_from_db()
        assert role.tasks_en == [line.strip() for line in value.splitlines() if line.strip()]


@pytest.mark.parametrize("name", HOSTILE_INPUTS)
def test_hostile_notes_are_refused_or_shown_escaped(admin_client, name):
    url = reverse("scale_config:requirement_edit", args=[3, *COMMUNITY_CENTRAL])
    response = admin_client.post(url, requirement_post(2, note_en=HOSTILE_INPUTS[name]))
    assert response.status_code in {200, 302}
    page = admin_client.get(reverse("maturity:level", args=[3])).content.decode()
    for markup in DANGEROUS_MARKUP:
        assert markup not in page


def test_the_role_catalogue_shows_the_current_texts_and_who_changed_them(admin_client):
    data = {
        "name_da": "Community Manager",
        "name_en": "Community Manager",
        "responsibilities_da": "Interaktion",
        "responsibilities_en": "Interaction\nNight watch",
        "tasks_da": "",
        "tasks_en": "Moderation",
    }
    assert admin_client.post(reverse("scale_config:role_edit", args=["community_manager"]), data).status_code == 302
    page = admin_client.get(reverse("maturity:roles")).content.decode()
    assert "<li>Night watch</li>" in page and "Anne Admin changed Community Manager" in page


def test_the_configuration_page_of_a_level_runs_a_fixed_number_of_queries(admin_client, django_assert_num_queries):
    url = reverse("scale_config:level", args=[3])
    with django_assert_num_queries(12):
        assert admin_client.get(url).status_code == 200
    for code in ("involvement_specialist", "network_specialist"):
        add = reverse("scale_config:requirement_add", args=[3])
        data = requirement_post(1, role=code, scope="central", may_combine_with=["producer", "strategist"])
        assert admin_client.post(add, data).status_code == 302
    with django_assert_num_queries(12):
        assert admin_client.get(url).status_code == 200


def test_the_level_page_runs_a_fixed_number_of_queries_whatever_the_history(admin_client, django_assert_num_queries):
    url = reverse("maturity:level", args=[3])
    edit = reverse("scale_config:requirement_edit", args=[3, *COMMUNITY_CENTRAL])
    assert admin_client.post(edit, requirement_post(3)).status_code == 302
    with django_assert_num_queries(18):
        assert admin_client.get(url).status_code == 200
    for minimum in (4, 5, 6):
        assert admin_client.post(edit, requirement_post(minimum, may_combine_with=["producer"])).status_code == 302
    with django_assert_num_queries(18):
        page = admin_client.get(url).content.decode()
    assert "minimum 6" in page


def test_the_gap_report_asks_for_the_raised_minimum(admin_client):
    """The gap engine reads the role requirements live: the communication unit's report at level 3 changes."""
    report = reverse("gaps:unit", args=[Unit.objects.get(name=COMMUNICATION_UNIT).pk]) + "?level=3"
    before = admin_client.get(report).content.decode()
    assert re.search(r"<li>Community Manager: \d+ of 2</li>", before)
    edit = reverse("scale_config:requirement_edit", args=[3, *COMMUNITY_CENTRAL])
    assert admin_client.post(edit, requirement_post(3)).status_code == 302
    after = admin_client.get(report).content.decode()
    assert re.search(r"<li>Community Manager: \d+ of 3</li>", after)
