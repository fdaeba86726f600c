"""Fills maturity's posting-department hook (``maturity/unit_scopes.py``): which departments are enrolled to post on
official profiles (an active ``PostingEnrolment``). One query, whatever the number of units. Involvement fills the
network-department hook."""

from channels_plan.evidence import enrolled_units
from maturity.unit_scopes import register_posting_departments


def register_maturity_scopes() -> None:
    """Called from ``ChannelsPlanConfig.ready()``."""
    register_posting_departments(enrolled_units)
