"""The platforms' export files, one mapping per format, in this one place.

Each format names the columns it reads: the field a column fills, the header texts it is known by (English, Danish
and Norwegian; compared without case after trimming) and whether the file must have it (the required subset that
also tells the formats apart). Other columns are ignored. Where several columns fill one field, their values are
added up (LinkedIn's organic and sponsored impressions make the views). An engagement rate is never read: it is
worked out from engagements and reach. Where an export gives no engagements column, the engagements are the sum of
the reactions, comments, shares, clicks and saves it does give (see ``parse.py``).

Dates written with slashes are month first (03/02/2026 is 2 March), as Meta's and X's English exports write them;
with dots or hyphens they are day first (02.03.2026, 02-03-2026), as Danish and Norwegian ones do.
"""

from dataclasses import dataclass
from enum import StrEnum

from metrics.models import MetricImport


class Value(StrEnum):
    COUNT = "count"  # a whole number, never negative
    CHANGE = "change"  # a whole number that may be negative (new followers less those who left)
    DAY = "day"
    MOMENT = "moment"
    TEXT = "text"
    KEY = "key"  # the platform's id of a post: required, at most 200 characters
    LINK = "link"


class Target(StrEnum):
    DAILY = "daily"  # ChannelDailySnapshot, one per channel and day
    POST = "post"  # PostMetric, one per channel and post id


@dataclass(frozen=True)
class Column:
    field: str
    label: str  # the English header, as the platform writes it
    headers: tuple[str, ...]  # every known header text, compared by ``header_key``
    value: Value = Value.COUNT
    required: bool = False


@dataclass(frozen=True)
class Table:
    """The columns of one table (a CSV file, or one sheet of a workbook)."""

    columns: tuple[Column, ...]

    @property
    def required_headers(self) -> list[str]:
        return [column.label for column in self.columns if column.required]

    def positions(self, header: list[str]) -> dict[Column, int] | None:
        """Where each column is in this header row (its first known header text wins), or None if a required
        column is missing."""
        names = [header_key(name) for name in header]
        found = {}
        for column in self.columns:
            index = next((names.index(text) for text in column.headers if text in names), None)
            if index is not None:
                found[column] = index
            elif column.required:
                return None
        return found


@dataclass(frozen=True)
class MetricFormat:
    key: str  # a MetricImport.Format value
    target: Target
    table: Table
    # A second table (another sheet of a workbook) whose rows add their figures to the main table's days.
    extra_table: Table | None = None

    @property
    def record_key(self) -> str:
        return "day" if self.target is Target.DAILY else "external_id"


def header_key(name) -> str:
    return " ".join(str(name or "").strip().lower().split())


def _c(field: str, *headers: str, value: Value = Value.COUNT, required: bool = False) -> Column:
    return Column(field, headers[0], tuple(header_key(header) for header in headers), value, required)


DAY = _c("day", "Date", "Dato", "Day", "Dag", value=Value.DAY, required=True)
POST_TEXT = ("Description", "Title", "Beskrivelse", "Titel", "Tittel")
PUBLISHED = ("Publish time", "Udgivelsestidspunkt", "Publiceringstidspunkt", "Publiseringstidspunkt")
POST_TYPE = ("Post type", "Opslagstype", "Innleggstype", "Type opslag", "Type innlegg")
PERMALINK = ("Permalink", "Permanent link", "Permanent lenke")
REACH = ("Reach", "Rækkevidde", "Rekkevidde")
COMMENTS = ("Comments", "Kommentarer")
SHARES = ("Shares", "Delinger", "Delt")

META_POSTS = MetricFormat(
    MetricImport.Format.META_POSTS,
    Target.POST,
    Table(
        (
            _c(
                "external_id",
                "Post ID",
                "Opslags-id",
                "Opslags-ID",
                "Innleggs-ID",
                "Innleggs-id",
                value=Value.KEY,
                required=True,
            ),
            _c("page", "Page ID", "Side-id", "Side-ID", value=Value.TEXT, required=True),
            _c("published_at", *PUBLISHED, value=Value.MOMENT, required=True),
            _c("caption", *POST_TEXT, value=Value.TEXT),
            _c("post_type", *POST_TYPE, value=Value.TEXT),
            _c("permalink", *PERMALINK, value=Value.LINK),
            _c("reach", *REACH),
            _c("views", "Impressions", "Views", "Visninger", "Eksponeringer"),
            _c("reactions", "Reactions", "Reaktioner", "Reaksjoner"),
            _c("comments", *COMMENTS),
            _c("shares", *SHARES),
            _c("clicks", "Total clicks", "Klik i alt", "Klikk totalt", "Totalt antall klikk"),
        )
    ),
)

META_PAGE_DAILY = MetricFormat(
    MetricImport.Format.META_PAGE_DAILY,
    Target.DAILY,
    Table(
        (
            DAY,
            _c("followers", "Facebook Page likes", "Followers", "Følgere", "Synes godt om siden", "Liker siden"),
            _c(
                "new_followers",
                "New likes",
                "New follows",
                "Nye følgere",
                "Nye synes godt om",
                "Nye likerklikk",
                value=Value.CHANGE,
            ),
            _c("reach", *REACH, required=True),
            _c("reach_organic", "Organic reach", "Organisk rækkevidde", "Organisk rekkevidde"),
            _c("reach_paid", "Paid reach", "Betalt rækkevidde", "Betalt rekkevidde"),
            _c("views", "Impressions", "Views", "Visninger", "Eksponeringer"),
            _c("engagements", "Engagements", "Engagement", "Interaktioner", "Engasjement", "Interaksjoner"),
        )
    ),
)

INSTAGRAM_POSTS = MetricFormat(
    MetricImport.Format.INSTAGRAM_POSTS,
    Target.POST,
    Table(
        (
            _c(
                "external_id",
                "Post ID",
                "Opslags-id",
                "Opslags-ID",
                "Innleggs-ID",
                "Innleggs-id",
                value=Value.KEY,
                required=True,
            ),
            _c(
                "account",
                "Account username",
                "Kontobrugernavn",
                "Brugernavn",
                "Brukernavn for kontoen",
                "Brukernavn",
                value=Value.TEXT,
                required=True,
            ),
            _c("published_at", *PUBLISHED, value=Value.MOMENT, required=True),
            _c("caption", *POST_TEXT, value=Value.TEXT),
            _c("post_type", *POST_TYPE, value=Value.TEXT),
            _c("permalink", *PERMALINK, value=Value.LINK),
            _c("reach", *REACH),
            _c("views", "Views", "Impressions", "Visninger", "Eksponeringer"),
            _c("reactions", "Likes", "Synes godt om", "Liker", "Likerklikk"),
            _c("comments", *COMMENTS),
            _c("shares", *SHARES),
            _c("saves", "Saves", "Gemte", "Gemt", "Lagringer", "Lagret"),
        )
    ),
)

LINKEDIN_PAGE = MetricFormat(
    MetricImport.Format.LINKEDIN_PAGE,
    Target.DAILY,
    Table(
        (
            DAY,
            _c("views", "Impressions (organic)", "Visninger (organisk)", "Eksponeringer (organisk)", required=True),
            _c("views", "Impressions (sponsored)", "Visninger (sponsoreret)", "Eksponeringer (sponset)"),
            _c(
                "reach_organic",
                "Unique impressions (organic)",
                "Unikke visninger (organisk)",
                "Unike eksponeringer (organisk)",
            ),
            _c("clicks", "Clicks (total)", "Klik (i alt)", "Klikk (totalt)"),
            _c("reactions", "Reactions (total)", "Reaktioner (i alt)", "Reaksjoner (totalt)"),
            _c("comments", "Comments (total)", "Kommentarer (i alt)", "Kommentarer (totalt)"),
            _c("shares", "Reposts (total)", "Genopslag (i alt)", "Delinger (i alt)", "Delinger (totalt)"),
        )
    ),
    extra_table=Table(
        (
            DAY,
            _c("followers", "Total followers", "Følgere i alt", "Følgere totalt", required=True),
        )
    ),
)

X_ANALYTICS = MetricFormat(
    MetricImport.Format.X_ANALYTICS,
    Target.POST,
    Table(
        (
            _c("external_id", "Tweet id", "Post id", "Tweet-id", value=Value.KEY, required=True),
            _c("permalink", "Tweet permalink", "Post permalink", value=Value.LINK),
            _c("caption", "Tweet text", "Post text", "Tweettekst", value=Value.TEXT),
            _c("published_at", "time", "Tidspunkt", "Tid", value=Value.MOMENT, required=True),
            _c("views", "impressions", "Visninger", "Eksponeringer", required=True),
            _c("engagements", "engagements", "Engagementer", "Engasjementer"),
            _c("shares", "retweets", "reposts", "Retweets"),
            _c("comments", "replies", "Svar"),
            _c("reactions", "likes", "Synes godt om", "Liker"),
            _c("clicks", "url clicks", "Klik på link", "Klikk på lenke"),
        )
    ),
)

NETWORK_MEMBERS = MetricFormat(
    MetricImport.Format.NETWORK_MEMBERS,
    Target.DAILY,
    Table(
        (
            DAY,
            _c("network_members", "Members", "Medlemmer", required=True),
            _c("engagements", "Engagements", "Interaktioner", "Engasjement", "Interaksjoner"),
        )
    ),
)

FORMATS: dict[str, MetricFormat] = {
    fmt.key: fmt for fmt in (META_POSTS, META_PAGE_DAILY, INSTAGRAM_POSTS, LINKEDIN_PAGE, X_ANALYTICS, NETWORK_MEMBERS)
}

# The model fields each target holds, in the order they are compared and written.
DAILY_FIELDS = (
    "followers",
    "new_followers",
    "reach",
    "reach_organic",
    "reach_paid",
    "views",
    "reactions",
    "comments",
    "shares",
    "clicks",
    "engagements",
    "network_members",
)
POST_FIELDS = (
    "published_at",
    "post_type",
    "caption",
    "permalink",
    "reach",
    "reach_organic",
    "reach_paid",
    "views",
    "video_views",
    "reactions",
    "comments",
    "shares",
    "clicks",
    "saves",
    "engagements",
)
ENGAGEMENT_PARTS = ("reactions", "comments", "shares", "clicks", "saves")


def format_guess(header: list[str]) -> MetricFormat | None:
    """The format whose required columns this header row holds (the first, as the required subsets differ)."""
    for fmt in FORMATS.values():
        if fmt.table.positions(header) is not None:
            return fmt
    return None
