from django.db import transaction
from django.utils.translation import gettext as _

from governance.models import Unit, User
from maturity.exceptions import MaturityError
from maturity.models import Level, UnitMaturity
from maturity.signals import unit_level_changed


@transaction.atomic
def unit_maturity_set(
    *, unit: Unit, current_level: Level, target_level: Level, acting_user: User | None
) -> UnitMaturity:
    """Set a unit's assessed and target level. The row is locked, so two people cannot interleave changes."""
    if target_level.number < current_level.number:
        raise MaturityError(_("The target level cannot be below the current level."))
    standing = UnitMaturity.objects.select_for_update().filter(unit=unit).first()
    if standing is None:
        standing = UnitMaturity(unit=unit)
    elif standing.current_level_id == current_level.pk and standing.target_level_id == target_level.pk:
        return standing
    standing.current_level = current_level
    standing.target_level = target_level
    standing._history_user = acting_user
    standing.save()
    unit_level_changed.send(sender=UnitMaturity, unit=unit)
    return standing
