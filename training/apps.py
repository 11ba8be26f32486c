from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from competencies.hooks import register_recommender
        from training.integrations import register_certificate_source
        from training.recommend import recommend_modules

        register_recommender(recommend_modules)
        register_certificate_source()
