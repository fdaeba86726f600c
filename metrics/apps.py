from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MetricsConfig(AppConfig):
    name = "metrics"
    verbose_name = _("Effect measurement")

    def ready(self) -> None:
        from channels_plan.channel_links import ChannelLink, register_channel_link

        register_channel_link(ChannelLink(_("Effect figures"), "metrics:channel"))
        from metrics.evidence import register_metric_evidence

        register_metric_evidence()
