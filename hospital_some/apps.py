from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HospitalSomeConfig(AppConfig):
    name = "hospital_some"
    verbose_name = _("Hospital social media")
