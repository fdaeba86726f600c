"""Writes one sample export per format into this folder, from the platforms' documented column lists.

Run it with a Python that has openpyxl and xlwt (xlwt only for the old .xls workbook; it is not a project
dependency): ``python -m venv /tmp/v && /tmp/v/bin/pip install openpyxl xlwt && /tmp/v/bin/python make_samples.py``.
The figures are made up; every file holds the same three days or three posts, so tests can name them.
"""

import csv
import io
from datetime import date
from pathlib import Path

HERE = Path(__file__).parent
DAYS = [date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 3)]


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def meta_posts() -> None:
    header = [
        "Post ID",
        "Page ID",
        "Page name",
        "Title",
        "Description",
        "Publish time",
        "Post type",
        "Permalink",
        "Reach",
        "Impressions",
        "Reactions",
        "Comments",
        "Shares",
        "Total clicks",
    ]
    rows = [
        [
            "111_201",
            "111",
            "Hjerteafdelingen",
            "",
            "Hjerteugen: åbent hus",
            "03/01/2026 09:15",
            "Photos",
            "https://www.facebook.com/111/posts/201",
            "12345",
            "20000",
            "321",
            "45",
            "12",
            "230",
        ],
        [
            "111_202",
            "111",
            "Hjerteafdelingen",
            "",
            '=HYPERLINK("http://evil.example","klik")',
            "03/02/2026 14:00",
            "Links",
            "https://www.facebook.com/111/posts/202",
            "800",
            "1100",
            "10",
            "2",
            "0",
            "15",
        ],
        [
            "111_203",
            "111",
            "Hjerteafdelingen",
            "",
            "<script>alert(1)</script> Sådan forbereder du dig",
            "03/03/2026 08:30",
            "Videos",
            "https://www.facebook.com/111/posts/203",
            "4321",
            "6000",
            "99",
            "7",
            "5",
            "40",
        ],
    ]
    (HERE / "meta_posts.csv").write_bytes(b"\xef\xbb\xbf" + _csv([header, *rows]).encode("utf-8"))


def meta_page_daily() -> None:
    header = [
        "Date",
        "Facebook Page likes",
        "New likes",
        "Reach",
        "Organic reach",
        "Paid reach",
        "Impressions",
        "Engagements",
    ]
    rows = [
        [
            day.isoformat(),
            str(5000 + n * 7),
            str(7),
            str(1500 + n * 100),
            str(1200 + n * 100),
            "300",
            str(2500 + n * 150),
            str(90 + n),
        ]
        for n, day in enumerate(DAYS)
    ]
    (HERE / "meta_page_daily.csv").write_bytes(("sep=,\r\n" + _csv([header, *rows])).encode("utf-16"))


def instagram_posts() -> None:
    header = [
        "Post ID",
        "Account ID",
        "Account username",
        "Account name",
        "Description",
        "Duration (sec)",
        "Publish time",
        "Permalink",
        "Post type",
        "Reach",
        "Views",
        "Likes",
        "Comments",
        "Shares",
        "Follows",
        "Saves",
    ]
    rows = [
        [
            f"1790000000{n}",
            "178",
            "hjerteskolen",
            "Hjerteskolen",
            f"Øvelse {n + 1} fra hjerteskolen",
            "0",
            f"03/0{n + 1}/2026 10:00",
            f"https://www.instagram.com/p/ABC{n}/",
            "IG image",
            str(900 + n),
            str(1400 + n),
            str(80 + n),
            str(4),
            str(3),
            "1",
            str(6),
        ]
        for n in range(3)
    ]
    (HERE / "instagram_posts.csv").write_bytes(b"\xef\xbb\xbf" + _csv([header, *rows]).encode("utf-8"))


def x_analytics() -> None:
    header = [
        "Tweet id",
        "Tweet permalink",
        "Tweet text",
        "time",
        "impressions",
        "engagements",
        "engagement rate",
        "retweets",
        "replies",
        "likes",
        "url clicks",
    ]
    rows = [
        [
            f"18000000000000000{n}",
            f"https://x.com/hjerte/status/18000000000000000{n}",
            f"Tweet nummer {n + 1}",
            f"2026-03-0{n + 1} 09:0{n} +0000",
            str(3000 + n),
            str(60 + n),
            "0.02",
            "3",
            "2",
            str(40 + n),
            "5",
        ]
        for n in range(3)
    ]
    (HERE / "x_analytics.csv").write_text(_csv([header, *rows]), encoding="utf-8")


def network_members() -> None:
    rows = [["Date", "Members", "Engagements"]] + [
        [day.isoformat(), str(140 + n), str(12 + n)] for n, day in enumerate(DAYS)
    ]
    (HERE / "network_members.csv").write_text(_csv(rows), encoding="utf-8")


LINKEDIN_METRICS = [
    "Date",
    "Impressions (organic)",
    "Impressions (sponsored)",
    "Impressions (total)",
    "Unique impressions (organic)",
    "Clicks (organic)",
    "Clicks (sponsored)",
    "Clicks (total)",
    "Reactions (organic)",
    "Reactions (total)",
    "Comments (total)",
    "Reposts (total)",
    "Engagement rate (total)",
]
LINKEDIN_FOLLOWERS = ["Date", "Sponsored followers", "Organic followers", "Auto-invited followers", "Total followers"]


def _linkedin_rows() -> tuple[list[list], list[list]]:
    metrics = [
        [day.strftime("%m/%d/%Y"), 1000 + n, 200, 1200 + n, 700 + n, 30, 5, 35, 20, 22, 4, 2, 0.052]
        for n, day in enumerate(DAYS)
    ]
    followers = [[day.strftime("%m/%d/%Y"), 0, 3, 0, 2500 + n * 3] for n, day in enumerate(DAYS)]
    return metrics, followers


def linkedin_xlsx() -> None:
    from openpyxl import Workbook

    metrics, followers = _linkedin_rows()
    book = Workbook()
    sheet = book.active
    sheet.title = "Update metrics (aggregated)"
    sheet.append(["Aggregated metrics for all updates, 2026-03-01 to 2026-03-03"])
    for row in [LINKEDIN_METRICS, *metrics]:
        sheet.append(row)
    extra = book.create_sheet("New followers")
    for row in [LINKEDIN_FOLLOWERS, *followers]:
        extra.append(row)
    book.save(HERE / "linkedin_page.xlsx")


def linkedin_xls() -> None:
    import xlwt

    metrics, followers = _linkedin_rows()
    book = xlwt.Workbook()
    for name, rows in (
        ("Update metrics", [LINKEDIN_METRICS, *metrics]),
        ("Followers", [LINKEDIN_FOLLOWERS, *followers]),
    ):
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
    book.save(str(HERE / "linkedin_page.xls"))


if __name__ == "__main__":
    for make in (
        meta_posts,
        meta_page_daily,
        instagram_posts,
        x_analytics,
        network_members,
        linkedin_xlsx,
        linkedin_xls,
    ):
        make()
