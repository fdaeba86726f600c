"""What the apps above channels_plan add to a patient network's pages: monitoring registers, in its
AppConfig.ready(), the network's member counts over time and the URL patterns of its member-count page;
channels_plan imports nothing of it."""

from collections.abc import Callable

_member_providers: list[Callable] = []
_url_patterns: list = []


def register_network_members(*, members: Callable, url_patterns: list) -> None:
    """``members(network)`` gives the member counts the network page shows; the patterns join "networks"."""
    if members not in _member_providers:
        _member_providers.append(members)
        _url_patterns.extend(url_patterns)


def network_member_counts(network):
    return _member_providers[0](network) if _member_providers else []


def network_url_patterns() -> list:
    return list(_url_patterns)
