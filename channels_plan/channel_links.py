"""Links the apps above channels_plan add to a channel's page for the people who manage the channel.

monitoring registers its integration-token page in its AppConfig.ready(); channels_plan itself imports nothing of it.
"""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class ChannelLink:
    label: str
    url_name: str  # reversed with the channel's id


_links: list[ChannelLink] = []


def register_channel_link(link: ChannelLink) -> None:
    if link not in _links:
        _links.append(link)


def channel_links(channel_id: int) -> list[tuple[str, str]]:
    return [(str(link.label), reverse(link.url_name, args=[channel_id])) for link in _links]
