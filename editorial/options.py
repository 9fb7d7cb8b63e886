"""`EditorialAdmin`: the ModelAdmin of every model with translated content.

Each content app's admin names it as its base (``class NewsItemAdmin(EditorialAdmin)``
in ``news/admin.py``), so the class a reader sees is the class that runs. It brings:

- the workflow (editorial.workflow): history with compare, restore and recover,
  the publishing permission and actions, per-language preview links, preview of
  unsaved changes and merging of concurrent edits;
- the translation rules (editorial.translation_admin): the translation status
  per language, and translators limited to the translated fields of their
  languages;
- one language control per change form, side by side, rendered read-only rich
  text, what changed in the source of an outdated translation, and slugs while
  typing (editorial.languages);
- autosave of the unsaved form (editorial.autosave);
- who else has the item's form open (editorial.presence).

On top of modeltranslation's TranslationAdmin (its tabs are replaced by the
language control, so their scripts are not loaded). A model with translated fields
registered without it fails the system check ``editorial.E001``
(editorial.checks): no such model escapes the rules.
"""

from django.db import models
from modeltranslation.admin import TranslationAdmin

from editorial.autosave import AutosaveAdminMixin
from editorial.languages import LanguageFormAdminMixin
from editorial.presence import PresenceAdminMixin
from editorial.translation_admin import TranslationAdminMixin
from editorial.workflow import WorkflowAdminMixin


class EditorialAdmin(
    LanguageFormAdminMixin,
    AutosaveAdminMixin,
    PresenceAdminMixin,
    TranslationAdminMixin,
    WorkflowAdminMixin,
    TranslationAdmin,
):
    save_on_top = True
    # "example.org" in a URL field means https://example.org (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        """Save an item from its change or add form, in four steps."""
        self.refuse_changes_beyond_translator_languages(request, obj, change)
        confirmed = self.confirmed_translations(form)
        if confirmed:
            obj.save(confirmed_translations=confirmed)  # core.models.TranslationTracked records them
        else:
            obj.save()
        self.report_save(request, obj, form)
        self.forget_autosave(request, obj, change)
