"""What the apps above channels_plan add to a plan's approval, in its transaction.

A closed-group plan with network terms opens a patient network (``involvement``): its facilitators get their role
before the channel is registered, so that the channel's first sync grants them their rights, and the network is
opened once the channel exists. Involvement registers both steps in its ``AppConfig.ready()``.
"""

from collections.abc import Callable

from channels_plan.models import Channel, ChannelPlan
from governance.models import User

BeforeChannel = Callable[..., None]  # (*, plan, acting_user)
AfterChannel = Callable[..., None]  # (*, plan, channel, acting_user)

_before_channel: list[BeforeChannel] = []
_after_channel: list[AfterChannel] = []


def register_approval_steps(*, before_channel: BeforeChannel, after_channel: AfterChannel) -> None:
    if before_channel not in _before_channel:
        _before_channel.append(before_channel)
    if after_channel not in _after_channel:
        _after_channel.append(after_channel)


def approval_before_channel(*, plan: ChannelPlan, acting_user: User) -> None:
    for step in _before_channel:
        step(plan=plan, acting_user=acting_user)


def approval_after_channel(*, plan: ChannelPlan, channel: Channel, acting_user: User) -> None:
    for step in _after_channel:
        step(plan=plan, channel=channel, acting_user=acting_user)
