from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from maturity.export import register_export_section
        from training.evidence import register_training_evidence
        from training.selectors import course_export

        register_export_section("courses", course_export)
        register_training_evidence()
