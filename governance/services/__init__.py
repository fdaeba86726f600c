"""Every write of the governance app: one transaction each, the acting person named in history.

The organisation's services are re-exported here; the features (guidelines, triage, crisis mode, the follow group)
are imported from their own modules.
"""

from governance.services.organisation import hospital_ensure, membership_ensure, unit_ensure, user_ensure

__all__ = ["hospital_ensure", "membership_ensure", "unit_ensure", "user_ensure"]
