"""The admin side of translation: status per language, and what translators may change.

`TranslationAdminMixin` is part of the editorial admin (editorial.options.EditorialAdmin), so every
content admin gets:

- a "Translations" column (missing / incomplete / outdated / complete per
  language) for models that record translation sources, and a list filter by
  language and status for every model with a translated title or name;
- a "These translations are up to date" choice on the change form and an
  action that marks translations as made from the current source text;
- translator restrictions. A member of the Translators groups who cannot add
  the model (i.e. is not also an editor) may change only the translated
  fields of the languages of their groups: every other field is read-only,
  a form check refuses changes to them anyway, and deleting, publishing and
  the other actions are not offered.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core import i18n
from editorial import translators

STATUS_CHOICES = (i18n.MISSING, i18n.INCOMPLETE, i18n.OUTDATED, i18n.COMPLETE)


def tracks_sources(model):
    return i18n.tracks_sources(model) and bool(i18n.content_fields(model))


def filter_statuses(model):
    """The statuses an item of `model` can have: "incomplete" needs several texts, "outdated" recorded sources."""
    if i18n.title_field(model) not in i18n.translated_fields(model):
        return ()
    return tuple(
        status
        for status in STATUS_CHOICES
        if (status != i18n.INCOMPLETE or len(i18n.content_fields(model)) > 1)
        and (status != i18n.OUTDATED or tracks_sources(model))
    )


class TranslationStatusFilter(admin.SimpleListFilter):
    title = _("translation status")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [
            (f"{code}:{status}", f"{i18n.language_name(code)}: {i18n.STATUS_LABELS[status]}")
            for code in i18n.LANGUAGE_CODES
            for status in filter_statuses(model_admin.model)
        ]

    def queryset(self, request, queryset):
        value = self.value() or ""
        code, _sep, status = value.partition(":")
        if code not in i18n.LANGUAGE_CODES or status not in filter_statuses(queryset.model):
            return queryset
        return i18n.filter_by_status(queryset, code, status)


class TranslationAdminMixin:
    """See the module docstring. Mix in before the ModelAdmin class."""

    confirm_field = "confirm_translations"

    class Media:
        css = {"all": ("editorial/translation.css",)}

    # --- Who is a restricted translator -------------------------------------

    def translator_languages(self, request):
        """None when the user has no translator restrictions, else the languages they may edit."""
        user = request.user
        if user.is_superuser:
            return None
        opts = self.model._meta
        if user.has_perm(f"{opts.app_label}.add_{opts.model_name}"):
            return None
        languages = translators.translator_languages(user)
        return languages if languages else None

    def editable_translation_fields(self, request, model=None):
        languages = self.translator_languages(request)
        model = model or self.model
        if languages is None:
            return None
        return {i18n.localized(field, code) for field in i18n.translated_fields(model) for code in languages}

    # --- Status column, filter, confirmation ---------------------------------

    @admin.display(description=_("translations"))
    def translation_status_column(self, obj):
        """One badge per language: the code and a sign, the status in words for screen readers and on hover.

        Each badge is a link to the change form with that language shown, a
        target of at least 24 x 24 px (translation.css).
        """
        statuses = i18n.translation_statuses(obj)
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=(quote(obj.pk),))
        return format_html(
            '<span class="tr-statuses">{}</span>',
            format_html_join(
                "",
                '<a class="tr-status tr-{}" href="{}?language={}" title="{}">'
                '{}<span class="tr-sign" aria-hidden="true"></span><span class="visually-hidden"> ({})</span></a>',
                (
                    (
                        status,
                        url,
                        code,
                        label := f"{i18n.language_name(code)}: {i18n.STATUS_LABELS[status]}",
                        code.upper(),
                        label,
                    )
                    for code, status in statuses.items()
                ),
            ),
        )

    def with_translation_status_column(self, list_display):
        if tracks_sources(self.model) and "translation_status_column" not in list_display:
            list_display.append("translation_status_column")
        return list_display

    def get_list_filter(self, request):
        list_filter = list(super().get_list_filter(request))
        if filter_statuses(self.model) and TranslationStatusFilter not in list_filter:
            list_filter.append(TranslationStatusFilter)
        return list_filter

    def confirm_choices(self, request, obj):
        if obj is None or not tracks_sources(self.model):
            return []
        languages = self.translator_languages(request)
        source = getattr(obj, "source_language", None)
        return [
            (code, name)
            for code, name in i18n.existing_languages(obj)
            if code != source and (languages is None or code in languages)
        ]

    def translation_form_base(self, request, obj, base):
        """`base` with the "translations checked" field, and for a translator a clean() that keeps their limits."""
        choices = self.confirm_choices(request, obj)
        editable = self.editable_translation_fields(request)
        attrs = {}
        if choices:
            attrs[self.confirm_field] = forms.MultipleChoiceField(
                label=_("Translations checked against the source text"),
                help_text=_(
                    "Tick a language when its translation says everything the source text says, "
                    "so that it is no longer shown as out of date."
                ),
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        if not attrs and editable is None:
            return base
        form_class = type(base.__name__, (base,), attrs)
        if editable is not None:
            form_class.clean = _translator_clean(form_class, editable | {self.confirm_field})
        return form_class

    def limit_library_languages(self, request, form_class):
        if hasattr(form_class, "library_languages"):
            # get_form() builds a new class on every call: the limit holds for this request only.
            form_class.library_languages = self.translator_languages(request)

    def with_translation_status(self, request, obj, fieldsets):
        """`fieldsets` and, where translations can be confirmed, the "Translation status" fieldset."""
        fieldsets = list(fieldsets)
        if self.confirm_choices(request, obj):
            named = {name for _title, options in fieldsets for name in _flatten(options.get("fields", ()))}
            if self.confirm_field not in named:
                fieldsets.append((_("Translation status"), {"fields": (self.confirm_field,)}))
        return fieldsets

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        return [name for name in fields if name != self.confirm_field]

    def refuse_changes_beyond_translator_languages(self, request, obj, change):
        """A translator's save changes only the translated fields of their languages (a last check before saving)."""
        editable = self.editable_translation_fields(request)
        if editable is not None and change:
            _refuse_other_changes(obj, editable)

    def confirmed_translations(self, form):
        """The languages the editor ticked as checked against the current source text."""
        return tuple(form.cleaned_data.get(self.confirm_field) or ())

    @admin.action(description=_("Mark translations as up to date"))
    def mark_translations_up_to_date(self, request, queryset):
        languages = self.translator_languages(request)
        count = 0
        for obj in queryset:
            if i18n.mark_up_to_date(obj, languages):
                type(obj)._base_manager.filter(pk=obj.pk).update(translation_sources=obj.translation_sources)
                count += 1
        self.message_user(
            request,
            ngettext(
                # Translators: %(count)d is a number of items (news items, projects, pages, organisations)
                "The translations of %(count)d item are marked as up to date.",
                "The translations of %(count)d items are marked as up to date.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def translation_actions(self, request, actions):
        """A translator's one action (mark as up to date); that action added wherever sources are tracked."""
        tracked = tracks_sources(self.model) and self.has_change_permission(request)
        if self.translator_languages(request) is not None:
            actions = {name: action for name, action in actions.items() if name == "mark_translations_up_to_date"}
        if tracked and "mark_translations_up_to_date" not in actions:
            actions["mark_translations_up_to_date"] = self.get_action("mark_translations_up_to_date")
        return actions

    # --- Translator restrictions ----------------------------------------------

    def translator_readonly_fields(self, request, readonly):
        """For a translator: every form field outside their languages that is not read-only yet."""
        editable = self.editable_translation_fields(request)
        if editable is None:
            return []
        original = set(i18n.translated_fields(self.model))
        return [
            name
            for name in _form_field_names(self.model)
            if name not in editable and name not in readonly and name not in original
        ]

    def restrict_inlines_for_translator(self, request, instances):
        if self.translator_languages(request) is None:
            return
        for inline in instances:
            _restrict_inline(inline, self.editable_translation_fields(request, inline.model))

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if self.translator_languages(request) is not None:
            changelist.list_editable = ()
        return changelist


def _flatten(fields):
    for name in fields:
        if isinstance(name, (list, tuple)):
            yield from name
        else:
            yield name


def _form_field_names(model):
    """Every field of `model` a form could show: concrete, many-to-many and translation fields."""
    names = []
    for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if field.auto_created or not field.editable or field.primary_key:
            continue
        names.append(field.name)
    return names


def _translator_clean(form_class, editable):
    def clean(self):
        cleaned_data = super(form_class, self).clean()
        model_fields = set(_form_field_names(self._meta.model))
        if any(name in model_fields and name not in editable for name in self.changed_data):
            raise ValidationError(
                _("As a translator you can change only the translations of your languages."),
                code="translator_only",
            )
        return cleaned_data

    return clean


def _refuse_other_changes(obj, editable):
    """Second line of defence: compare every other field with the stored item."""
    stored = type(obj)._base_manager.filter(pk=obj.pk).first()
    if stored is None:
        raise PermissionDenied
    # The untranslated name of a translated field ("title") reads the active language's
    # column, which is one of the editable ones when the admin is in that language.
    translated = set(i18n.translated_fields(type(obj)))
    for name in _form_field_names(type(obj)):
        field = type(obj)._meta.get_field(name)
        if name in editable or name in translated or field.many_to_many:
            continue
        if field.value_from_object(stored) != field.value_from_object(obj):
            raise PermissionDenied


def _restrict_inline(inline, editable):
    """An inline of a restricted translator: no rows added or removed, translations only."""
    parent = inline.parent_model
    restricted = [
        name
        for name in _form_field_names(inline.model)
        if name not in editable
        and getattr(inline.model._meta.get_field(name), "related_model", None) is not parent
        and name not in i18n.translated_fields(inline.model)
    ]
    inline.readonly_fields = tuple(dict.fromkeys([*inline.readonly_fields, *restricted]))
    inline.can_delete = False
    inline.extra = 0
    inline.has_add_permission = lambda request, obj=None: False
    inline.has_delete_permission = lambda request, obj=None: False
