"""The editorial calendar: month, week and list views, htmx region swaps, and the personal iCalendar feed."""

import datetime
import re
import zoneinfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from channels_plan.calendar.views import MONTH_ITEMS_PER_DAY
from channels_plan.exceptions import PlanError
from channels_plan.models import CalendarFeedToken, Channel, ContentProposal
from channels_plan.services import (
    calendar_feed_token_reset,
    plan_create,
    plan_decide,
    proposal_create,
    proposal_record_publication,
    proposal_schedule_directly,
)
from governance.models import Unit, User
from maturity.models import Level
from maturity.services import unit_maturity_set
from tests.factories import UnitFactory, UserFactory, membership_make, plan_submit_complete

pytestmark = pytest.mark.django_db

COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")
SECRET_TEXT = "Patienten Jens Hansen, cpr 010101-1234, fortæller om sit forløb."
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "calendar-region"}
VIEWS = ["calendar:month", "calendar:week", "calendar:list"]


def _today_at(hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(timezone.localdate(), datetime.time(hour, minute), tzinfo=COPENHAGEN)


def _demo_channel() -> Channel:
    return Channel.objects.get(plan__title="Hjerteafdelingen på Facebook")


def _scheduled(people, *, at, title="Hjerteugen", channels=None, strategy="openness"):
    """A post scheduled through the services, as the department's producer (who may post on the demo channel)."""
    proposal = proposal_create(
        unit=Unit.objects.get(name="Hjertemedicinsk afdeling"),
        data={
            "title": title,
            "text": SECRET_TEXT,
            "channels": channels or [_demo_channel()],
            "strategy": strategy,
        },
        acting_user=people["producer"],
    )
    return proposal_schedule_directly(proposal=proposal, scheduled_at=at, acting_user=people["producer"])


def _published(people, *, at, title="Åbent hus"):
    proposal = _scheduled(people, at=at, title=title)
    return proposal_record_publication(
        proposal=proposal, published_at=at, permalink="https://example.org/p/1", acting_user=people["producer"]
    )


def _second_channel(department, people) -> Channel:
    plan = plan_create(
        unit=department,
        data={"title": "Hjerteafdelingen på LinkedIn", "platform": "linkedin"},
        acting_user=people["producer"],
    )
    plan_submit_complete(plan=plan, acting_user=people["producer"])
    plan_decide(plan=plan, decision="approve", comment="", acting_user=people["lead"])
    return Channel.objects.get(plan=plan)


@pytest.fixture
def foreign_department(demo, people):
    """A level-3 department of the same hospital that the demo's department people do not belong to."""
    unit = UnitFactory(hospital=Unit.objects.get(name="Akutafdelingen").hospital, name="Fremmed afdeling")
    producer = UserFactory(username="foreign-producer")
    membership_make(user=producer, unit=unit, role_code="producer")
    membership_make(user=UserFactory(username="foreign-flow"), unit=unit, role_code="flowmanager")
    level = Level.objects.get(number=3)
    unit_maturity_set(unit=unit, current_level=level, target_level=level, acting_user=None)
    plan = plan_create(unit=unit, data={"title": "Fremmed kanal", "platform": "x"}, acting_user=producer)
    plan_submit_complete(plan=plan, acting_user=producer)
    plan_decide(plan=plan, decision="approve", comment="", acting_user=people["lead"])
    return unit


def _foreign_item(unit, people, *, at, title="Fremmed opslag"):
    """Proposed by the foreign producer, scheduled by the communication unit (which posts on every channel)."""
    proposal = proposal_create(
        unit=unit,
        data={
            "title": title,
            "text": SECRET_TEXT,
            "channels": [Channel.objects.get(unit=unit)],
            "strategy": "branding",
        },
        acting_user=User.objects.get(username="foreign-producer"),
    )
    return proposal_schedule_directly(proposal=proposal, scheduled_at=at, acting_user=people["lead"])


def _titles(html: str) -> set[str]:
    """The titles of this test's posts the page links to (the month and week views put the time first).

    Posts the demo itself seeds, with other texts, are left out, so the tests hold whatever the demo shows.
    """
    linked = set(re.findall(r'<a href="/proposals/\d+/">(?:<time[^>]*>[^<]*</time> )?([^<]+)</a>', html))
    return linked - set(ContentProposal.objects.exclude(text=SECRET_TEXT).values_list("title", flat=True))


def _ours(events) -> list:
    """This test's events in a feed: those of posts with the test's text."""
    ours = {str(pk) for pk in ContentProposal.objects.filter(text=SECRET_TEXT).values_list("pk", flat=True)}
    return [event for event in events if str(event["UID"]).split("@")[0].removeprefix("content-proposal-") in ours]


@pytest.fixture(autouse=True)
def english(client):
    """Pages in English, whatever the default language: the assertions read English texts."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


# --- the month view ---------------------------------------------------------------------------------------------


def test_the_month_view_is_a_table_with_todays_item_as_a_link(client_as, people):
    item = _scheduled(people, at=_today_at(12))
    response = client_as("lead").get(reverse("calendar:month"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<caption>" in html
    assert html.count('<th scope="col"') == 8  # the week number and seven days
    today_cell = re.search(r'<td class="[^"]*calendar-day--today"[^>]*aria-current="date">(.*?)</td>', html, re.S)
    assert today_cell, "today's cell is marked aria-current=date"
    assert f'<a href="/proposals/{item.pk}/">' in today_cell.group(1)
    assert "12:00" in today_cell.group(1)
    assert "Hjerteugen" in today_cell.group(1)
    assert SECRET_TEXT not in html


def test_a_day_is_the_day_in_copenhagen_not_in_utc(client_as, people):
    # 22:30 UTC on 31 May is 00:30 on 1 June in Copenhagen (summer time).
    item = _scheduled(people, at=datetime.datetime(2030, 5, 31, 22, 30, tzinfo=datetime.UTC), title="Midnatsopslag")
    june = client_as("lead").get(reverse("calendar:list"), {"date": "2030-06-15"}).content.decode()
    may = client_as("lead").get(reverse("calendar:list"), {"date": "2030-05-15"}).content.decode()
    assert f"/proposals/{item.pk}/" in june and "00:30" in june
    assert f"/proposals/{item.pk}/" not in may
    week = client_as("lead").get(reverse("calendar:week"), {"date": "2030-06-01"}).content.decode()
    assert re.search(r'datetime="2030-06-01T00:30:00\+02:00">00:30</time> Midnatsopslag', week)


def test_a_busy_day_shows_its_first_posts_and_links_the_rest_to_its_week(client_as, people):
    day = datetime.date(2030, 5, 14)
    for number in range(MONTH_ITEMS_PER_DAY + 2):
        _scheduled(people, at=datetime.datetime(2030, 5, 14, 8 + number, tzinfo=COPENHAGEN), title=f"Opslag {number}")
    html = client_as("lead").get(reverse("calendar:month"), {"date": "2030-05-01"}).content.decode()
    assert [f"Opslag {number}" in html for number in range(MONTH_ITEMS_PER_DAY + 2)] == [True] * 6 + [False] * 2
    week_link = reverse("calendar:week") + f"?date={day:%Y-%m-%d}"
    assert re.search(rf'<a class="calendar-day__more" href="{re.escape(week_link)}">\+2 more', html)
    assert "caption>May 2030: 8 posts<" in html  # the caption still counts every post of the month
    week = client_as("lead").get(week_link).content.decode()
    assert all(f"Opslag {number}" in week for number in range(MONTH_ITEMS_PER_DAY + 2))


def test_navigation_moves_a_month_and_keeps_the_filters(client_as, people):
    _scheduled(people, at=datetime.datetime(2030, 5, 10, 9, tzinfo=COPENHAGEN), title="Maj")
    _scheduled(people, at=datetime.datetime(2030, 6, 10, 9, tzinfo=COPENHAGEN), title="Juni")
    client = client_as("lead")
    html = client.get(reverse("calendar:month"), {"date": "2030-05-20", "strategy": "openness"}).content.decode()
    assert _titles(html) == {"Maj"}
    assert 'href="?date=2030-06-01&amp;strategy=openness"' in html
    assert 'href="?date=2030-04-01&amp;strategy=openness"' in html
    assert f'href="?date={timezone.localdate():%Y-%m-%d}&amp;strategy=openness"' in html
    assert 'hx-get="?date=2030-06-01&amp;strategy=openness"' in html
    assert 'hx-target="#calendar-region"' in html
    assert _titles(client.get(reverse("calendar:month"), {"date": "2030-06-01"}).content.decode()) == {"Juni"}


def test_the_week_view_moves_a_week_at_a_time(client_as, people):
    _scheduled(people, at=datetime.datetime(2030, 5, 15, 9, tzinfo=COPENHAGEN), title="Onsdag")
    html = client_as("lead").get(reverse("calendar:week"), {"date": "2030-05-16"}).content.decode()
    assert _titles(html) == {"Onsdag"}
    assert "Week 20" in html  # 13–19 May 2030
    assert 'href="?date=2030-05-06"' in html and 'href="?date=2030-05-20"' in html
    assert _titles(client_as("lead").get(reverse("calendar:week"), {"date": "2030-05-20"}).content.decode()) == set()


def test_nonsense_dates_show_today(client_as, people):
    for value in ["", "tomorrow", "2030-13-01", "99999-01-01", "0001-01-01"]:
        response = client_as("lead").get(reverse("calendar:month"), {"date": value})
        assert response.status_code == 200
        assert 'aria-current="date"' in response.content.decode()


def test_the_list_view_shows_scheduled_and_published_but_not_drafts(client_as, people):
    day = datetime.datetime(2030, 5, 10, 9, tzinfo=COPENHAGEN)
    _scheduled(people, at=day, title="Planlagt")
    _published(people, at=day + datetime.timedelta(hours=2), title="Udgivet")
    proposal_create(
        unit=Unit.objects.get(name="Hjertemedicinsk afdeling"),
        data={"title": "Kladde", "text": "x", "channels": [_demo_channel()], "strategy": "openness"},
        acting_user=people["producer"],
    )
    html = client_as("producer").get(reverse("calendar:list"), {"date": "2030-05-01"}).content.decode()
    assert "Planlagt" in html and "Udgivet" in html and "Kladde" not in html
    assert html.index("Planlagt") < html.index("Udgivet")
    assert "Hjertemedicinsk afdeling" in html


# --- filters and visibility -------------------------------------------------------------------------------------


def test_filters_by_channel_department_status_and_strategy(client_as, people, department):
    day = datetime.datetime(2030, 5, 10, 9, tzinfo=COPENHAGEN)
    linkedin = _second_channel(department, people)
    _scheduled(people, at=day, title="Facebook", strategy="openness")
    _scheduled(people, at=day, title="LinkedIn", channels=[linkedin], strategy="marketing")
    _published(people, at=day, title="Udgivet")
    client = client_as("lead")

    def titles(**filters):
        return _titles(client.get(reverse("calendar:month"), {"date": "2030-05-01", **filters}).content.decode())

    assert titles() == {"Facebook", "LinkedIn", "Udgivet"}
    assert titles(channel=linkedin.pk) == {"LinkedIn"}
    assert titles(strategy="marketing") == {"LinkedIn"}
    assert titles(status="published") == {"Udgivet"}
    assert titles(unit=department.pk) == {"Facebook", "LinkedIn", "Udgivet"}
    assert titles(unit=Unit.objects.get(name="Akutafdelingen").pk) == set()
    # Unknown values are ignored, not errors.
    assert titles(status="draft", strategy="nonsense", channel="x", unit="-1") == {"Facebook", "LinkedIn", "Udgivet"}


def test_the_filter_form_offers_only_what_the_person_may_see(client_as, foreign_department):
    html = client_as("producer").get(reverse("calendar:month")).content.decode()
    assert "Hjertemedicinsk afdeling" in html
    assert "Fremmed afdeling" not in html
    assert 'for="calendar-filter-channel"' in html and 'for="calendar-filter-strategy"' in html
    assert "Fremmed afdeling" in client_as("lead").get(reverse("calendar:month")).content.decode()


def test_department_people_see_their_units_items_the_communication_unit_all(client_as, people, foreign_department):
    _scheduled(people, at=_today_at(10), title="Vores opslag")
    _foreign_item(foreign_department, people, at=_today_at(11))
    for view in VIEWS:
        assert _titles(client_as("producer").get(reverse(view)).content.decode()) == {"Vores opslag"}
        assert _titles(client_as("manager").get(reverse(view)).content.decode()) == {"Vores opslag"}
        assert _titles(client_as("lead").get(reverse(view)).content.decode()) == {"Vores opslag", "Fremmed opslag"}


# --- htmx ---------------------------------------------------------------------------------------------------------


def test_htmx_gets_only_the_region_with_a_title_and_an_announcement(client_as, people):
    _scheduled(people, at=datetime.datetime(2030, 6, 10, 9, tzinfo=COPENHAGEN), title="Juni")
    response = client_as("lead").get(reverse("calendar:month"), {"date": "2030-06-01"}, **HTMX)
    html = response.content.decode()
    assert "<html" not in html and "<h1>" not in html and "calendar-feed" not in html
    assert html.startswith("<title>June 2030 – Editorial calendar")
    assert '<span id="calendar-status" hx-swap-oob="innerHTML">June 2030: 1 post.</span>' in html
    assert '<h2 id="calendar-heading"' in html
    assert _titles(html) == {"Juni"}
    assert "HX-Request" in response["Vary"]


def test_a_history_restore_or_another_target_gets_the_whole_page(client_as):
    client = client_as("lead")
    restore = client.get(reverse("calendar:week"), **HTMX, HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    other = client.get(reverse("calendar:week"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="main")
    for response in (restore, other):
        assert "<html" in response.content.decode()


def test_the_page_loads_htmx_from_static_without_inline_script_or_style(client_as):
    html = client_as("lead").get(reverse("calendar:month")).content.decode()
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/vendor/htmx/htmx.min.js" defer>']
    assert "includeIndicatorStyles&quot;: false" in html or '"includeIndicatorStyles": false' in html
    assert " style=" not in html and "<style" not in html
    assert 'aria-live="polite"' in html


def test_the_main_navigation_leads_to_the_calendar(client_as):
    html = client_as("producer").get(reverse("home")).content.decode()
    assert f'href="{reverse("calendar:month")}"' in html


# --- query counts -------------------------------------------------------------------------------------------------

# session, user, the person's memberships, their communication units, the items, the items' channels, the filter's
# channels and units, and (whole page only) the feed token.
PAGE_QUERIES = 10  # and one for the crisis notice of the page layout
REGION_QUERIES = 8
FEED_QUERIES = 5  # the token with its owner, the owner's memberships and communication units, the items, channels


def _many(people, count: int, department, *, first: int = 0) -> None:
    linkedin = Channel.objects.filter(plan__title="Hjerteafdelingen på LinkedIn").first() or _second_channel(
        department, people
    )
    for number in range(first, first + count):
        at = _today_at(8) + datetime.timedelta(hours=number % 12)
        channels = [_demo_channel(), linkedin]
        proposal = _scheduled(people, at=at, title=f"Opslag {number}", channels=channels[: 1 + number % 2])
        if number % 3 == 0:
            proposal_record_publication(
                proposal=proposal, published_at=at, permalink="https://example.org", acting_user=people["producer"]
            )


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("persona", ["producer", "lead"])
def test_the_calendar_runs_a_fixed_number_of_queries(
    client_as, people, department, django_assert_num_queries, view, persona
):
    client = client_as(persona)
    calendar_feed_token_reset(user=people[persona], acting_user=people[persona])
    _many(people, 2, department)
    with django_assert_num_queries(PAGE_QUERIES):
        assert client.get(reverse(view)).status_code == 200
    with django_assert_num_queries(REGION_QUERIES):
        assert client.get(reverse(view), **HTMX).status_code == 200
    _many(people, 30, department, first=2)
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(reverse(view))
    shown = MONTH_ITEMS_PER_DAY if view == "calendar:month" else 32  # the month links the rest to the week
    assert len(_titles(response.content.decode())) == shown
    with django_assert_num_queries(REGION_QUERIES):
        assert client.get(reverse(view), **HTMX).status_code == 200


def test_the_feed_runs_a_fixed_number_of_queries(client, people, department, django_assert_num_queries):
    token = calendar_feed_token_reset(user=people["producer"], acting_user=people["producer"]).token
    url = reverse("calendar:feed", args=[token])
    _many(people, 2, department)
    with django_assert_num_queries(FEED_QUERIES):
        response = client.get(url)
    assert len(_ours(_events(response))) == 2
    _many(people, 30, department, first=2)
    with django_assert_num_queries(FEED_QUERIES):
        response = client.get(url)
    assert len(_ours(_events(response))) == 32


# --- the iCalendar feed -------------------------------------------------------------------------------------------


def _events(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_the_feed_lists_the_owners_items_without_their_text(client, people):
    item = _scheduled(people, at=_today_at(9, 30), title="Hjerteugen")
    published = _published(people, at=timezone.now() - datetime.timedelta(days=3), title="Åbent hus")
    token = calendar_feed_token_reset(user=people["producer"], acting_user=people["producer"]).token
    response = client.get(reverse("calendar:feed", args=[token]))
    assert SECRET_TEXT.encode() not in response.content
    assert b"BEGIN:VCALENDAR" in response.content
    events = {str(event["UID"]): event for event in _ours(_events(response))}
    host = settings.SITE_URL.split("//")[1].split(":")[0]
    assert set(events) == {f"content-proposal-{item.pk}@{host}", f"content-proposal-{published.pk}@{host}"}
    event = events[f"content-proposal-{item.pk}@{host}"]
    assert event.decoded("DTSTART") == _today_at(9, 30)
    channel = _demo_channel()
    assert str(event["SUMMARY"]) == f"Hjerteugen ({channel.sender_name})"
    assert str(event["URL"]) == settings.SITE_URL.rstrip("/") + reverse("channels_plan:proposal_detail", args=[item.pk])
    assert "DESCRIPTION" not in event
    # The same item keeps its UID from one fetch to the next, so Outlook updates instead of duplicating it.
    assert f"content-proposal-{item.pk}@{host}" in {
        str(e["UID"]) for e in _events(client.get(response.wsgi_request.path))
    }


def test_the_feed_covers_thirty_days_back_to_a_year_ahead(client, people):
    now = timezone.now()
    inside = [now - datetime.timedelta(days=29), now + datetime.timedelta(days=364)]
    outside = [now - datetime.timedelta(days=31), now + datetime.timedelta(days=366)]
    for number, at in enumerate(inside + outside):
        _scheduled(people, at=at, title=f"Opslag {number}")
    token = calendar_feed_token_reset(user=people["lead"], acting_user=people["lead"]).token
    events = _ours(_events(client.get(f"/calendar/feed/{token}.ics")))
    summaries = {str(event["SUMMARY"]).split(" (")[0] for event in events}
    assert summaries == {"Opslag 0", "Opslag 1"}


def test_resetting_the_token_stops_the_old_url(client, people):
    old = calendar_feed_token_reset(user=people["producer"], acting_user=people["producer"]).token
    new = calendar_feed_token_reset(user=people["producer"], acting_user=people["producer"]).token
    assert old != new and len(new) >= 43
    assert CalendarFeedToken.objects.filter(user=people["producer"]).count() == 1
    assert client.get(reverse("calendar:feed", args=[old])).status_code == 404
    assert client.get(reverse("calendar:feed", args=[new])).status_code == 200


def test_unknown_tokens_and_deactivated_owners_get_404(client, people):
    token = calendar_feed_token_reset(user=people["producer"], acting_user=people["producer"]).token
    for bad in ["nonsense", token[:-1], token.upper() if token.upper() != token else token.lower(), "x" * 300]:
        assert client.get(reverse("calendar:feed", args=[bad])).status_code == 404
    people["producer"].is_active = False
    people["producer"].save()
    assert client.get(reverse("calendar:feed", args=[token])).status_code == 404


def test_the_feed_answers_head_but_refuses_post(client, people):
    token = calendar_feed_token_reset(user=people["producer"], acting_user=people["producer"]).token
    url = reverse("calendar:feed", args=[token])
    assert client.head(url).status_code == 200
    assert client.post(url).status_code == 405


def test_only_the_person_or_a_superuser_resets_a_link(people):
    with pytest.raises(PlanError):
        calendar_feed_token_reset(user=people["producer"], acting_user=people["lead"])
    assert calendar_feed_token_reset(user=people["producer"], acting_user=people["admin"]).user == people["producer"]


def test_the_history_records_resets_but_never_the_secret(people):
    feed_token = calendar_feed_token_reset(user=people["producer"], acting_user=people["producer"])
    calendar_feed_token_reset(user=people["producer"], acting_user=people["producer"])
    history = feed_token.history.all()
    assert history.count() == 2
    assert {row.history_user for row in history} == {people["producer"]}
    assert not hasattr(history.first(), "token")


def test_the_page_creates_shows_and_resets_the_subscription_link(client_as, people):
    client = client_as("producer")
    page = client.get(reverse("calendar:month")).content.decode()
    assert "Create my calendar address" in page and ".ics" not in page
    response = client.post(reverse("calendar:feed_reset"), follow=True)
    token = CalendarFeedToken.objects.get(user=people["producer"]).token
    html = response.content.decode()
    assert f"http://testserver/calendar/feed/{token}.ics" in html
    assert "Your calendar link is ready" in html
    assert 'id="calendar-feed-url"' in html and "Reset link" in html
    client.post(reverse("calendar:feed_reset"))
    assert CalendarFeedToken.objects.get(user=people["producer"]).token != token
    assert client.get(reverse("calendar:feed", args=[token])).status_code == 404
