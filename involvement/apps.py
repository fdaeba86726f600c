from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvolvementConfig(AppConfig):
    name = "involvement"
    verbose_name = _("User involvement and patient networks")

    def ready(self) -> None:
        from channels_plan.services.approval_steps import register_approval_steps
        from involvement.networks.maturity_scope import register_network_scope
        from involvement.networks.services import network_facilitators_enrol, patient_network_open
        from involvement.pages import register_involvement_pages

        register_approval_steps(before_channel=network_facilitators_enrol, after_channel=patient_network_open)
        register_network_scope()
        register_involvement_pages()
