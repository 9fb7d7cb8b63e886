"""The catalogue editor in the admin: translators change interface strings, stored in the database.

It lists only the languages the user may edit (translator groups per language;
editors, administrators and superusers all), filters and pages through the
entries, edits singular and plural forms (each checked against its source's
markup, placeholders and length, editorial.catalogue_checks), keeps earlier values (django-reversion) and offers the committed text
back. Saved edits are live on every server within seconds (editorial.catalogue).
"""

from urllib.parse import parse_qsl, urlencode

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from reversion.models import Version

from editorial import catalogue, translators

PER_PAGE = 25
STATUSES = {
    "all": pgettext_lazy("catalogue filter", "All"),
    "untranslated": pgettext_lazy("catalogue filter", "Untranslated"),
    "changed": pgettext_lazy("catalogue filter", "Changed here (not yet in the repository)"),
}


def language_name(code):
    return dict(settings.LANGUAGES)[code]


def _context(request, **extra):
    return {**admin.site.each_context(request), **extra}


def _allowed_language(request, language):
    if language not in dict(settings.LANGUAGES):
        raise Http404
    if language not in translators.catalogue_languages(request.user):
        raise PermissionDenied
    return language


def index(request):
    languages = translators.catalogue_languages(request.user)
    if not languages:
        raise PermissionDenied
    rows = []
    for code in languages:
        items = catalogue.entries(code)
        rows.append(
            {
                "code": code,
                "name": language_name(code),
                "total": len(items),
                "untranslated": sum(not entry.translated for entry in items),
                "changed": sum(entry.changed for entry in items),
            }
        )
    return render(
        request,
        "editorial/catalogue/index.html",
        _context(request, title=_("Interface translations"), languages=rows),
    )


def _filtered(items, status, query):
    if status == "untranslated":
        items = [entry for entry in items if not entry.translated]
    elif status == "changed":
        items = [entry for entry in items if entry.changed or entry.fuzzy]
    if query:
        needle = query.casefold()
        items = [entry for entry in items if needle in entry.search_text()]
    return items


def _list_query(source):
    """The list's filters from a query dict, only the known keys, for links back to the same page."""
    params = {}
    status = source.get("status", "")
    if status in STATUSES and status != "all":
        params["status"] = status
    query = source.get("q", "").strip()[:200]
    if query:
        params["q"] = query
    page = source.get("page", "")
    if page.isdigit():
        params["page"] = page
    return urlencode(params)


def language_list(request, language):
    language = _allowed_language(request, language)
    status = request.GET.get("status", "all")
    if status not in STATUSES:
        return HttpResponseBadRequest(_("Unknown filter."))
    query = request.GET.get("q", "").strip()[:200]
    entries = catalogue.entries(language)
    items = _filtered(entries, status, query)
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    back = _list_query(request.GET)
    filters = [
        {
            "label": label,
            # How many entries the filter shows, with the search as it is.
            "count": len(_filtered(entries, key, query)),
            "selected": key == status,
            "query": urlencode(
                {key: value for key, value in (("status", key), ("q", query)) if value and value != "all"}
            ),
        }
        for key, label in STATUSES.items()
    ]
    return render(
        request,
        "editorial/catalogue/language.html",
        _context(
            request,
            # Translators: %(language)s is a language's name as a menu shows it ("Belarusian", capitalised)
            title=_("Interface translations: %(language)s") % {"language": language_name(language)},
            language=language,
            language_name=language_name(language),
            page_obj=page,
            status=status,
            query=query,
            filters=filters,
            back=back,
            pager_query=urlencode(
                {key: value for key, value in (("status", status), ("q", query)) if value and value != "all"}
            ),
        ),
    )


class EntryForm(forms.Form):
    """The translation of one entry: one text, or one per plural form, each checked against the source."""

    def __init__(self, entry, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.entry = entry
        attrs = {"rows": 3, "cols": 60, "lang": entry.language, "spellcheck": "true"}
        if entry.is_plural:
            current = entry.msgstr_plural
            for index, label in enumerate(catalogue.plural_labels(entry.language)):
                self.fields[f"msgstr_{index}"] = forms.CharField(
                    # Translators: %(number)d is the number of the plural form (1–4); %(examples)s lists the counts
                    # that take it ("2–4, 22–24…")
                    label=_("Plural form %(number)d (%(examples)s)") % {"number": index + 1, "examples": label},
                    required=False,
                    strip=False,
                    initial=current[index] if index < len(current) else "",
                    widget=forms.Textarea(attrs=attrs),
                )
        else:
            self.fields["msgstr"] = forms.CharField(
                label=_("Translation"),
                required=False,
                strip=False,
                initial=entry.msgstr,
                widget=forms.Textarea(attrs=attrs),
            )

    def clean(self):
        cleaned = super().clean()
        entry = self.entry
        if entry.is_plural:
            texts = {"msgstr_plural": [cleaned.get(name, "") for name in self.fields]}
        else:
            texts = {"msgstr": cleaned.get("msgstr", "")}
        problems = catalogue.translation_problems(entry.language, entry.msgid, entry.msgid_plural, **texts)
        for index, found in problems.items():
            for problem in found:
                self.add_error("msgstr" if index is None else f"msgstr_{index}", str(problem))
        return cleaned

    def texts(self):
        if self.entry.is_plural:
            return {"msgstr_plural": [self.cleaned_data[name] for name in self.fields]}
        return {"msgstr": self.cleaned_data["msgstr"]}


def _history(entry):
    if entry.edit is None:
        return []
    versions = Version.objects.get_for_object(entry.edit).select_related("revision__user")[:10]
    rows = []
    for version in versions:
        data = version.field_dict
        text = data.get("msgstr") or " / ".join(data.get("msgstr_plural") or ())
        rows.append({"when": version.revision.date_created, "user": version.revision.user, "text": text})
    return rows


def entry_edit(request, language, key):
    language = _allowed_language(request, language)
    entry = catalogue.find_entry(language, key)
    if entry is None:
        raise Http404
    back = _list_query(request.POST if request.method == "POST" else request.GET)
    list_url = reverse("editorial:catalogue-language", args=(language,)) + (f"?{back}" if back else "")
    if request.method == "POST":
        if "restore" in request.POST:
            catalogue.discard_edit(entry)
            messages.success(request, _("The text from the repository is back and live on the site."))
            return redirect(list_url)
        form = EntryForm(entry, request.POST)
        if form.is_valid():
            catalogue.save_edit(entry, request.user, **form.texts())
            messages.success(
                request,
                _("Saved. The new translation is live on every server within a few seconds."),
            )
            return redirect(list_url)
    else:
        form = EntryForm(entry)
    return render(
        request,
        "editorial/catalogue/entry.html",
        _context(
            request,
            title=_("Translate an interface string"),
            language=language,
            language_name=language_name(language),
            entry=entry,
            form=form,
            back_fields=parse_qsl(back),
            list_url=list_url,
            history=_history(entry),
        ),
    )
