"""The SoMe follow group's pages for each persona: reading, setting up, members, meetings and ideas, hostile input
and a pinned number of queries."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.follow_group.services import (
    follow_group_meeting_record,
    follow_group_member_add,
    follow_group_save,
)
from governance.models import FollowGroup, FollowGroupIdea, FollowGroupMeeting, FollowGroupMember, Hospital, Unit, User
from hospital_some.demo.seed import COMMUNICATION_UNIT, DEMO_HOSPITAL, PERSONA_DEPARTMENT
from tests.factories import HospitalFactory, UnitFactory, UserFactory, membership_make
from tests.hostile_inputs import DANGEROUS_MARKUP, HOSTILE_INPUTS

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 10)
DETAIL = reverse("follow_group:detail")
EDIT = reverse("follow_group:edit")
MEMBER_ADD = reverse("follow_group:member_add")
MEETING_CREATE = reverse("follow_group:meeting_create")
PERSONAS = ["lead", "community", "flowmanager", "producer", "manager", "admin"]


@pytest.fixture
def hospital(demo) -> Hospital:
    """The demo hospital without the follow group the demo sets up: these tests build their own."""
    FollowGroup.objects.filter(hospital__name=DEMO_HOSPITAL).delete()
    return Hospital.objects.get(name=DEMO_HOSPITAL)


@pytest.fixture
def units(hospital) -> dict[str, Unit]:
    return {unit.name: unit for unit in Unit.objects.filter(hospital=hospital)}


@pytest.fixture
def group(hospital, people, units) -> FollowGroup:
    """The demo hospital's group: the flowmanager represents the persona department; one meeting with two ideas."""
    lead = people["lead"]
    group = follow_group_save(
        hospital=hospital,
        data={"name": "SoMe følgegruppe", "purpose": "Følger arbejdet med sociale medier."},
        acting_user=lead,
    )
    follow_group_member_add(
        group=group, user=people["flowmanager"], unit=units[PERSONA_DEPARTMENT], joined_on=DAY, acting_user=lead
    )
    follow_group_meeting_record(
        group=group,
        held_on=DAY,
        minutes="Første møde.",
        ideas=["Patienthistorier i hjerteugen", "Spørgetime med en hjertelæge"],
        acting_user=lead,
    )
    return group


@pytest.fixture
def elsewhere(demo) -> dict:
    """Another hospital with its own follow group, member, meeting and idea."""
    other = HospitalFactory(name="Andet Sygehus")
    communication = UnitFactory(hospital=other, name="Kommunikation", kind=Unit.Kind.COMMUNICATION)
    department = UnitFactory(hospital=other, name="Fremmed afdeling")
    lead, nurse = UserFactory(username="other-lead"), UserFactory(username="other-nurse", first_name="Fremmed")
    membership_make(user=lead, unit=communication, role_code="strategist")
    membership_make(user=nurse, unit=department, role_code="producer")
    group = follow_group_save(hospital=other, data={"name": "Fremmed gruppe", "purpose": "x"}, acting_user=lead)
    member = follow_group_member_add(group=group, user=nurse, unit=department, joined_on=DAY, acting_user=lead)
    meeting = follow_group_meeting_record(
        group=group, held_on=DAY, minutes="Fremmed referat", ideas=["Fremmed idé"], acting_user=lead
    )
    return {"hospital": other, "department": department, "nurse": nurse, "member": member, "idea": meeting.ideas.get()}


def _html(response) -> str:
    return response.content.decode()


# Reading


@pytest.mark.parametrize("persona", PERSONAS)
def test_without_a_group_the_page_invites_the_communication_unit(client_as, hospital, persona):
    response = client_as(persona).get(DETAIL, HTTP_ACCEPT_LANGUAGE="en")
    html = _html(response)
    assert response.status_code == 200
    assert "No follow group yet" in html
    invited = f'href="{EDIT}?hospital=' in html
    assert invited == (persona in {"lead", "community"})
    if not invited:
        assert "The communication unit sets the group up" in html


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_in_the_hospital_reads_the_group(client_as, group, persona):
    response = client_as(persona).get(DETAIL)
    html = _html(response)
    assert response.status_code == 200
    assert "SoMe følgegruppe" in html
    assert "Patienthistorier i hjerteugen" in html
    manages = persona in {"lead", "community"}
    takes_part = manages or persona == "flowmanager"
    assert (f'action="{MEMBER_ADD}"' in html) == manages
    assert ("/remove/" in html) == manages
    assert (f'href="{EDIT}?hospital=' in html) == manages
    assert (f'href="{MEETING_CREATE}?hospital=' in html) == takes_part
    assert ("/status/" in html) == takes_part


def test_members_are_grouped_by_unit_with_a_note_when_all_come_from_one(client_as, group, people, units):
    client = client_as("lead")
    html = _html(client.get(DETAIL, HTTP_ACCEPT_LANGUAGE="en"))
    assert "Every member represents Hjertemedicinsk afdeling" in html
    follow_group_member_add(
        group=group, user=people["community"], unit=units[COMMUNICATION_UNIT], joined_on=DAY, acting_user=people["lead"]
    )
    html = _html(client.get(DETAIL, HTTP_ACCEPT_LANGUAGE="en"))
    assert "Every member represents" not in html
    headings = [text.strip() for text in re.findall(r"<h3>([^<]+)", html)]
    assert headings[:2] == [PERSONA_DEPARTMENT, COMMUNICATION_UNIT]


def test_meetings_are_listed_newest_first_with_their_ideas(client_as, group, people):
    follow_group_meeting_record(
        group=group,
        held_on=DAY - datetime.timedelta(days=90),
        minutes="Ældre møde",
        ideas=[],
        acting_user=people["lead"],
    )
    follow_group_meeting_record(
        group=group,
        held_on=DAY + datetime.timedelta(days=1),
        minutes="Nyere møde",
        ideas=["Quiz"],
        acting_user=people["lead"],
    )
    html = _html(client_as("producer").get(DETAIL))
    assert html.index("Nyere møde") < html.index("Første møde.") < html.index("Ældre møde")


def test_the_numbers_the_gap_report_reads_are_on_the_page(client_as, group):
    response = client_as("producer").get(DETAIL)
    evidence = response.context["evidence"]
    assert (evidence.member_count, evidence.unit_count, evidence.open_ideas) == (1, 1, 2)


def test_a_hospital_of_ones_own_only(client_as, group, elsewhere):
    client = client_as("lead")
    assert client.get(DETAIL, {"hospital": elsewhere["hospital"].pk}).status_code == 404
    assert client.get(DETAIL, {"hospital": "'; DROP TABLE x; --"}).status_code == 404
    other = {"hospital": elsewhere["hospital"].pk}
    assert client.get(EDIT, other).status_code == 404
    assert client.get(MEETING_CREATE, other).status_code == 404
    assert client.post(MEMBER_ADD, {**other, "user": elsewhere["nurse"].pk}).status_code == 404
    assert client.post(EDIT, {**other, "name": "Kapret", "purpose": "x"}).status_code == 404
    assert "Fremmed" not in _html(client.get(DETAIL))


def test_an_administrator_chooses_among_the_hospitals(client_as, group, elsewhere):
    client = client_as("admin")
    html = _html(client.get(DETAIL))
    assert 'id="hospital-select"' in html
    html = _html(client.get(DETAIL, {"hospital": elsewhere["hospital"].pk}))
    assert "Fremmed gruppe" in html
    assert "Fremmed idé" in html


def test_someone_who_works_in_no_hospital_finds_nothing(client, demo):
    UserFactory(username="nobody")
    client.force_login(User.objects.get(username="nobody"))
    assert client.get(DETAIL).status_code == 404


# Setting the group up


def test_the_lead_sets_the_group_up(client_as, hospital):
    client = client_as("lead")
    form = client.get(EDIT)
    assert form.status_code == 200
    response = client.post(
        EDIT, {"hospital": hospital.pk, "name": "Følgegruppen", "purpose": "Idéer til brugerinddragelse."}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{DETAIL}?hospital={hospital.pk}"
    group = FollowGroup.objects.get(hospital=hospital)
    assert group.name == "Følgegruppen"
    assert group.history.get().history_user.username == "lead"


def test_the_edit_form_shows_the_group_and_saves_changes(client_as, group):
    client = client_as("community")
    assert "Følger arbejdet med sociale medier." in _html(client.get(EDIT))
    client.post(EDIT, {"name": "Nyt navn", "purpose": "Nyt formål"})
    group.refresh_from_db()
    assert (group.name, group.purpose) == ("Nyt navn", "Nyt formål")


@pytest.mark.parametrize("persona", ["flowmanager", "producer", "manager", "admin"])
def test_only_the_communication_unit_edits_the_group(client_as, group, persona):
    client = client_as(persona)
    assert client.get(EDIT).status_code == 403
    assert client.post(EDIT, {"name": "Kapret", "purpose": "x"}).status_code == 403
    group.refresh_from_db()
    assert group.name == "SoMe følgegruppe"


def test_the_edit_form_keeps_what_was_typed_on_error(client_as, hospital):
    response = client_as("lead").post(EDIT, {"name": "", "purpose": "Mit formål <b>fed</b>"})
    html = _html(response)
    assert response.status_code == 200
    assert "Mit formål &lt;b&gt;fed&lt;/b&gt;" in html
    assert 'role="alert"' in html
    assert not FollowGroup.objects.exists()


# Members


def test_the_member_form_offers_people_and_units_of_the_hospital_only(client_as, group, elsewhere, people):
    form = client_as("lead").get(DETAIL).context["member_form"]
    person_ids = {user.pk for user in form.fields["user"].queryset}
    assert people["producer"].pk in person_ids
    assert people["flowmanager"].pk not in person_ids  # already a member
    assert elsewhere["nurse"].pk not in person_ids
    assert people["admin"].pk not in person_ids  # works in no unit
    assert set(form.fields["unit"].queryset) == set(Unit.objects.filter(hospital=group.hospital))


def test_the_lead_adds_a_member(client_as, group, people, units):
    response = client_as("lead").post(
        MEMBER_ADD,
        {
            "hospital": group.hospital_id,
            "user": people["producer"].pk,
            "unit": units[COMMUNICATION_UNIT].pk,
            "joined_on": "2026-03-01",
        },
    )
    assert response.status_code == 302
    member = group.members.get(user=people["producer"])
    assert (member.unit, member.joined_on) == (units[COMMUNICATION_UNIT], datetime.date(2026, 3, 1))


def test_a_foreign_person_or_unit_is_refused_and_the_form_kept(client_as, group, people, units, elsewhere):
    client = client_as("lead")
    response = client.post(
        MEMBER_ADD,
        {"user": elsewhere["nurse"].pk, "unit": units[PERSONA_DEPARTMENT].pk, "joined_on": "2026-03-01"},
    )
    assert response.status_code == 400
    assert response.context["member_form"].errors["user"]
    response = client.post(
        MEMBER_ADD,
        {"user": people["producer"].pk, "unit": elsewhere["department"].pk, "joined_on": "2026-03-01"},
    )
    assert response.status_code == 400
    assert response.context["member_form"]["user"].value() == str(people["producer"].pk)
    assert 'role="alert"' in _html(response)
    assert group.members.count() == 1


def test_adding_a_member_before_the_group_exists_leads_to_setting_it_up(client_as, people, units):
    response = client_as("lead").post(
        MEMBER_ADD, {"user": people["producer"].pk, "unit": units[PERSONA_DEPARTMENT].pk, "joined_on": "2026-03-01"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(EDIT)


@pytest.mark.parametrize("persona", ["flowmanager", "producer", "manager", "admin"])
def test_only_the_communication_unit_adds_and_removes_members(client_as, group, people, units, persona):
    client = client_as(persona)
    data = {"user": people["producer"].pk, "unit": units[PERSONA_DEPARTMENT].pk, "joined_on": "2026-03-01"}
    assert client.post(MEMBER_ADD, data).status_code == 403
    member = group.members.get()
    assert client.post(reverse("follow_group:member_remove", args=[member.pk])).status_code == 403
    assert list(group.members.all()) == [member]


def test_the_lead_removes_a_member(client_as, group):
    member = group.members.get()
    response = client_as("lead").post(reverse("follow_group:member_remove", args=[member.pk]), follow=True)
    assert not group.members.exists()
    assert "has left the follow group" in _html(response) or "har forladt" in _html(response)


def test_removing_a_member_twice_is_404_the_second_time(client_as, group):
    url = reverse("follow_group:member_remove", args=[group.members.get().pk])
    client = client_as("lead")
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 404


@pytest.mark.parametrize("persona", ["lead", "producer"])
def test_another_hospitals_member_and_idea_do_not_exist(client_as, group, elsewhere, persona):
    client = client_as(persona)
    assert client.post(reverse("follow_group:member_remove", args=[elsewhere["member"].pk])).status_code == 404
    assert (
        client.post(reverse("follow_group:idea_status", args=[elsewhere["idea"].pk]), {"status": "done"}).status_code
        == 404
    )
    assert FollowGroupMember.objects.filter(pk=elsewhere["member"].pk).exists()
    assert FollowGroupIdea.objects.get(pk=elsewhere["idea"].pk).status == "new"


# Meetings


def test_a_member_records_a_meeting_with_ideas_one_per_line(client_as, group):
    client = client_as("flowmanager")
    assert client.get(MEETING_CREATE).status_code == 200
    response = client.post(
        MEETING_CREATE,
        {
            "held_on": "2026-03-12",
            "minutes": "Andet møde.",
            "ideas": "- Quiz om hjertet\r\n\r\n- Live fra hjerteugen\r\n",
        },
    )
    meeting = FollowGroupMeeting.objects.get(minutes="Andet møde.")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#meeting-{meeting.pk}")
    assert list(meeting.ideas.values_list("text", flat=True)) == ["Quiz om hjertet", "Live fra hjerteugen"]
    assert meeting.recorded_by.username == "flowmanager"


@pytest.mark.parametrize("persona", ["producer", "manager", "admin"])
def test_people_outside_the_group_do_not_record_meetings(client_as, group, persona):
    client = client_as(persona)
    assert client.get(MEETING_CREATE).status_code == 403
    assert client.post(MEETING_CREATE, {"held_on": "2026-03-12", "minutes": "x"}).status_code == 403
    assert FollowGroupMeeting.objects.count() == 1


def test_without_a_group_a_meeting_leads_the_communication_unit_to_set_it_up(client_as, hospital):
    response = client_as("lead").get(MEETING_CREATE)
    assert response.status_code == 302
    assert response["Location"].startswith(EDIT)
    assert client_as("producer").get(MEETING_CREATE).status_code == 403


def test_the_meeting_form_keeps_what_was_typed_on_error(client_as, group):
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = client_as("lead").post(
        MEETING_CREATE, {"held_on": future, "minutes": "Referat <i>her</i>", "ideas": "Idé én\nIdé to"}
    )
    html = _html(response)
    assert response.status_code == 200
    assert response.context["form"].errors["held_on"]
    assert "Referat &lt;i&gt;her&lt;/i&gt;" in html
    assert "Idé én\nIdé to" in html
    assert FollowGroupMeeting.objects.count() == 1


# Ideas


@pytest.mark.parametrize("persona", ["lead", "community", "flowmanager"])
def test_reviewers_and_members_set_an_ideas_status(client_as, group, persona):
    idea = FollowGroupIdea.objects.order_by("pk").first()
    response = client_as(persona).post(reverse("follow_group:idea_status", args=[idea.pk]), {"status": "adopted"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#idea-{idea.pk}")
    idea.refresh_from_db()
    assert idea.status == "adopted"


@pytest.mark.parametrize("persona", ["producer", "manager", "admin"])
def test_others_do_not_set_an_ideas_status(client_as, group, persona):
    idea = FollowGroupIdea.objects.order_by("pk").first()
    assert (
        client_as(persona).post(reverse("follow_group:idea_status", args=[idea.pk]), {"status": "done"}).status_code
        == 403
    )
    idea.refresh_from_db()
    assert idea.status == "new"


def test_an_unknown_status_is_explained_beside_the_idea(client_as, group):
    idea = FollowGroupIdea.objects.order_by("pk").first()
    response = client_as("lead").post(reverse("follow_group:idea_status", args=[idea.pk]), {"status": "approved"})
    html = _html(response)
    assert response.status_code == 400
    assert f'href="#idea-{idea.pk}-status"' in html
    assert f'id="idea-{idea.pk}-error"' in html
    assert 'aria-invalid="true"' in html


# Hostile input


@pytest.mark.parametrize("name", sorted(HOSTILE_INPUTS))
def test_hostile_input_in_the_group_form(client_as, hospital, name):
    value = HOSTILE_INPUTS[name]
    client = client_as("lead")
    response = client.post(EDIT, {"name": value, "purpose": value})
    assert response.status_code in {200, 302}
    html = _html(client.get(DETAIL) if response.status_code == 302 else response)
    for markup in DANGEROUS_MARKUP:
        assert markup not in html


@pytest.mark.parametrize("name", sorted(HOSTILE_INPUTS))
def test_hostile_input_in_the_meeting_form(client_as, group, name):
    value = HOSTILE_INPUTS[name]
    client = client_as("flowmanager")
    line = value[:1000]  # the whole request stays under Django's upload limit
    response = client.post(MEETING_CREATE, {"held_on": "2026-03-12", "minutes": value, "ideas": f"{line}\n{line}"})
    assert response.status_code in {200, 302}
    if response.status_code == 302:
        meeting = FollowGroupMeeting.objects.get(held_on=datetime.date(2026, 3, 12))
        texts = list(meeting.ideas.values_list("text", flat=True))
        assert len(texts) == len(set(texts))  # the same idea twice is recorded once
    html = _html(client.get(DETAIL) if response.status_code == 302 else response)
    for markup in DANGEROUS_MARKUP:
        assert markup not in html
    hostile_date = client.post(MEETING_CREATE, {"held_on": value, "minutes": "x"})
    assert hostile_date.status_code == 200
    assert hostile_date.context["form"].errors["held_on"]


@pytest.mark.parametrize("name", sorted(HOSTILE_INPUTS))
def test_hostile_input_in_the_member_form(client_as, group, people, units, name):
    client = client_as("lead")
    valid = {"user": people["producer"].pk, "unit": units[PERSONA_DEPARTMENT].pk, "joined_on": "2026-03-01"}
    for field in valid:
        response = client.post(MEMBER_ADD, {**valid, field: HOSTILE_INPUTS[name]})
        assert response.status_code == 400, field
        assert set(response.context["member_form"].errors) == {field}
        for markup in DANGEROUS_MARKUP:
            assert markup not in _html(response)
    assert group.members.count() == 1


@pytest.mark.parametrize("name", sorted(HOSTILE_INPUTS))
def test_hostile_input_as_an_ideas_status(client_as, group, name):
    idea = FollowGroupIdea.objects.order_by("pk").first()
    response = client_as("lead").post(
        reverse("follow_group:idea_status", args=[idea.pk]), {"status": HOSTILE_INPUTS[name]}
    )
    assert response.status_code == 400
    for markup in DANGEROUS_MARKUP:
        assert markup not in _html(response)
    idea.refresh_from_db()
    assert idea.status == "new"


def test_a_stored_idea_with_markup_is_shown_escaped(client_as, group, people):
    follow_group_meeting_record(
        group=group,
        held_on=DAY,
        minutes=HOSTILE_INPUTS["script"],
        ideas=[HOSTILE_INPUTS["img_onerror"], HOSTILE_INPUTS["attribute_breakout"]],
        acting_user=people["lead"],
    )
    html = _html(client_as("flowmanager").get(DETAIL))
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    for markup in DANGEROUS_MARKUP:
        assert markup not in html


# Queries


def _more_data(group, people, units) -> None:
    lead = people["lead"]
    for username, unit in [
        ("producer", PERSONA_DEPARTMENT),
        ("community", COMMUNICATION_UNIT),
        ("manager", "Kræftafdelingen"),
    ]:
        follow_group_member_add(group=group, user=people[username], unit=units[unit], joined_on=DAY, acting_user=lead)
    for number in range(5):
        follow_group_meeting_record(
            group=group,
            held_on=DAY - datetime.timedelta(days=40 * (number + 1)),
            minutes=f"Møde {number}",
            ideas=[f"Idé {number}.{n}" for n in range(6)],
            acting_user=lead,
        )


# Session, user, the actor (memberships, units), the person's hospitals, the group with members, meetings and ideas
# (4), the evidence (3), the crisis banner (1), and for the communication unit the member form's people and units (2).
PINNED_QUERIES = {"lead": 15, "flowmanager": 13, "producer": 13}


@pytest.mark.parametrize("persona", sorted(PINNED_QUERIES))
def test_the_page_has_a_fixed_number_of_queries(client_as, group, people, units, django_assert_num_queries, persona):
    client = client_as(persona)
    client.get(DETAIL)  # warm up: the session's first read
    with django_assert_num_queries(PINNED_QUERIES[persona]):
        assert client.get(DETAIL).status_code == 200
    _more_data(group, people, units)
    with django_assert_num_queries(PINNED_QUERIES[persona]):
        response = client.get(DETAIL)
    assert "Idé 4.5" in _html(response)
