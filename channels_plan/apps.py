from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsPlanConfig(AppConfig):
    name = "channels_plan"
    label = "channels_plan"
    verbose_name = _("Channel plans")

    def ready(self) -> None:
        from channels_plan import receivers  # noqa: F401  (connects the signal receivers)
        from channels_plan.evidence import register_channels_plan_evidence
        from channels_plan.maturity_scopes import register_maturity_scopes

        register_channels_plan_evidence()
        register_maturity_scopes()
