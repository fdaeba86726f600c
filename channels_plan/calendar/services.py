"""The personal iCalendar subscription: issue a person's secret feed link, or replace it."""

import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from channels_plan.exceptions import PlanError
from channels_plan.models import CalendarFeedToken
from governance.audit import save_as
from governance.models import User

TOKEN_BYTES = 32


@transaction.atomic
def calendar_feed_token_reset(*, user: User, acting_user: User) -> CalendarFeedToken:
    """Give ``user`` a new feed secret, creating the token on first use; the previous URL stops working."""
    if acting_user.pk != user.pk and not acting_user.is_superuser:
        raise PlanError(_("Only the person themselves resets their calendar link."))
    if not user.is_active:
        raise PlanError(_("A deactivated account has no calendar link."))
    feed_token = CalendarFeedToken.objects.select_for_update().filter(user=user).first()
    if feed_token is None:
        feed_token = CalendarFeedToken(user=user)
    feed_token.token = secrets.token_urlsafe(TOKEN_BYTES)
    feed_token.created_at = timezone.now()
    return save_as(feed_token, acting_user)
