"""Involvement models, one module per part of the domain."""

from involvement.models.activities import InvolvementActivity, InvolvementReport, InvolvementTopic
from involvement.models.inputs import InvolvementInput
from involvement.models.networks import NetworkPlanTerms, NetworkReview, PatientNetwork

__all__ = [
    "InvolvementActivity",
    "InvolvementInput",
    "InvolvementReport",
    "InvolvementTopic",
    "NetworkPlanTerms",
    "NetworkReview",
    "PatientNetwork",
]
