"""Crisis mode: scheduled posts are held and departments stop posting; ending it restores both exactly."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from channels_plan.models import Channel, ContentProposal
from channels_plan.rights.policy import POST, channels_permitted
from channels_plan.services import proposal_create, proposal_record_publication, proposal_schedule_directly
from governance.crisis.services import crisis_mode_end, crisis_mode_start
from governance.exceptions import GovernanceError
from governance.models import CrisisPeriod, Hospital, Unit, User
from hospital_some.demo.seed import PERSONA_DEPARTMENT

pytestmark = pytest.mark.usefixtures("pages_in_english")


@pytest.fixture
def hospital(demo) -> Hospital:
    return Hospital.objects.get()


def _schedule(people, title: str, when) -> ContentProposal:
    """The department's flowmanager (level 3, selected) schedules a post on the department's own channel."""
    department = Unit.objects.get(name=PERSONA_DEPARTMENT)
    channel = Channel.objects.get(unit=department)
    proposal = proposal_create(
        unit=department,
        data={"title": title, "text": "Tekst", "channels": [channel], "strategy": "openness"},
        acting_user=people["flowmanager"],
    )
    return proposal_schedule_directly(proposal=proposal, scheduled_at=when, acting_user=people["flowmanager"])


def _schedule_snapshot() -> set[tuple[int, str, object]]:
    return set(ContentProposal.objects.values_list("pk", "status", "scheduled_at"))


def test_starting_holds_every_scheduled_post_and_ending_returns_them_exactly(hospital, people):
    soon = _schedule(people, "I morgen", timezone.now() + timedelta(days=1))
    later = _schedule(people, "Næste uge", timezone.now() + timedelta(days=7))
    before = _schedule_snapshot()
    scheduled = {pk for pk, status, _ in before if status == "scheduled"}
    assert {soon.pk, later.pk} <= scheduled

    crisis = crisis_mode_start(hospital=hospital, reason="Brand i bygning 3", acting_user=people["lead"])

    held = ContentProposal.objects.filter(status=ContentProposal.Status.HELD)
    assert set(held.values_list("pk", flat=True)) == scheduled
    assert all(proposal.held_by_crisis == crisis for proposal in held)
    assert ContentProposal.objects.filter(status="scheduled").count() == 0

    crisis_mode_end(crisis=crisis, note="Slukket", acting_user=people["lead"])

    assert _schedule_snapshot() == before  # same posts, same status, same times: nothing lost, nothing doubled
    assert ContentProposal.objects.filter(held_by_crisis__isnull=False).count() == 0
    assert ContentProposal.objects.count() == len(before)
    soon.refresh_from_db()
    assert soon.history.first().history_user == people["lead"]


def test_departments_stop_posting_during_a_crisis_and_the_communication_unit_goes_on(hospital, people):
    department_channel = Channel.objects.get(unit__name=PERSONA_DEPARTMENT)
    channels = [department_channel]
    assert channels_permitted(user=people["flowmanager"], codename=POST, channels=channels)

    crisis = crisis_mode_start(hospital=hospital, reason="Cyberangreb", acting_user=people["lead"])
    assert not channels_permitted(user=people["flowmanager"], codename=POST, channels=channels)
    assert not channels_permitted(user=people["producer"], codename=POST, channels=channels)
    assert channels_permitted(user=people["lead"], codename=POST, channels=channels)

    crisis_mode_end(crisis=crisis, acting_user=people["lead"])
    assert channels_permitted(user=people["flowmanager"], codename=POST, channels=channels)
    assert channels_permitted(user=people["producer"], codename=POST, channels=channels)


def test_what_is_scheduled_during_the_crisis_is_left_alone_when_it_ends(hospital, people):
    crisis = crisis_mode_start(hospital=hospital, reason="Storulykke", acting_user=people["lead"])
    department = Unit.objects.get(name=PERSONA_DEPARTMENT)
    channel = Channel.objects.get(unit=department)
    update = proposal_create(
        unit=Unit.objects.get(kind=Unit.Kind.COMMUNICATION),
        data={"title": "Opdatering", "text": "Vi ved nu", "channels": [channel], "strategy": "crisis"},
        acting_user=people["community"],
    )
    proposal_schedule_directly(
        proposal=update, scheduled_at=timezone.now() + timedelta(hours=1), acting_user=people["community"]
    )
    crisis_mode_end(crisis=crisis, acting_user=people["lead"])
    update.refresh_from_db()
    assert update.status == ContentProposal.Status.SCHEDULED and update.held_by_crisis is None


def test_a_held_post_cannot_be_published(hospital, people):
    proposal = _schedule(people, "Holdt", timezone.now() + timedelta(days=1))
    crisis_mode_start(hospital=hospital, reason="Krise", acting_user=people["lead"])
    proposal.refresh_from_db()
    with pytest.raises(Exception, match="scheduled"):
        proposal_record_publication(
            proposal=proposal, published_at=timezone.now(), permalink="https://x.example/1", acting_user=people["lead"]
        )


@pytest.mark.parametrize("person", ["community", "flowmanager", "producer", "manager", "admin"])
def test_only_the_lead_starts_crisis_mode(hospital, people, person):
    with pytest.raises(GovernanceError):
        crisis_mode_start(hospital=hospital, reason="Krise", acting_user=people[person])
    assert not CrisisPeriod.objects.exists()


def test_one_crisis_at_a_time_and_ending_twice_is_refused(hospital, people):
    crisis = crisis_mode_start(hospital=hospital, reason="Krise", acting_user=people["lead"])
    with pytest.raises(GovernanceError, match="has been on since"):
        crisis_mode_start(hospital=hospital, reason="Igen", acting_user=people["lead"])
    crisis_mode_end(crisis=crisis, acting_user=people["lead"])
    with pytest.raises(GovernanceError, match="already ended"):
        crisis_mode_end(crisis=crisis, acting_user=people["lead"])


def test_an_expected_end_in_the_past_is_refused(hospital, people):
    with pytest.raises(GovernanceError, match="future"):
        crisis_mode_start(
            hospital=hospital,
            reason="Krise",
            expected_end=timezone.now() - timedelta(hours=1),
            acting_user=people["lead"],
        )


def test_the_crisis_team_is_told_after_commit_without_the_reason(
    hospital, people, django_capture_on_commit_callbacks, eager_celery
):
    with django_capture_on_commit_callbacks(execute=True):
        crisis = crisis_mode_start(hospital=hospital, reason="Patient X er død", acting_user=people["lead"])
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == ["community@demohospitalet.example", "lead@demohospitalet.example"]
    assert "Patient X" not in mail.outbox[0].body and "/crisis/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        crisis_mode_end(crisis=crisis, acting_user=people["lead"])
    assert "ended" in mail.outbox[1].subject


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_leads_starting_at_once_start_one_crisis(demo):
    hospital = Hospital.objects.get()
    lead = User.objects.get(username="lead")
    second = User.objects.create_user(username="lead2", password="unused-password-2")
    second.memberships.create(unit=Unit.objects.get(kind=Unit.Kind.COMMUNICATION), role=lead.memberships.get().role)
    barrier, outcomes = threading.Barrier(2), []

    def start(person):
        barrier.wait()
        try:
            with translation.override("en"):
                crisis_mode_start(hospital=hospital, reason="Samtidig", acting_user=person)
            outcomes.append("started")
        except GovernanceError as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=start, args=(person,)) for person in (lead, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcome == "started" for outcome in outcomes) == [False, True]
    assert CrisisPeriod.objects.count() == 1


# Pages


def test_the_banner_shows_on_every_page_with_the_crisis_plan(client_as, hospital, people):
    crisis_mode_start(hospital=hospital, reason="Brand", acting_user=people["lead"])
    for url in (reverse("home"), reverse("channels_plan:proposal_list"), reverse("maturity:scale")):
        html = client_as("producer").get(url).content.decode()
        assert "is in crisis mode" in html
        assert "Read the crisis plan" in html


def test_people_of_another_hospital_see_no_banner(client, hospital, people):
    crisis_mode_start(hospital=hospital, reason="Brand", acting_user=people["lead"])
    other = Hospital.objects.create(name="Andet hospital", country="NO")
    stranger = User.objects.create_user(username="stranger", password="unused-password-3")
    stranger.memberships.create(
        unit=Unit.objects.create(hospital=other, name="Avdeling"), role=people["producer"].memberships.get().role
    )
    client.force_login(stranger)
    assert "is in crisis mode" not in client.get(reverse("home")).content.decode()


def test_the_lead_starts_and_ends_crisis_mode_in_the_browser_flow(client_as, people):
    held = _schedule(people, "Holdes", timezone.now() + timedelta(days=2))
    client = client_as("lead")
    response = client.post(reverse("crisis:start"), {"reason": "Strømsvigt", "expected_end": ""}, follow=True)
    html = response.content.decode()
    assert "Crisis mode is on. 2 scheduled posts are held" in html
    assert "Strømsvigt" in html
    crisis = CrisisPeriod.objects.get()
    response = client.post(reverse("crisis:end", args=[crisis.pk]), {"note": "Strøm tilbage"}, follow=True)
    assert "2 held posts are back in the schedule" in response.content.decode()
    held.refresh_from_db()
    assert held.status == ContentProposal.Status.SCHEDULED


def test_a_start_without_a_reason_keeps_the_form(client_as):
    response = client_as("lead").post(reverse("crisis:start"), {"reason": "", "expected_end": "2020-01-01T10:00"})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not CrisisPeriod.objects.exists()


def test_the_crisis_page_runs_a_fixed_number_of_queries(client_as, hospital, people, django_assert_num_queries):
    client = client_as("lead")
    url = reverse("crisis:status")
    client.get(url)
    with django_assert_num_queries(CRISIS_PAGE_QUERIES):
        client.get(url)
    for _ in range(3):
        crisis = crisis_mode_start(hospital=hospital, reason="Øvelse", acting_user=people["lead"])
        crisis_mode_end(crisis=crisis, acting_user=people["lead"])
    crisis_mode_start(hospital=hospital, reason="Nu", acting_user=people["lead"])
    with django_assert_num_queries(CRISIS_PAGE_QUERIES):
        client.get(url)


CRISIS_PAGE_QUERIES = 11


def test_held_posts_stay_visible_in_the_editorial_calendar(client_as, hospital, people):
    held = _schedule(people, "Holdes i kalenderen", timezone.now() + timedelta(days=1))
    crisis_mode_start(hospital=hospital, reason="Brand", acting_user=people["lead"])
    page = client_as("lead").get(reverse("calendar:list"), {"status": "held"}).content.decode()
    assert held.title in page and "Held during crisis mode" in page
