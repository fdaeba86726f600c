"""React to changes below this app: posting rights follow levels, memberships, people, completed courses and the
hospital's required courses; crisis mode holds scheduled content and centralises posting."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from channels_plan.rights.policy import posting_rights_sync_for_hospital, posting_rights_sync_for_units
from channels_plan.services.crisis import proposals_hold_for_crisis, proposals_release_after_crisis
from governance.models import CrisisPeriod, Membership, User
from governance.signals import crisis_mode_ended, crisis_mode_started
from maturity.signals import unit_level_changed
from training.signals import completions_changed, posting_course_requirements_changed


@receiver(unit_level_changed)
def sync_after_level_change(sender, unit, **kwargs) -> None:
    posting_rights_sync_for_units(unit_ids={unit.pk})


@receiver(completions_changed)
def sync_after_completions_change(sender, user_ids: frozenset[int], **kwargs) -> None:
    """A course required for posting was completed: the people's departments' channels are re-synced."""
    unit_ids = set(Membership.objects.filter(user_id__in=user_ids).values_list("unit_id", flat=True))
    posting_rights_sync_for_units(unit_ids=unit_ids)


@receiver(posting_course_requirements_changed)
def sync_after_posting_courses_change(sender, hospital_id: int, **kwargs) -> None:
    posting_rights_sync_for_hospital(hospital_id=hospital_id)


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def sync_after_membership_change(sender, instance: Membership, **kwargs) -> None:
    posting_rights_sync_for_units(unit_ids={instance.unit_id})


@receiver(post_save, sender=User)
def sync_after_user_change(sender, instance: User, created: bool, update_fields=None, **kwargs) -> None:
    """A deactivated account loses its rights; a log-in (which saves only ``last_login``) changes nothing."""
    if created or (update_fields is not None and "is_active" not in update_fields):
        return
    posting_rights_sync_for_units(unit_ids=set(instance.memberships.values_list("unit_id", flat=True)))


@receiver(crisis_mode_started)
def hold_content_and_centralise_posting(sender, crisis: CrisisPeriod, acting_user: User, **kwargs) -> None:
    proposals_hold_for_crisis(crisis=crisis, acting_user=acting_user)
    posting_rights_sync_for_hospital(hospital_id=crisis.hospital_id)


@receiver(crisis_mode_ended)
def release_content_and_restore_posting(sender, crisis: CrisisPeriod, acting_user: User, **kwargs) -> None:
    proposals_release_after_crisis(crisis=crisis, acting_user=acting_user)
    posting_rights_sync_for_hospital(hospital_id=crisis.hospital_id)
