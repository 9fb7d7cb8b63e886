"""System checks of the editorial admin (registered in EditorialConfig.ready())."""

from django.apps import apps
from django.contrib import admin
from django.core import checks

from core import i18n
from editorial.options import EditorialAdmin


def check_content_admins(app_configs=None, **kwargs):
    """editorial.E001: every registered model with translated fields is edited under EditorialAdmin."""
    errors = []
    models = apps.get_models() if app_configs is None else [m for c in app_configs for m in c.get_models()]
    for model in models:
        if not admin.site.is_registered(model):
            continue
        model_admin = admin.site.get_model_admin(model)
        if i18n.translated_fields(model) and not isinstance(model_admin, EditorialAdmin):
            errors.append(
                checks.Error(
                    f"{type(model_admin).__name__} edits {model._meta.label}, which has translated fields, "
                    "without the editorial rules.",
                    hint="Derive it from editorial.options.EditorialAdmin.",
                    obj=type(model_admin),
                    id="editorial.E001",
                )
            )
    return errors
