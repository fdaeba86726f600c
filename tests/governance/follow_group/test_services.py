"""The SoMe follow group's services and selectors: who may change what, refusals, history, and the evidence numbers."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from governance.follow_group.forms import FollowGroupMeetingForm, ideas_from_lines
from governance.follow_group.selectors import follow_group_evidence, follow_group_get
from governance.follow_group.services import (
    MAX_IDEAS_PER_MEETING,
    follow_group_idea_status_set,
    follow_group_meeting_record,
    follow_group_member_add,
    follow_group_member_remove,
    follow_group_save,
)
from governance.models import FollowGroup, FollowGroupIdea, FollowGroupMeeting, FollowGroupMember, Hospital, Unit
from hospital_some.demo.seed import COMMUNICATION_UNIT, DEMO_HOSPITAL, PERSONA_DEPARTMENT
from tests.factories import HospitalFactory, UnitFactory, UserFactory, membership_make

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 10)
GROUP_DATA = {"name": "SoMe følgegruppe", "purpose": "Følger arbejdet og bringer idéer til brugerinddragelse."}


@pytest.fixture
def hospital(demo) -> Hospital:
    """The demo hospital without the follow group the demo sets up: these tests build their own."""
    FollowGroup.objects.filter(hospital__name=DEMO_HOSPITAL).delete()
    return Hospital.objects.get(name=DEMO_HOSPITAL)


@pytest.fixture
def units(hospital) -> dict[str, Unit]:
    return {unit.name: unit for unit in Unit.objects.filter(hospital=hospital)}


@pytest.fixture
def group(hospital, people) -> FollowGroup:
    return follow_group_save(hospital=hospital, data=GROUP_DATA, acting_user=people["lead"])


@pytest.fixture
def member(group, people, units) -> FollowGroupMember:
    """The flowmanager represents the persona department."""
    return follow_group_member_add(
        group=group,
        user=people["flowmanager"],
        unit=units[PERSONA_DEPARTMENT],
        joined_on=DAY,
        acting_user=people["lead"],
    )


@pytest.fixture
def elsewhere(demo) -> dict:
    """A second hospital with its own communication unit lead, department, person and follow group."""
    hospital = HospitalFactory(name="Andet Sygehus")
    communication = UnitFactory(hospital=hospital, name="Kommunikation", kind=Unit.Kind.COMMUNICATION)
    department = UnitFactory(hospital=hospital, name="Medicinsk afdeling")
    lead, nurse = UserFactory(username="other-lead"), UserFactory(username="other-nurse")
    membership_make(user=lead, unit=communication, role_code="strategist")
    membership_make(user=nurse, unit=department, role_code="producer")
    group = follow_group_save(hospital=hospital, data={"name": "Følgegruppen", "purpose": "x"}, acting_user=lead)
    member = follow_group_member_add(group=group, user=nurse, unit=department, joined_on=DAY, acting_user=lead)
    meeting = follow_group_meeting_record(
        group=group, held_on=DAY, minutes="Referat", ideas=["Fremmed idé"], acting_user=lead
    )
    return {
        "hospital": hospital,
        "department": department,
        "lead": lead,
        "nurse": nurse,
        "group": group,
        "member": member,
        "idea": meeting.ideas.get(),
    }


# Setting the group up


def test_the_lead_sets_the_group_up_and_history_names_her(hospital, people):
    group = follow_group_save(hospital=hospital, data=GROUP_DATA, acting_user=people["lead"])
    assert (group.hospital, group.name) == (hospital, "SoMe følgegruppe")
    assert group.history.get().history_user == people["lead"]


def test_saving_again_updates_the_one_group(group, people):
    follow_group_save(
        hospital=group.hospital, data={"name": "  Følgegruppen  ", "purpose": "Ny"}, acting_user=people["community"]
    )
    group.refresh_from_db()
    assert FollowGroup.objects.count() == 1
    assert (group.name, group.purpose) == ("Følgegruppen", "Ny")
    assert group.history.first().history_user == people["community"]


@pytest.mark.parametrize("persona", ["producer", "flowmanager", "manager", "admin"])
def test_only_the_communication_units_reviewers_set_the_group_up(hospital, people, persona):
    with pytest.raises(PermissionDenied):
        follow_group_save(hospital=hospital, data=GROUP_DATA, acting_user=people[persona])
    assert not FollowGroup.objects.exists()


def test_another_hospitals_lead_cannot_touch_this_hospitals_group(hospital, elsewhere):
    with pytest.raises(PermissionDenied):
        follow_group_save(hospital=hospital, data=GROUP_DATA, acting_user=elsewhere["lead"])


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "   ", "purpose": "x"}, "name"),
        ({"name": "x", "purpose": ""}, "purpose"),
        ({"name": "x" * 201, "purpose": "x"}, "name"),
        ({"name": "x", "purpose": "x" * 4001}, "purpose"),
        ({"name": "a\x00b", "purpose": "x"}, "name"),
    ],
)
def test_a_group_needs_a_name_and_a_purpose_that_fit(hospital, people, data, field):
    with pytest.raises(ValidationError) as error:
        follow_group_save(hospital=hospital, data=data, acting_user=people["lead"])
    assert field in error.value.message_dict


# Members


def test_the_lead_adds_a_member_who_represents_a_unit(member, people, units):
    assert (member.user, member.unit, member.joined_on) == (people["flowmanager"], units[PERSONA_DEPARTMENT], DAY)
    assert member.history.get().history_user == people["lead"]


def test_a_person_is_a_member_once(group, member, people, units):
    with pytest.raises(ValidationError, match="already a member"):
        follow_group_member_add(
            group=group,
            user=people["flowmanager"],
            unit=units[COMMUNICATION_UNIT],
            joined_on=DAY,
            acting_user=people["community"],
        )
    assert group.members.count() == 1


def test_a_unit_of_another_hospital_is_refused(group, people, elsewhere):
    with pytest.raises(ValidationError) as error:
        follow_group_member_add(
            group=group,
            user=people["producer"],
            unit=elsewhere["department"],
            joined_on=DAY,
            acting_user=people["lead"],
        )
    assert "unit" in error.value.message_dict


def test_a_person_of_another_hospital_is_refused(group, people, units, elsewhere):
    for user in [elsewhere["nurse"], people["admin"]]:
        with pytest.raises(ValidationError) as error:
            follow_group_member_add(
                group=group, user=user, unit=units[PERSONA_DEPARTMENT], joined_on=DAY, acting_user=people["lead"]
            )
        assert "user" in error.value.message_dict


def test_a_deactivated_person_is_refused(group, people, units):
    producer = people["producer"]
    producer.is_active = False
    producer.save()
    with pytest.raises(ValidationError):
        follow_group_member_add(
            group=group, user=producer, unit=units[PERSONA_DEPARTMENT], joined_on=DAY, acting_user=people["lead"]
        )


@pytest.mark.parametrize("persona", ["producer", "flowmanager", "manager", "admin"])
def test_only_reviewers_add_members(group, member, people, units, persona):
    """Members themselves (the flowmanager) do not decide who else is in the group."""
    with pytest.raises(PermissionDenied):
        follow_group_member_add(
            group=group,
            user=people["producer"],
            unit=units[PERSONA_DEPARTMENT],
            joined_on=DAY,
            acting_user=people[persona],
        )


def test_the_lead_removes_a_member_and_history_names_her(member, people):
    follow_group_member_remove(member=member, acting_user=people["community"])
    assert not FollowGroupMember.objects.exists()
    removal = FollowGroupMember.history.filter(id=member.pk).latest("history_date")
    assert (removal.history_type, removal.history_user) == ("-", people["community"])


def test_removing_twice_says_so(member, people):
    follow_group_member_remove(member=member, acting_user=people["lead"])
    with pytest.raises(ValidationError, match="already left"):
        follow_group_member_remove(member=member, acting_user=people["lead"])


@pytest.mark.parametrize("persona", ["producer", "flowmanager", "manager", "admin"])
def test_only_reviewers_remove_members(member, people, persona):
    with pytest.raises(PermissionDenied):
        follow_group_member_remove(member=member, acting_user=people[persona])
    assert FollowGroupMember.objects.filter(pk=member.pk).exists()


def test_a_lead_cannot_remove_a_member_of_another_hospitals_group(people, elsewhere):
    with pytest.raises(PermissionDenied):
        follow_group_member_remove(member=elsewhere["member"], acting_user=people["lead"])


# Meetings and ideas


def test_a_member_records_a_meeting_with_its_ideas(group, member, people):
    meeting = follow_group_meeting_record(
        group=group,
        held_on=DAY,
        minutes="  Vi talte om hjerteugen.  ",
        ideas=["  Patienthistorier  ", "", "Spørgetime   med   lægen", "patienthistorier", "Quiz"],
        acting_user=people["flowmanager"],
    )
    assert (meeting.held_on, meeting.minutes, meeting.recorded_by) == (DAY, "Vi talte om hjerteugen.", member.user)
    assert list(meeting.ideas.values_list("text", "status")) == [
        ("Patienthistorier", "new"),
        ("Spørgetime med lægen", "new"),
        ("Quiz", "new"),
    ]
    assert meeting.history.get().history_user == people["flowmanager"]
    assert {idea.history.get().history_user for idea in meeting.ideas.all()} == {people["flowmanager"]}


def test_a_meeting_without_ideas_is_recorded(group, people):
    meeting = follow_group_meeting_record(
        group=group, held_on=DAY, minutes="Kort møde", ideas=[], acting_user=people["lead"]
    )
    assert not meeting.ideas.exists()


@pytest.mark.parametrize("persona", ["producer", "manager", "admin"])
def test_people_outside_the_group_do_not_record_meetings(group, member, people, persona):
    with pytest.raises(PermissionDenied):
        follow_group_meeting_record(group=group, held_on=DAY, minutes="x", ideas=[], acting_user=people[persona])
    assert not FollowGroupMeeting.objects.exists()


def test_a_member_of_one_group_does_not_record_in_another_hospitals_group(member, people, elsewhere):
    with pytest.raises(PermissionDenied):
        follow_group_meeting_record(
            group=elsewhere["group"], held_on=DAY, minutes="x", ideas=[], acting_user=people["flowmanager"]
        )


@pytest.mark.parametrize(
    ("held_on", "minutes", "ideas", "field"),
    [
        (timezone.localdate() + datetime.timedelta(days=1), "x", [], "held_on"),
        (DAY, "   ", [], "minutes"),
        (DAY, "x" * 10001, [], "minutes"),
        (DAY, "x", ["ok", "y" * 501], "ideas"),
        (DAY, "x", ["a\x00b"], "ideas"),
        (DAY, "x", [f"Idé {n}" for n in range(MAX_IDEAS_PER_MEETING + 1)], "ideas"),
    ],
)
def test_a_meeting_is_refused_with_a_reason(group, people, held_on, minutes, ideas, field):
    with pytest.raises(ValidationError) as error:
        follow_group_meeting_record(
            group=group, held_on=held_on, minutes=minutes, ideas=ideas, acting_user=people["lead"]
        )
    assert field in error.value.message_dict
    assert not FollowGroupMeeting.objects.exists()
    assert not FollowGroupIdea.objects.exists()


@pytest.fixture
def idea(group, member, people) -> FollowGroupIdea:
    meeting = follow_group_meeting_record(
        group=group, held_on=DAY, minutes="x", ideas=["Patienthistorier"], acting_user=people["lead"]
    )
    return meeting.ideas.get()


@pytest.mark.parametrize("persona", ["lead", "community", "flowmanager"])
def test_reviewers_and_members_set_an_ideas_status(idea, people, persona):
    follow_group_idea_status_set(idea=idea, status="adopted", acting_user=people[persona])
    idea.refresh_from_db()
    assert idea.status == FollowGroupIdea.Status.ADOPTED
    assert idea.history.first().history_user == people[persona]


@pytest.mark.parametrize("persona", ["producer", "manager", "admin"])
def test_others_do_not_set_an_ideas_status(idea, people, persona):
    with pytest.raises(PermissionDenied):
        follow_group_idea_status_set(idea=idea, status="done", acting_user=people[persona])
    idea.refresh_from_db()
    assert idea.status == FollowGroupIdea.Status.NEW


def test_an_unknown_status_is_refused(idea, people):
    with pytest.raises(ValidationError, match="Choose one of the statuses"):
        follow_group_idea_status_set(idea=idea, status="approved'; --", acting_user=people["lead"])


def test_the_same_status_again_writes_no_history(idea, people):
    follow_group_idea_status_set(idea=idea, status="new", acting_user=people["lead"])
    assert idea.history.count() == 1


def test_another_hospitals_idea_is_refused(people, elsewhere):
    with pytest.raises(PermissionDenied):
        follow_group_idea_status_set(idea=elsewhere["idea"], status="done", acting_user=people["lead"])


# Ideas typed one per line


def test_ideas_are_read_one_per_line_without_bullets_or_blank_lines():
    text = "- Patienthistorier\r\n\r\n* Spørgetime\n• Quiz  \n– Live\n10. oktober: åbent hus\n  -2 grader\n+45 ring"
    assert ideas_from_lines(text) == [
        "Patienthistorier",
        "Spørgetime",
        "Quiz",
        "Live",
        "10. oktober: åbent hus",
        "-2 grader",
        "+45 ring",
    ]


def test_the_meeting_form_names_the_line_that_is_too_long():
    form = FollowGroupMeetingForm({"held_on": "2026-03-10", "minutes": "x", "ideas": "ok\n\n" + "y" * 501})
    assert not form.is_valid()
    assert "line 3" in form.errors["ideas"][0]


# Selectors


def test_no_group_is_evidence_of_nothing(hospital):
    evidence = follow_group_evidence(hospital=hospital, today=DAY)
    assert not evidence.exists
    assert (evidence.member_count, evidence.last_meeting_on, evidence.open_ideas) == (0, None, 0)


def _meeting(group, held_on, ideas, acting_user):
    return follow_group_meeting_record(group=group, held_on=held_on, minutes="x", ideas=ideas, acting_user=acting_user)


def test_the_evidence_counts_members_units_meetings_and_open_ideas(group, member, people, units):
    lead = people["lead"]
    follow_group_member_add(
        group=group, user=people["producer"], unit=units[PERSONA_DEPARTMENT], joined_on=DAY, acting_user=lead
    )
    follow_group_member_add(
        group=group, user=people["community"], unit=units[COMMUNICATION_UNIT], joined_on=DAY, acting_user=lead
    )
    _meeting(group, datetime.date(2025, 3, 10), ["Gammel"], lead)  # exactly a year before: not in the last 12 months
    _meeting(group, datetime.date(2025, 3, 11), ["Ny", "Vedtaget"], lead)
    recent = _meeting(group, datetime.date(2026, 2, 1), ["Færdig", "Afvist"], lead)
    adopted = FollowGroupIdea.objects.get(text="Vedtaget")
    follow_group_idea_status_set(idea=adopted, status="adopted", acting_user=lead)
    done, declined = recent.ideas.order_by("pk")
    follow_group_idea_status_set(idea=done, status="done", acting_user=lead)
    follow_group_idea_status_set(idea=declined, status="declined", acting_user=lead)

    evidence = follow_group_evidence(hospital=group.hospital, today=DAY)

    assert evidence.exists
    assert (evidence.member_count, evidence.unit_count, evidence.department_count) == (3, 2, 1)
    assert evidence.has_members_from_several_units
    assert evidence.last_meeting_on == datetime.date(2026, 2, 1)
    assert evidence.meetings_last_12_months == 2
    assert evidence.open_ideas == 3  # Gammel and Ny (new), Vedtaget (adopted)


def test_the_evidence_on_an_earlier_day_ignores_later_meetings(group, people):
    _meeting(group, datetime.date(2026, 1, 10), [], people["lead"])
    _meeting(group, datetime.date(2026, 3, 1), [], people["lead"])
    evidence = follow_group_evidence(hospital=group.hospital, today=datetime.date(2026, 2, 1))
    assert (evidence.last_meeting_on, evidence.meetings_last_12_months) == (datetime.date(2026, 1, 10), 1)


def test_the_last_12_months_from_a_leap_day(group, people):
    _meeting(group, datetime.date(2023, 2, 28), [], people["lead"])
    _meeting(group, datetime.date(2023, 3, 1), [], people["lead"])
    evidence = follow_group_evidence(hospital=group.hospital, today=datetime.date(2024, 2, 29))
    assert evidence.meetings_last_12_months == 1


def test_the_evidence_is_of_one_hospital(group, member, elsewhere):
    evidence = follow_group_evidence(hospital=elsewhere["hospital"], today=DAY)
    assert (evidence.member_count, evidence.meetings_last_12_months, evidence.open_ideas) == (1, 1, 1)


def test_the_evidence_is_frozen(hospital):
    evidence = follow_group_evidence(hospital=hospital, today=DAY)
    with pytest.raises(AttributeError):
        evidence.member_count = 5


def _fill(group, people, units, *, meetings: int, ideas: int):
    for username in ["producer", "community", "manager"]:
        if not group.members.filter(user__username=username).exists():
            unit = units[COMMUNICATION_UNIT if username == "community" else PERSONA_DEPARTMENT]
            follow_group_member_add(
                group=group, user=people[username], unit=unit, joined_on=DAY, acting_user=people["lead"]
            )
    for number in range(meetings):
        _meeting(group, DAY - datetime.timedelta(days=30 * number), [f"Idé {n}" for n in range(ideas)], people["lead"])


def _read_everything(group: FollowGroup) -> None:
    for member in group.members.all():
        str(member.user), str(member.unit)
    for meeting in group.meetings.all():
        str(meeting.recorded_by)
        [idea.text for idea in meeting.ideas.all()]


@pytest.mark.parametrize(("meetings", "ideas"), [(1, 1), (6, 8)])
def test_the_group_is_read_in_four_queries_whatever_its_size(
    group, member, people, units, django_assert_num_queries, meetings, ideas
):
    _fill(group, people, units, meetings=meetings, ideas=ideas)
    with django_assert_num_queries(4):
        loaded = follow_group_get(hospital=group.hospital)
        _read_everything(loaded)
    with django_assert_num_queries(3):
        follow_group_evidence(hospital=group.hospital, today=DAY)


def test_the_group_comes_with_members_by_unit_and_meetings_newest_first(group, member, people, units):
    lead = people["lead"]
    follow_group_member_add(
        group=group, user=people["community"], unit=units[COMMUNICATION_UNIT], joined_on=DAY, acting_user=lead
    )
    _meeting(group, datetime.date(2026, 1, 1), [], lead)
    _meeting(group, datetime.date(2026, 2, 1), ["b", "a"], lead)
    loaded = follow_group_get(hospital=group.hospital)
    assert [m.unit.name for m in loaded.members.all()] == [PERSONA_DEPARTMENT, COMMUNICATION_UNIT]
    meetings = list(loaded.meetings.all())
    assert [m.held_on for m in meetings] == [datetime.date(2026, 2, 1), datetime.date(2026, 1, 1)]
    assert [i.text for i in meetings[0].ideas.all()] == ["b", "a"]


def test_no_group_reads_as_none(hospital):
    assert follow_group_get(hospital=hospital) is None
