from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaturityConfig(AppConfig):
    name = "maturity"
    verbose_name = _("Maturity scale")

    def ready(self) -> None:
        from governance.registry import register_guideline_levels
        from maturity.selectors import guideline_levels

        register_guideline_levels(guideline_levels)
        from maturity.gaps.governance_checks import register_governance_checks

        register_governance_checks()
        from maturity.gaps.staffing_needs import register_people_page_needs

        register_people_page_needs()
