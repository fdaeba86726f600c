import pytest
from django.urls import reverse

from channels_plan.models import Channel, ChannelPlan
from channels_plan.services import plan_create, plan_decide
from governance.models import Unit
from maturity.models import Level
from maturity.services import unit_maturity_set
from tests.factories import UnitFactory, UserFactory, complete_plan_data, membership_make, plan_submit_complete
from tests.hostile_inputs import DANGEROUS_MARKUP, HOSTILE_INPUTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_department(demo):
    """A second department of the same hospital, with its own flowmanager and plans in two states."""
    unit = UnitFactory(hospital=Unit.objects.get(name="Akutafdelingen").hospital, name="Øjenafdelingen")
    flowmanager, producer = UserFactory(username="eye-flow"), UserFactory(username="eye-producer")
    membership_make(user=flowmanager, unit=unit, role_code="flowmanager")
    membership_make(user=producer, unit=unit, role_code="producer")
    level = Level.objects.get(number=3)
    unit_maturity_set(unit=unit, current_level=level, target_level=level, acting_user=None)
    draft = plan_create(unit=unit, data={"title": "Øjne draft", "platform": "x"}, acting_user=producer)
    submitted = plan_create(unit=unit, data={"title": "Øjne submitted", "platform": "x"}, acting_user=producer)
    plan_submit_complete(plan=submitted, acting_user=producer)
    return {"unit": unit, "draft": draft, "submitted": submitted}


def _object_urls(plan: ChannelPlan) -> list[str]:
    return [reverse(name, args=[plan.pk]) for name in ["channels_plan:plan_detail", "channels_plan:plan_edit"]]


@pytest.mark.parametrize("plan_key", ["draft", "submitted"])
def test_another_departments_plans_do_not_exist_for_a_department_user(client_as, other_department, plan_key):
    """IDOR: a department user gets 404 for every object URL of another department's plan."""
    client = client_as("producer")
    plan = other_department[plan_key]
    for url in _object_urls(plan):
        assert client.get(url).status_code == 404, url
    for name in ["plan_submit", "plan_decide", "plan_result", "plan_evaluated"]:
        assert client.post(reverse(f"channels_plan:{name}", args=[plan.pk])).status_code == 404, name
    assert client.get(reverse("channels_plan:plan_create", args=[other_department["unit"].pk])).status_code == 404
    assert plan.title not in client.get(reverse("channels_plan:plan_list")).content.decode()


def test_another_departments_channel_does_not_exist_for_a_department_user(client_as, other_department, people):
    plan = other_department["submitted"]
    plan_decide(plan=plan, decision="approve", comment="", acting_user=people["lead"])
    channel = Channel.objects.get(plan=plan)
    client = client_as("producer")
    for name in ["channel_detail"]:
        assert client.get(reverse(f"channels_plan:{name}", args=[channel.pk])).status_code == 404
    for name in ["channel_status", "channel_review"]:
        assert client.post(reverse(f"channels_plan:{name}", args=[channel.pk])).status_code == 404
    assert channel.sender_name not in client.get(reverse("channels_plan:channel_list")).content.decode()
    assert client_as("lead").get(reverse("channels_plan:channel_detail", args=[channel.pk])).status_code == 200


def test_drafts_are_private_to_the_department(client_as, other_department):
    html = client_as("lead").get(reverse("channels_plan:plan_list")).content.decode()
    assert "Øjne submitted" in html
    assert "Øjne draft" not in html


def test_review_queue_filters_and_oldest_first(client_as, other_department):
    client = client_as("lead")
    response = client.get(reverse("channels_plan:plan_list"), {"status": "submitted"})
    titles = [plan.title for plan in response.context["plans"]]
    assert titles == ["Hjerteforeningens fællesskab på Facebook", "Øjne submitted"]
    response = client.get(
        reverse("channels_plan:plan_list"), {"unit": other_department["unit"].pk, "platform": "instagram"}
    )
    assert [plan.title for plan in response.context["plans"]] == ["Øjne submitted"]
    response = client.get(reverse("channels_plan:plan_list"), {"status": "nonsense", "unit": "'; DROP"})
    assert response.status_code == 200


def test_create_form_keeps_what_was_typed_on_error(client_as, department):
    client = client_as("producer")
    data = {"title": "", "goals": "Mit mål <b>fed</b>", "platform": "other", "platform_other": ""}
    response = client.post(reverse("channels_plan:plan_create", args=[department.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mit mål &lt;b&gt;fed&lt;/b&gt;" in html
    assert 'role="alert"' in html
    assert not ChannelPlan.objects.filter(goals__startswith="Mit mål").exists()


def test_submit_with_missing_fields_shows_what_is_missing(client_as, department, people):
    client = client_as("producer")
    plan = plan_create(unit=department, data={"title": "Halv", "platform": "x"}, acting_user=people["producer"])
    response = client.post(reverse("channels_plan:plan_submit", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "The plan cannot be submitted yet" in response.content.decode()


def test_decision_without_comment_keeps_the_choice_and_explains(client_as):
    plan = ChannelPlan.objects.get(title="Hjerteforeningens fællesskab på Facebook")
    response = client_as("lead").post(
        reverse("channels_plan:plan_decide", args=[plan.pk]), {"decision": "reject", "comment": ""}
    )
    assert response.status_code == 400
    assert response.context["decision_form"]["decision"].value() == "reject"
    assert "Explain what must change" in response.content.decode() or "Forklar" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == ChannelPlan.Status.SUBMITTED


def test_a_second_decision_gets_a_clear_message(client_as):
    plan = ChannelPlan.objects.get(title="Hjerteforeningens fællesskab på Facebook")
    client_as("lead").post(reverse("channels_plan:plan_decide", args=[plan.pk]), {"decision": "approve"})
    response = client_as("community").post(
        reverse("channels_plan:plan_decide", args=[plan.pk]),
        {"decision": "reject", "comment": "Nej"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "This plan has already been decided (Approved)." in response.content.decode()


@pytest.mark.parametrize("name", HOSTILE_INPUTS)
def test_plan_form_survives_hostile_input(client_as, department, name):
    value = HOSTILE_INPUTS[name]
    client = client_as("producer")
    fields = {"title": value, "goals": value, "handle": value[:300], "platform": "x"}
    response = client.post(reverse("channels_plan:plan_create", args=[department.pk]), fields)
    assert response.status_code in {200, 302}
    if response.status_code == 302:
        plan = ChannelPlan.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
        assert plan.goals == value
        html = client.get(response["Location"]).content.decode()
    else:
        html = response.content.decode()
        assert 'role="alert"' in html
    for markup in DANGEROUS_MARKUP:
        assert markup not in html


def _more_plans(department, people, count: int) -> None:
    for index in range(count):
        plan = plan_create(
            unit=department,
            data=complete_plan_data(unit=department, title=f"Plan {index}"),
            acting_user=people["producer"],
        )
        plan_submit_complete(plan=plan, acting_user=people["producer"])
        if index % 2:
            plan_decide(plan=plan, decision="approve", comment="", acting_user=people["lead"])


@pytest.mark.parametrize(
    ("persona", "url_name", "queries"),
    [
        ("lead", "channels_plan:plan_list", 9),
        ("producer", "channels_plan:plan_list", 9),
        ("lead", "channels_plan:channel_list", 8),  # with the channels to activate
        ("producer", "channels_plan:channel_list", 8),
    ],
)
def test_list_pages_run_the_same_queries_with_ten_times_the_data(
    client_as, department, people, django_assert_num_queries, persona, url_name, queries
):
    client = client_as(persona)
    _more_plans(department, people, 2)
    client.get(reverse(url_name))
    with django_assert_num_queries(queries):
        assert client.get(reverse(url_name)).status_code == 200
    _more_plans(department, people, 20)
    with django_assert_num_queries(queries):
        assert client.get(reverse(url_name)).status_code == 200


def test_plan_page_runs_the_same_queries_after_many_resubmissions(
    client_as, department, people, django_assert_num_queries
):
    plan = plan_create(unit=department, data=complete_plan_data(unit=department), acting_user=people["producer"])
    plan_submit_complete(plan=plan, acting_user=people["producer"])
    client = client_as("lead")
    url = reverse("channels_plan:plan_detail", args=[plan.pk])
    client.get(url)
    with django_assert_num_queries(12):
        client.get(url)
    for round_ in range(10):
        plan_decide(plan=plan, decision="request_changes", comment=f"Runde {round_}", acting_user=people["lead"])
        plan_submit_complete(plan=plan, acting_user=people["producer"])
    with django_assert_num_queries(12):
        client.get(url)


def test_long_lists_are_paginated_and_keep_their_filters(client_as, department, people):
    for index in range(52):
        plan_create(
            unit=department, data={"title": f"Kladde {index:02d}", "platform": "x"}, acting_user=people["producer"]
        )
    client = client_as("producer")
    first = client.get(reverse("channels_plan:plan_list"), {"status": "draft"})
    assert len(first.context["plans"]) == 50
    assert 'href="?status=draft&amp;page=2"' in first.content.decode()
    second = client.get(reverse("channels_plan:plan_list"), {"status": "draft", "page": "2"})
    assert len(second.context["plans"]) == 3  # 52 new drafts and the demo's one
    assert client.get(reverse("channels_plan:plan_list"), {"page": "999"}).context["page"].number == 2
    assert client.get(reverse("channels_plan:plan_list"), {"page": "'; --"}).context["page"].number == 1


@pytest.mark.parametrize("name", HOSTILE_INPUTS)
def test_decision_result_and_review_forms_survive_hostile_input(client_as, people, name):
    value = HOSTILE_INPUTS[name]
    submitted = ChannelPlan.objects.get(title="Hjerteforeningens fællesskab på Facebook")
    approved = ChannelPlan.objects.get(title="Hjerteafdelingen på Facebook")
    channel = Channel.objects.get(plan=approved)
    lead = client_as("lead")
    posts = [
        (lead, reverse("channels_plan:plan_decide", args=[submitted.pk]), {"decision": "reject", "comment": value}),
        (lead, reverse("channels_plan:channel_review", args=[channel.pk]), {"still_needed": "on", "comment": value}),
    ]
    for client, url, data in posts:
        response = client.post(url, data)
        assert response.status_code in {302, 400}, url
    flowmanager = client_as("flowmanager")
    response = flowmanager.post(reverse("channels_plan:plan_result", args=[approved.pk]), {"result": value})
    assert response.status_code in {302, 400}
    for url in [
        reverse("channels_plan:plan_detail", args=[submitted.pk]),
        reverse("channels_plan:plan_detail", args=[approved.pk]),
        reverse("channels_plan:channel_detail", args=[channel.pk]),
    ]:
        html = flowmanager.get(url).content.decode()
        for markup in DANGEROUS_MARKUP:
            assert markup not in html
