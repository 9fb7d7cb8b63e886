"""The admin pages of the translators' files: export for translation, and import with a dry run first.

Both are staff pages under the admin (admin_view). A user sees only the
languages they may translate into and the kinds of item they may see; the
import builds each item's admin form for the user, so it can change nothing
their change form would not let them change (translating.importing).
"""

import secrets

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from core import i18n
from core.models import Topic
from translating import exchange, importing

SELECTION_KEY = "translating_selection"
UPLOAD_TIMEOUT = 3600  # seconds an uploaded file waits for the translator's confirmation
FORMAT_CHOICES = (
    ("xliff12", "XLIFF 1.2"),
    ("xliff20", "XLIFF 2.0"),
    ("po", pgettext_lazy("file format", "PO (gettext)")),
)


def translatable_languages(user):
    """The languages `user` may export or import: those of at least one content model they may see."""
    return [code for code in i18n.LANGUAGE_CODES if exchange.allowed_models(user, code)]


def _context(request, **extra):
    return {**admin.site.each_context(request), **extra}


def _model_label(model):
    return f"{model._meta.app_label}.{model._meta.model_name}"


class ExportForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Translate into"))
    format = forms.ChoiceField(label=gettext_lazy("File format"), choices=FORMAT_CHOICES, initial="xliff12")
    source_in_target = forms.BooleanField(
        label=gettext_lazy("Copy the source text into every target (for OmegaT)"),
        required=False,
        help_text=gettext_lazy(
            "XLIFF 1.2 only. OmegaT translates the text it finds in the target; the current translation is "
            "then offered as a suggestion."
        ),
    )
    stale = forms.BooleanField(
        label=gettext_lazy("Only what is missing or out of date"),
        required=False,
        initial=True,
        help_text=gettext_lazy("Leave unticked to export every field, with its current translation."),
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind of item"), required=False)
    topic = forms.ModelChoiceField(label=gettext_lazy("Topic"), queryset=Topic.objects.none(), required=False)
    changed_since = forms.DateField(
        label=gettext_lazy("Changed on or after"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    changed_until = forms.DateField(
        label=gettext_lazy("Changed on or before"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user, selection=None, **kwargs):
        super().__init__(*args, **kwargs)
        languages = translatable_languages(user)
        self.fields["language"].choices = [(code, i18n.language_name(code)) for code in languages]
        models = {model for code in languages for model in exchange.allowed_models(user, code)}
        self.fields["kind"].choices = [("", pgettext_lazy("kind of item", "All"))] + sorted(
            ((_model_label(model), capfirst(model._meta.verbose_name_plural)) for model in models),
            key=lambda choice: str(choice[1]),
        )
        self.fields["topic"].queryset = Topic.objects.order_by(i18n.collated("name"))
        self.fields["topic"].empty_label = pgettext_lazy("topic", "All")
        if selection:
            # A selection from a list: the filters do not apply.
            for name in ("stale", "kind", "topic", "changed_since", "changed_until"):
                del self.fields[name]

    def model(self):
        label = self.cleaned_data.get("kind")
        return ContentType.objects.get_by_natural_key(*label.split(".")).model_class() if label else None


def _selection(request):
    """The items picked with the list action, as (model, [pk]), or None."""
    stored = request.session.get(SELECTION_KEY)
    if not stored:
        return None
    try:
        model = ContentType.objects.get_by_natural_key(*stored["model"].split(".")).model_class()
    except (ContentType.DoesNotExist, KeyError, ValueError, AttributeError):
        return None
    if model is None:
        return None
    return model, stored.get("pks", [])


def export_view(request):
    languages = translatable_languages(request.user)
    if not languages:
        raise PermissionDenied
    selection = _selection(request) if request.GET.get("selection") or request.POST.get("selection") else None
    form = ExportForm(request.POST or None, user=request.user, selection=selection)
    if request.method == "POST" and form.is_valid():
        language, fmt = form.cleaned_data["language"], form.cleaned_data["format"]
        if selection:
            model, pks = selection
            objects = list(model._default_manager.filter(pk__in=pks).order_by("pk"))
            data, units = exchange.export_for(
                request.user, language, fmt, objects=objects, source_in_target=form.cleaned_data["source_in_target"]
            )
        else:
            model = form.model()
            data, units = exchange.export_for(
                request.user,
                language,
                fmt,
                models={model} if model else None,
                source_in_target=form.cleaned_data["source_in_target"],
                stale=form.cleaned_data["stale"],
                topic=form.cleaned_data["topic"],
                changed_since=form.cleaned_data["changed_since"],
                changed_until=form.cleaned_data["changed_until"],
            )
        if units:
            extension, content_type = exchange.FORMATS[fmt]
            name = f"ura-{language}-{timezone.now():%Y%m%d-%H%M}.{extension}"
            response = HttpResponse(data, content_type=f"{content_type}; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        messages.warning(request, _("Nothing to translate: no field matches this choice."))
    count = len(selection[1]) if selection else 0
    return render(
        request,
        "translating/exchange_export.html",
        _context(request, title=_("Export for translation"), form=form, selection=selection, selected=count),
    )


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Translated file"), help_text=importing.IMPORT_HELP)


def _upload_key(request, token):
    return f"translating-import:{request.user.pk}:{token}"


def import_view(request):
    if not translatable_languages(request.user):
        raise PermissionDenied
    upload = UploadForm()
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request)
    token = request.GET.get("token", "")
    if token:
        # The report of an upload that waits for confirmation, shown again (a reload, a link).
        data = cache.get(_upload_key(request, token)) if token.isascii() and len(token) < 64 else None
        if data is not None:
            try:
                return _report_page(request, importing.evaluate(importing.read(data), request.user), token)
            except importing.ExchangeError as error:
                upload.add_error(None, str(error))
    if request.method == "POST":
        upload = UploadForm(request.POST, request.FILES)
        if upload.is_valid():
            data = upload.cleaned_data["file"].read(importing.MAX_BYTES + 1)
            try:
                report = importing.evaluate(importing.read(data), request.user)
            except importing.ExchangeError as error:
                upload.add_error("file", str(error))
            else:
                token = secrets.token_urlsafe(16)
                cache.set(_upload_key(request, token), data, UPLOAD_TIMEOUT)
                return _report_page(request, report, token)
    return render(
        request, "translating/exchange_import.html", _context(request, title=_("Import translations"), form=upload)
    )


def _report_page(request, report, token=None, applied=False):
    return render(
        request,
        "translating/exchange_report.html",
        _context(
            request,
            title=_("Import translations: what changes") if not applied else _("Import translations: done"),
            report=report,
            items=report.items(),
            token=token,
            applied=applied,
            statuses=importing.STATUS_LABELS,
        ),
    )


def _confirm(request):
    token = request.POST.get("token", "")
    data = cache.get(_upload_key(request, token)) if token.isascii() and len(token) < 64 else None
    if data is None:
        messages.error(request, _("The uploaded file has expired; upload it again."))
        return redirect("translating:exchange-import")
    try:
        report = importing.evaluate(importing.read(data), request.user)
        if report.warnings and not request.POST.get("accept_warnings"):
            messages.error(request, _("Confirm that you have checked the glossary warnings, then apply."))
            return _report_page(request, report, token)
        report = importing.apply(importing.read(data), request.user, accept_warnings=bool(report.warnings))
    except importing.ExchangeError as error:
        messages.error(request, str(error))
        return redirect("translating:exchange-import")
    cache.delete(_upload_key(request, token))
    messages.success(
        request,
        ngettext(
            # Translators: %(count)d is a number of items (news items, projects, pages, organisations)
            "The translations of %(count)d item are saved.",
            "The translations of %(count)d items are saved.",
            report.applied,
        )
        % {"count": report.applied},
    )
    return _report_page(request, report, applied=True)


def export_url_for_selection(request, queryset):
    """Remember the selection of a list action and return the export page's address for it."""
    request.session[SELECTION_KEY] = {
        "model": _model_label(queryset.model),
        "pks": [str(pk) for pk in queryset.values_list("pk", flat=True)[:5000]],
    }
    return reverse("translating:exchange-export") + "?selection=1"
