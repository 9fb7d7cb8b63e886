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

from contextvars import ContextVar

from django.contrib.admin import widgets as admin_widgets
from django.contrib.admin.options import IS_POPUP_VAR
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import pgettext
from modeltranslation.admin import TranslationAdmin

from editorial import tools
from editorial.autosave import AutosaveAdminMixin
from editorial.languages import LanguageFormAdminMixin
from editorial.presence import PresenceAdminMixin
from editorial.translation_admin import TranslationAdminMixin
from editorial.workflow import WorkflowAdminMixin
from library.forms import LibraryUploadFormMixin

# What one request has worked out already, for Django asks some hooks several times a request
# (the read-only fields three times for one change form): (the request, {key: answer}).
_request_answers = ContextVar("editorial_request_answers", default=(None, None))


def answered_once(request, key, work_out):
    """`work_out()` the first time this request asks for `key`, the same answer afterwards.

    Kept in a context variable, not on the request: a new request starts with none.
    """
    owner, answers = _request_answers.get()
    if owner is not request:
        answers = {}
        _request_answers.set((request, answers))
    if key not in answers:
        answers[key] = work_out()
    return answers[key]


class EditorialAdmin(
    LanguageFormAdminMixin,
    AutosaveAdminMixin,
    PresenceAdminMixin,
    TranslationAdminMixin,
    WorkflowAdminMixin,
    TranslationAdmin,
):
    """The hooks of Django's ModelAdmin that more than one of the rules above changes are here, once each.

    Each reads top to bottom: Django's answer (``super()``, that is reversion's
    VersionAdmin and modeltranslation's TranslationAdmin), then each rule's step,
    named after what it does and defined in the rule's module. The mixins
    override no hook that another also overrides.
    """

    save_on_top = True
    # "example.org" in a URL field means https://example.org (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    # --- Addresses ------------------------------------------------------------------

    def get_urls(self):
        """The slug helper, the autosave endpoints, preview and compare; then Django's and reversion's."""
        return [*self.language_urls(), *self.autosave_urls(), *self.workflow_urls(), *super().get_urls()]

    # --- Who may do what --------------------------------------------------------------

    # Adding is Django's rule alone: a translator limited to some languages is one without the add
    # permission (TranslationAdminMixin.translator_languages).

    def has_delete_permission(self, request, obj=None):
        """Never a translator; otherwise Django's rule, and a public item only by who may publish."""
        if self.translator_languages(request) is not None:
            return False
        allowed = super().has_delete_permission(request, obj)
        # The publication rule is about one item: none for the form's "delete" links of related items (obj None).
        return allowed and (obj is None or self.may_take_off_site(request, obj))

    def get_actions(self, request):
        actions = self.translation_actions(request, self.workflow_actions(super().get_actions(request)))
        return self.tool_actions(request, actions)

    def tool_actions(self, request, actions):
        """`actions` and the list actions other apps offer (editorial.tools), where the user may use them."""
        if self.actions is None or IS_POPUP_VAR in request.GET:
            return actions
        offered = [self.get_action(function) for function in tools.list_actions()]
        for function, name, description in self._filter_actions_by_permissions(request, offered):
            actions.setdefault(name, (function, name, description))
        return actions

    def get_list_display(self, request):
        columns = self.with_publication_columns(list(super().get_list_display(request)))
        return self.with_translation_status_column(columns)

    # --- The change form ------------------------------------------------------------

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """Django's form field; a date and time in two inputs gets a label for each (for screen readers)."""
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if isinstance(widget, admin_widgets.AdminSplitDateTime):
            # The admin writes "Date:" and "Time:" beside the two inputs, not as labels.
            label = capfirst(db_field.verbose_name)
            date, time = widget.widgets
            date_part = pgettext("part of a date and time", "date")
            time_part = pgettext("part of a date and time", "time")
            date.attrs["aria-label"] = f"{label}: {date_part}"
            time.attrs["aria-label"] = f"{label}: {time_part}"
        return formfield

    def get_form(self, request, obj=None, change=False, **kwargs):
        """Django's form on a base with the translation-status field and the translator's limits, as a WorkflowForm."""
        base = self.translation_form_base(request, obj, kwargs.get("form", self.form))
        kwargs["form"] = self.workflow_form_base(base)
        form_class = super().get_form(request, obj, change=change, **kwargs)
        self.prepare_workflow_form(request, form_class)
        self.limit_library_languages(request, form_class)
        return form_class

    def readonly_model_fields(self, request, obj=None):
        """Django's read-only fields, the publication fields for who may not publish, a translator's other fields.

        Worked out once per request and item (the form, its fieldsets and modeltranslation each ask).
        """

        def work_out():
            readonly = list(super(EditorialAdmin, self).get_readonly_fields(request, obj))
            readonly += self.publication_readonly_fields(request, obj, readonly)
            readonly += self.translator_readonly_fields(request, readonly)
            return readonly

        key = ("readonly", self.model, getattr(obj, "pk", None))
        return list(answered_once(request, key, work_out))

    def get_readonly_fields(self, request, obj=None):
        """The read-only fields, with translated rich text shown rendered (editorial.languages)."""
        readonly = self.readonly_model_fields(request, obj)
        key = ("rendered", self.model, getattr(obj, "pk", None))
        rendered = answered_once(request, key, lambda: self.rendered_fields(readonly))
        return [rendered.get(name, name) for name in readonly]

    def get_fieldsets(self, request, obj=None):
        """Django's fieldsets, the hidden version fields, the translation status, rich text rendered where read-only."""
        fieldsets = self.with_version_fields(super().get_fieldsets(request, obj))
        fieldsets = self.with_translation_status(request, obj, fieldsets)
        return self.with_rendered_rich_text(fieldsets, self.readonly_model_fields(request, obj))

    def get_inline_instances(self, request, obj=None):
        instances = super().get_inline_instances(request, obj)
        self.use_workflow_formsets(instances)
        self.restrict_inlines_for_translator(request, instances)
        return instances

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """The template's context: the language control, the autosave, the workflow's links and buttons."""
        self.add_language_context(context, request, obj)
        context["autosave"] = self.autosave_context(request, add, obj)
        self.add_workflow_context(context, request, add, change, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- Saving ---------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        """Save an item from its change or add form, in five steps (or keep its changes for later)."""
        if isinstance(form, LibraryUploadFormMixin):
            form.attach_uploads(obj, request.user)  # an uploaded picture into the library, chosen for the item
        self.refuse_changes_beyond_translator_languages(request, obj, change)
        if getattr(form, "workflow_schedule_change", None) is not None:
            self.schedule_change(request, obj, form)  # the live item stays as it is (editorial.scheduled)
            self.forget_autosave(request, obj, change)
            return
        confirmed = self.confirmed_translations(form)
        if confirmed:
            obj.save(confirmed_translations=confirmed)  # core.models.TranslationTracked records them
        else:
            obj.save()
        self.report_save(request, obj, form)
        self.forget_autosave(request, obj, change)
