from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvolvementConfig(AppConfig):
    name = "involvement"
    verbose_name = _("User involvement and patient networks")

    def ready(self) -> None:
        from involvement.pages import register_involvement_pages

        register_involvement_pages()
