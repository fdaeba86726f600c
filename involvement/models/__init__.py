"""Involvement models, one module per part of the domain."""

from involvement.models.inputs import InvolvementInput

__all__ = ["InvolvementInput"]
