"""One truth for the channel evidence: what the gap report says of channels, the calendar and published posts is
what the page its evidence links to shows; every unit gets an answer where the scale asks; and an approved channel
asks its owner and the communication unit, and nobody else, to activate it."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from channels_plan.evidence import (
    calendar_in_use_evidence,
    calendar_url,
    channel_plans_evidence,
    proposal_share_evidence,
    registry_url,
)
from channels_plan.models import Channel, ContentProposal
from channels_plan.services import (
    channel_status_set,
    plan_create,
    plan_decide,
    plan_submit,
    proposal_create,
    proposal_decide,
    proposal_record_publication,
    proposal_submit,
)
from governance.models import Unit
from maturity.evidence import EvidenceStatus
from maturity.gaps.engine import unit_gap_report
from tests.factories import UnitFactory, complete_plan_data
from tests.gap_factories import unit_at

pytestmark = pytest.mark.django_db


def _today() -> datetime.date:
    return timezone.localdate()


def _summary(unit: Unit, source: str, *, hospital: bool, level: int = 3) -> str:
    """What the unit's gap report at ``level`` says for ``source``, in the hospital's part or the department's."""
    with translation.override("en"):
        report = unit_gap_report(unit, today=_today(), level=level)
    items = [item for item in report.items if item.source == source and item.is_hospital_part == hospital]
    assert items, f"{source} is not in the {'hospital' if hospital else 'department'} part"
    return items[0].evidence.summary


def _number(pattern: str, text: str) -> tuple[int, ...]:
    match = re.search(pattern, text)
    assert match, f"{pattern!r} not in {text!r}"
    return tuple(int(group) for group in match.groups())


def _channel(department: Unit) -> Channel:
    return Channel.objects.filter(unit=department).exclude(status=Channel.Status.CLOSED).order_by("pk").first()


def _publish_reviewed(department: Unit, people, title: str) -> ContentProposal:
    """A producer's proposal, reviewed and scheduled by the communication unit, then recorded as published."""
    now = timezone.now()
    proposal = proposal_create(
        unit=department,
        acting_user=people["producer"],
        data={"title": title, "text": "Tekst", "channels": [_channel(department)], "strategy": "openness"},
    )
    proposal_submit(proposal=proposal, acting_user=people["producer"])
    proposal_decide(
        proposal=proposal,
        decision="schedule",
        comment="",
        scheduled_at=now - datetime.timedelta(minutes=30),
        acting_user=people["lead"],
    )
    return proposal_record_publication(
        proposal=proposal,
        published_at=now - datetime.timedelta(minutes=20),
        permalink="https://www.facebook.com/demohospitalet/posts/2",
        acting_user=people["lead"],
    )


def test_posts_published_through_proposals_are_the_calendars_published_items(department, people, client_as):
    """The issue's case: right after a post went out through a proposal, the report counted "0 of 1"."""
    client = client_as("flowmanager")
    page_url = calendar_url(department.pk, published=True)

    def report_figures() -> tuple[int, int]:
        summary = _summary(department, "proposal_share", hospital=False)
        return _number(r"(\d+) posts published through the calendar .*, (\d+) of them", summary)

    def page_count() -> int:
        return client.get(page_url).context["item_count"]

    published, reviewed = report_figures()
    assert published == page_count() >= 1  # the demo published one, scheduled by the flowmanager
    _publish_reviewed(department, people, "Gennem et forslag")
    assert report_figures() == (published + 1, reviewed + 1)
    assert page_count() == published + 1
    evidence = proposal_share_evidence([department], 3, _today())[department.pk]
    assert evidence.status == EvidenceStatus.MET


def test_the_hospitals_calendar_in_use_is_the_calendars_count_of_the_last_30_days(department, people, client_as):
    client = client_as("lead")

    def report_count() -> int:
        (count,) = _number(r"(\d+) posts of the hospital", _summary(department, "calendar_in_use", hospital=True))
        return count

    before = report_count()
    assert before == client.get(calendar_url()).context["item_count"]
    _publish_reviewed(department, people, "Endnu et opslag")
    assert report_count() == before + 1 == client.get(calendar_url()).context["item_count"]


def test_active_channels_with_a_current_plan_are_the_registrys(department, people, client_as):
    client = client_as("flowmanager")
    for channel in Channel.objects.filter(unit=department, status=Channel.Status.ACTIVE):
        channel_status_set(channel=channel, status=Channel.Status.PAUSED, acting_user=people["lead"])
    answer = channel_plans_evidence([department], 3, _today())[department.pk]
    assert answer.status == EvidenceStatus.NOT_APPLICABLE  # no active channel of its own: no plan to keep current
    assert client.get(registry_url(department.pk)).context["page"].paginator.count == 0

    channel_status_set(channel=_channel(department), status=Channel.Status.ACTIVE, acting_user=people["lead"])
    done, count = _number(r"(\d+) of (\d+) active channels", _summary(department, "channel_plans", hospital=False))
    rows = client.get(registry_url(department.pk)).context["channels"]
    assert count == len(rows) == 1
    assert done == sum(1 for channel in rows if channel.plan_current)


def test_every_unit_gets_an_answer_where_the_channel_lines_are_asked(demo, department):
    quiet = unit_at(hospital=demo, name="Stille afdeling", current=3, target=3)
    communication = Unit.objects.get(hospital=demo, kind=Unit.Kind.COMMUNICATION)
    units = [quiet, department, communication]
    for provider in (channel_plans_evidence, calendar_in_use_evidence, proposal_share_evidence):
        assert set(provider(units, 3, _today())) == {unit.pk for unit in units}, provider.__name__
    not_posting = calendar_in_use_evidence([quiet], 3, _today())[quiet.pk]
    assert not_posting.status == EvidenceStatus.NOT_APPLICABLE and "not enrolled to post" in not_posting.summary
    assert proposal_share_evidence([quiet], 3, _today())[quiet.pk].status == EvidenceStatus.NOT_APPLICABLE


def test_a_hospital_without_channels_or_posts_does_not_meet_the_lines():
    communication = UnitFactory(name="Kommunikation", kind=Unit.Kind.COMMUNICATION)
    for provider in (channel_plans_evidence, calendar_in_use_evidence, proposal_share_evidence):
        answer = provider([communication], 3, _today())[communication.pk]
        assert answer.status == EvidenceStatus.NOT_MET, provider.__name__
        assert answer.fix_url and answer.fix_by


# --- Channels to activate ------------------------------------------------------------------------------------


@pytest.fixture
def approved(department, people) -> Channel:
    """A plan owned by the producer (the flowmanager its back-up), approved by the communication unit."""
    data = complete_plan_data(
        unit=department,
        title="Hjerteskolen på TikTok",
        sender_name="Hjerteskolen",
        owner=people["producer"],
        backup=people["flowmanager"],
    )
    plan = plan_create(unit=department, data=data, acting_user=people["flowmanager"])
    plan_submit(plan=plan, acting_user=people["flowmanager"])
    plan_decide(plan=plan, decision="approve", comment="", acting_user=people["lead"])
    return Channel.objects.select_related("owner", "unit").get(plan=plan)


PROMPT = "Set the channel active once its account exists: Hjerteskolen"


def _dashboard(client_as, username: str) -> str:
    return client_as(username).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()


def _registry(client_as, username: str):
    return client_as(username).get(reverse("channels_plan:channel_list"), HTTP_ACCEPT_LANGUAGE="en")


def test_the_owner_and_the_communication_unit_are_asked_to_activate_an_approved_channel(approved, client_as):
    assert approved.status == Channel.Status.PLANNED and approved.owner.username == "producer"
    for username in ("producer", "lead", "community"):  # the owner, and the communication unit's reviewers
        assert PROMPT in _dashboard(client_as, username), username
        registry = _registry(client_as, username)
        assert approved in registry.context["to_activate"], username
        html = registry.content.decode()
        assert "Channels to activate" in html
        assert reverse("channels_plan:channel_status", args=[approved.pk]) in html
    detail = client_as("producer").get(
        reverse("channels_plan:channel_detail", args=[approved.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "The account exists: set the channel active" in detail.content.decode()


def test_nobody_else_is_asked(approved, client_as):
    for username in ("flowmanager", "manager", "admin"):  # the back-up, the department's manager, an administrator
        assert PROMPT not in _dashboard(client_as, username), username
        assert approved not in _registry(client_as, username).context["to_activate"], username


def test_the_registrys_button_activates_the_channel_and_the_prompt_disappears(approved, client_as):
    owner = approved.owner.username
    response = client_as(owner).post(
        reverse("channels_plan:channel_status", args=[approved.pk]), {"status": Channel.Status.ACTIVE}
    )
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == Channel.Status.ACTIVE
    for username in (owner, "lead", "community"):
        assert PROMPT not in _dashboard(client_as, username)
        assert approved not in _registry(client_as, username).context["to_activate"]
    detail = client_as(owner).get(reverse("channels_plan:channel_detail", args=[approved.pk]))
    assert "The account exists: set the channel active" not in detail.content.decode()


def test_someone_who_may_not_manage_the_channel_cannot_activate_it(approved, client_as):
    response = client_as("manager").post(
        reverse("channels_plan:channel_status", args=[approved.pk]), {"status": Channel.Status.ACTIVE}
    )
    assert response.status_code in (403, 404)
    approved.refresh_from_db()
    assert approved.status == Channel.Status.PLANNED
