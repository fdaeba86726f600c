"""Every template of the project keeps to the Content-Security-Policy it is served under.

The policy (``CONTENT_SECURITY_POLICY`` in hospital_some/settings/base.py) allows scripts and styles from our own
origin only: a browser refuses inline event handlers (``onclick=…``), inline ``<script>`` blocks, ``javascript:``
URLs and htmx's ``hx-on`` handlers (evaluated as inline script), and, while ``style-src`` has no ``'unsafe-inline'``,
``style=`` attributes and ``<style>`` blocks. Such markup does nothing in the browser (a "Print" button that never
prints), so this test fails on it in any template the project ships; the behaviour belongs in a file under
``static/`` loaded with ``<script src=… defer>`` (as ``static/js/print-button.js`` does for ``data-print``).
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.template.utils import get_app_template_dirs

DJANGO_COMMENT = re.compile(r"{#.*?#}|{%\s*comment\b.*?%}.*?{%\s*endcomment\s*%}", re.DOTALL)
TAG = re.compile(r"<(?P<name>[a-zA-Z][a-zA-Z0-9-]*)\b(?P<attributes>(?:{%.*?%}|{{.*?}}|[^>])*)>", re.DOTALL)
SCRIPT_SOURCE = re.compile(r"(?:^|\s)src\s*=", re.IGNORECASE)

SCRIPT_RULES = {
    "an inline event handler attribute": re.compile(r"(?:^|\s)on[a-z]+\s*=", re.IGNORECASE),
    "an htmx hx-on handler": re.compile(r"(?:^|\s)(?:data-)?hx-on\b", re.IGNORECASE),
    "a javascript: URL": re.compile(r"=\s*[\"']?\s*javascript:", re.IGNORECASE),
}
STYLE_RULES = {"an inline style attribute": re.compile(r"(?:^|\s)style\s*=", re.IGNORECASE)}


def _directive(name: str) -> list[str]:
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    return list(directives.get(name) or directives.get("default-src") or [])


def _forbids_inline(directive: str) -> bool:
    return "'unsafe-inline'" not in _directive(directive)


INLINE_SCRIPT_FORBIDDEN = _forbids_inline("script-src")
INLINE_STYLE_FORBIDDEN = _forbids_inline("style-src")


def csp_violations(source: str) -> list[str]:
    """What in a template's source the policy would block, one line each: "line N: <what> in <tag>"."""
    text = DJANGO_COMMENT.sub(lambda match: "\n" * match.group().count("\n"), source)
    found = []
    for tag in TAG.finditer(text):
        name, attributes = tag.group("name").lower(), tag.group("attributes")
        line = text.count("\n", 0, tag.start()) + 1
        problems = []
        if INLINE_SCRIPT_FORBIDDEN:
            problems += [what for what, rule in SCRIPT_RULES.items() if rule.search(attributes)]
            if name == "script" and not SCRIPT_SOURCE.search(attributes):
                problems.append("an inline <script> without src")
        if INLINE_STYLE_FORBIDDEN:
            problems += [what for what, rule in STYLE_RULES.items() if rule.search(attributes)]
            if name == "style":
                problems.append("an inline <style> block")
        found += [f"line {line}: {problem} in <{name}…>" for problem in problems]
    return found


def project_templates() -> list[Path]:
    """Every template file in the project's template folders (the site's and each of our apps'); installed packages'
    templates (Django's admin and the like) are theirs, not ours."""
    root = Path(settings.BASE_DIR).resolve()
    candidates = [folder for engine in engines.all() for folder in getattr(engine, "template_dirs", [])]
    candidates += get_app_template_dirs("templates")
    folders = {
        Path(folder).resolve()
        for folder in candidates
        if Path(folder).resolve().is_relative_to(root) and ".venv" not in Path(folder).parts
    }
    return sorted(path for folder in folders for path in folder.rglob("*") if path.is_file())


def test_the_policy_forbids_inline_script():
    """The checks below follow the policy; this one pins that the policy is strict to begin with."""
    assert INLINE_SCRIPT_FORBIDDEN
    assert INLINE_STYLE_FORBIDDEN


def test_the_project_has_templates_to_check():
    names = {path.name for path in project_templates()}
    assert {"base.html", "unit_report.html", "hospital_overview.html", "unit_people.html"} <= names


@pytest.mark.parametrize(
    "markup",
    [
        '<button type="button" onclick="window.print()">Print</button>',
        '<body onload="start()">',
        '<a href="#" ONMOUSEOVER = "x()">',
        '<input {% if x %}required{% endif %} onchange="go()">',
        "<script>alert(1)</script>",
        '<script type="module">import "x";</script>',
        '<a href="javascript:void(0)">x</a>',
        '<div hx-on:click="alert(1)"></div>',
        '<p style="color: red">x</p>',
        "<style>p { color: red }</style>",
    ],
)
def test_the_checker_finds_inline_script_and_style(markup):
    assert csp_violations(f"{{% load i18n %}}\n{markup}\n")


@pytest.mark.parametrize(
    "markup",
    [
        '<button type="button" data-print>Print</button>',
        "<script src=\"{% static 'js/print-button.js' %}\" defer></script>",
        '<a href="?sort=onset" data-online="1">x</a>',
        '<input name="question" aria-describedby="x_helptext">',
        '{# <p onclick="x()">commented out</p> #}',
        "{% comment %}<script>alert(1)</script>{% endcomment %}",
        '<p>Use onclick="…" nowhere, and no style= either.</p>',
    ],
)
def test_the_checker_leaves_clean_markup_alone(markup):
    assert csp_violations(markup) == []


def test_no_template_carries_inline_script_or_style():
    root = Path(settings.BASE_DIR).resolve()
    violations = [
        f"{path.relative_to(root)} {violation}"
        for path in project_templates()
        for violation in csp_violations(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert violations == [], "Move these into static files:\n" + "\n".join(violations)
