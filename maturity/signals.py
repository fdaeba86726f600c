from django.dispatch import Signal

# Sent inside the transaction that changed a unit's current or target level; kwargs: unit.
unit_level_changed = Signal()
