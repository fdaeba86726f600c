from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from channels_plan.channel_links import ChannelLink, register_channel_link

        register_channel_link(ChannelLink(_("Integration token (push interactions)"), "monitoring_api:token_manage"))
        from monitoring.duty_evidence import register_duty_evidence

        register_duty_evidence()
