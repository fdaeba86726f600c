"""Who may configure the scale: superusers (the demo's ``admin``), and staff members an administrator has granted
every model permission the configuration writes (in Django's admin). Asking costs no query for anyone else, so the
navigation and the scale pages can ask on every page.

The communication unit's lead and the departments' managers do not configure the standard: it is shared by every
hospital.
"""

SCALE_CONFIG_PERMISSIONS = (
    "governance.change_role",
    "maturity.add_rolerequirement",
    "maturity.change_rolerequirement",
    "maturity.delete_rolerequirement",
    "maturity.change_monitoringnorm",
    "maturity.add_requiredmetric",
    "maturity.change_requiredmetric",
    "maturity.delete_requiredmetric",
    "maturity.add_requiredguideline",
    "maturity.delete_requiredguideline",
)


def may_configure_scale(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or (user.is_staff and user.has_perms(SCALE_CONFIG_PERMISSIONS))
