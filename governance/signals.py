"""Signals through which the apps above governance react to crisis mode (sent inside the service's transaction)."""

from django.dispatch import Signal

# Both send ``crisis`` (the CrisisPeriod) and ``acting_user``.
crisis_mode_started = Signal()
crisis_mode_ended = Signal()
