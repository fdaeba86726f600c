"""What the apps above channels_plan add to a user-involvement activity: monitoring registers, in its
AppConfig.ready(), the summary of the activity's coded input and the URL patterns of its input pages; channels_plan
imports nothing of it."""

from collections.abc import Callable

_summary_providers: list[Callable] = []
_url_patterns: list = []


def register_involvement_input(*, summary: Callable, url_patterns: list) -> None:
    """``summary(activity)`` gives what the activity page shows of its input; the patterns join the "involvement"
    namespace (their names must be unique within it)."""
    if summary not in _summary_providers:
        _summary_providers.append(summary)
        _url_patterns.extend(url_patterns)


def involvement_input_summary(activity):
    return _summary_providers[0](activity) if _summary_providers else None


def involvement_input_url_patterns() -> list:
    return list(_url_patterns)
