"""The home dashboard: the user's hospital, its units and where they stand, and what waits for the user."""

from governance.models import User
from governance.selectors import hospital_list_for_user, membership_list_for_user
from maturity.selectors import unit_standing_list


def dashboard_for_user(*, user: User) -> dict:
    hospitals = list(hospital_list_for_user(user=user))
    units = unit_standing_list(hospitals=hospitals)
    return {
        "hospitals": [
            {"hospital": hospital, "units": [unit for unit in units if unit.hospital_id == hospital.pk]}
            for hospital in hospitals
        ],
        "memberships": membership_list_for_user(user=user),
        # Each feature issue adds its own queue here (plans to review, proposals, inbox …).
        "waiting": [],
    }
