"""Guideline texts are Markdown from editors; what reaches readers can hold nothing but text formatting."""

import re
from html import unescape
from urllib.parse import urlsplit

import pytest

from governance.markdown import markdown_render

HOSTILE = [
    "<script>alert(1)</script>",
    "<iframe src='https://evil.example'></iframe>",
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](jav&#x09;ascript:alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[klik](vbscript:msgbox)",
    "<a href='javascript:alert(1)'>klik</a>",
    "<img src=x onerror=alert(1)>",
    "![billede](https://evil.example/x.png)",
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<svg onload=alert(1)>",
    "<object data='x'></object>",
    "<form action='https://evil.example'><input></form>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_nothing_active_survives(text):
    html = markdown_render(text).lower()
    for tag in ("<script", "<iframe", "<img", "<svg", "<object", "<form", "<input", "<p style"):
        assert tag not in html
    schemes = {urlsplit(unescape(href)).scheme for href in re.findall(r'href="([^"]*)"', html)}
    assert schemes <= {"http", "https", "mailto", ""}  # "": a relative link, which a browser resolves to this site
    assert not re.search(r"<[^>]*\son\w+=", html)  # no event handler attribute on any real tag


def test_formatting_and_safe_links_are_kept():
    html = markdown_render(
        "# Kriseplan\n\n**Ring** til *vagten*.\n\n- et\n- to\n\n[Hjemmeside](https://hospital.example/krise)\n\n"
        "| Rolle | Telefon |\n|---|---|\n| Vagt | 1234 |\n\n[Skriv](mailto:kom@hospital.example)"
    )
    assert "<h2>Kriseplan</h2>" in html  # the page has the h1: documents start at h2
    assert "<strong>Ring</strong>" in html and "<em>vagten</em>" in html
    assert "<li>et</li>" in html
    assert '<a href="https://hospital.example/krise" rel="noopener noreferrer nofollow">Hjemmeside</a>' in html
    assert '<a href="mailto:kom@hospital.example"' in html
    assert "<td>1234</td>" in html


def test_raw_html_is_shown_as_text_not_dropped_silently():
    """An editor who pastes HTML sees it as text, so they notice and write Markdown instead."""
    assert "&lt;b&gt;fed&lt;/b&gt;" in markdown_render("<b>fed</b> tekst")


def test_empty_text_renders_nothing():
    assert markdown_render("") == ""
