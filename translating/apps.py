from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslatingConfig(AppConfig):
    name = "translating"
    verbose_name = _("Translation exchange")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import post_delete, post_save

        from core import i18n
        from editorial.forms import add_save_warning
        from editorial.languages import extend_languages
        from translating import glossary, signals

        # Every save of a translated item teaches the memory (after the commit); a deleted one is forgotten.
        # Connected per model with text to translate: other saves (versions, log entries, search rows)
        # and bulk deletes of them do not reach the memory at all.
        for model in apps.get_models():
            if i18n.content_fields(model):
                uid = f"translating-{model._meta.label_lower}"
                post_save.connect(signals.learn_after_save, sender=model, dispatch_uid=f"{uid}-learn")
                post_delete.connect(signals.forget_after_delete, sender=model, dispatch_uid=f"{uid}-forget")
        # The side-by-side screen: suggestions of the memory and the glossary's terms beside each field.
        extend_languages(
            "suggestions",
            js=("translating/suggestions.js",),
            css=("translating/suggestions.css",),
            url_name="translating_memorysegment_suggestions",
        )
        # A save with a forbidden variant of a glossary term asks the translator to confirm.
        add_save_warning(glossary.save_warnings)
