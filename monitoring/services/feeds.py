"""Every write to a hospital's mention feeds: checked, audited, one transaction each.

The communication unit's reviewers add, change and remove the hospital's feeds. A refusal of the rules raises
``PermissionDenied``; a refusal of the input raises ``ValidationError`` naming the field, with a message the person
can act on. Fetching is ``monitoring.feeds``.
"""

import ipaddress
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from governance.audit import delete_as, save_as
from governance.models import Hospital, User
from governance.permissions import Actor, actor_for
from monitoring import feeds
from monitoring.models import MentionFeed

NAME_MAX_LENGTH = MentionFeed._meta.get_field("name").max_length
URL_MAX_LENGTH = MentionFeed._meta.get_field("url").max_length
LOCAL_HOST_NAMES = ("localhost", "localhost.localdomain")


def mention_feed_may_see(actor: Actor, *, hospital_id: int) -> bool:
    """The communication unit's members see the hospital's feeds."""
    return hospital_id in actor.communication_units


def mention_feed_may_manage(actor: Actor, *, hospital_id: int) -> bool:
    """The communication unit's reviewers add, change, fetch and remove them."""
    return actor.reviews_for(hospital_id)


def mention_feed_name_clean(value) -> str:
    name = " ".join(str(value or "").split())
    if not name:
        raise ValidationError({"name": _("Give the feed a name, for example “Google Alerts: the hospital's name”.")})
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(
            {"name": _("The name can be at most %(max)d characters long.") % {"max": NAME_MAX_LENGTH}}
        )
    return name


def mention_feed_url_clean(value) -> str:
    """An http(s) address of a host on the internet. Fetching checks every address the host resolves to again."""
    url = str(value or "").strip()
    if not url:
        raise ValidationError({"url": _("Enter the feed's address.")})
    if len(url) > URL_MAX_LENGTH:
        raise ValidationError(
            {"url": _("The address can be at most %(max)d characters long.") % {"max": URL_MAX_LENGTH}}
        )
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a port out of range)
    except ValueError:
        raise ValidationError({"url": _("Enter a valid web address.")}) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ValidationError({"url": _("Enter an address that starts with https:// or http://.")})
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError({"url": _("Enter a valid web address.")}) from None
    if parts.username or parts.password:
        raise ValidationError({"url": _("Leave user names and passwords out of the address.")})
    host = (parts.hostname or "").rstrip(".").lower()
    if not feeds.ALLOW_PRIVATE_ADDRESSES and (host in LOCAL_HOST_NAMES or _is_internal_ip(host)):
        raise ValidationError({"url": _("The address points inside a private network: only public feeds are fetched.")})
    return url


def _is_internal_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False  # a name: resolved and checked at every fetch
    return not feeds.address_is_public(host)


def _clean(data: dict) -> dict:
    errors, cleaned = {}, {}
    for field, clean in (("name", mention_feed_name_clean), ("url", mention_feed_url_clean)):
        try:
            cleaned[field] = clean(data.get(field))
        except ValidationError as error:
            errors.update(error.error_dict)
    if errors:
        raise ValidationError(errors)
    cleaned["is_active"] = bool(data.get("is_active", True))
    return cleaned


def _check_unique(*, hospital_id: int, url: str, exclude_pk: int | None) -> None:
    same = MentionFeed.objects.filter(hospital_id=hospital_id, url=url).exclude(pk=exclude_pk).first()
    if same is not None:
        raise ValidationError(
            {"url": _("The hospital already has a feed with this address: “%(name)s”.") % {"name": same.name}}
        )


def _save_unique(feed: MentionFeed, acting_user: User) -> MentionFeed:
    """Save; two people adding the same address at the same moment get the same clear error, not a crash."""
    try:
        with transaction.atomic():
            return save_as(feed, acting_user)
    except IntegrityError:
        _check_unique(hospital_id=feed.hospital_id, url=feed.url, exclude_pk=feed.pk)
        raise


@transaction.atomic
def mention_feed_create(*, hospital: Hospital, data: dict, acting_user: User) -> MentionFeed:
    if not mention_feed_may_manage(actor_for(acting_user), hospital_id=hospital.pk):
        raise PermissionDenied(_("Only the communication unit's reviewers manage the mention feeds."))
    cleaned = _clean(data)
    _check_unique(hospital_id=hospital.pk, url=cleaned["url"], exclude_pk=None)
    return _save_unique(MentionFeed(hospital=hospital, **cleaned), acting_user)


@transaction.atomic
def mention_feed_update(*, feed: MentionFeed, data: dict, acting_user: User) -> MentionFeed:
    locked = MentionFeed.objects.select_for_update().filter(pk=feed.pk).first()
    if locked is None:
        raise ValidationError(_("The feed no longer exists."))
    if not mention_feed_may_manage(actor_for(acting_user), hospital_id=locked.hospital_id):
        raise PermissionDenied(_("Only the communication unit's reviewers manage the mention feeds."))
    cleaned = _clean(data)
    _check_unique(hospital_id=locked.hospital_id, url=cleaned["url"], exclude_pk=locked.pk)
    if cleaned["url"] != locked.url:
        # Another source: the old one's validators and failures say nothing about it.
        locked.etag = locked.last_modified = locked.last_error = ""
        locked.consecutive_failures = 0
    for field, value in cleaned.items():
        setattr(locked, field, value)
    return _save_unique(locked, acting_user)


@transaction.atomic
def mention_feed_delete(*, feed: MentionFeed, acting_user: User) -> None:
    """Remove the feed. The mentions it brought in stay in the inbox (their feed is emptied); its alerts go."""
    locked = MentionFeed.objects.select_for_update().filter(pk=feed.pk).first()
    if locked is None:
        raise ValidationError(_("The feed no longer exists."))
    if not mention_feed_may_manage(actor_for(acting_user), hospital_id=locked.hospital_id):
        raise PermissionDenied(_("Only the communication unit's reviewers manage the mention feeds."))
    delete_as(locked, acting_user)
