"""The catalogue editor in the admin: translators change interface strings, stored in the database.

It lists only the languages the user may edit (translator groups per language;
editors, administrators and superusers all), filters and pages through the
entries, edits singular and plural forms (each checked against its source's
markup, placeholders and length, editorial.catalogue_checks), keeps earlier values (django-reversion) and offers the committed text
back. Saved edits are live on every server within seconds (editorial.catalogue).
The whole catalogue of a language goes out as a .po file for translators' own
tools and comes back through the same checks: a file with any problem
changes nothing.
"""

from urllib.parse import parse_qsl, urlencode

import polib
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
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


# --- The whole catalogue as a .po file, for translators' own tools ------------------------------

MAX_PO_BYTES = 5 * 1024 * 1024


def download(request, language):
    """The catalogue of `language` as the site uses it now (committed text and edits), as a .po file."""
    language = _allowed_language(request, language)
    po = catalogue.current_pofile(language)
    response = HttpResponse(str(po).encode("utf-8"), content_type="text/x-gettext-translation; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ura-{language}.po"'
    return response


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Translated .po file"), help_text=gettext_lazy("At most 5 MB."))


def read_upload(language, data):
    """Check an uploaded catalogue against the site’s catalogue of `language`.

    Returns (changes, problems, unchanged, skipped): the entries whose text changes, with their texts;
    [(source text, problem)] that keep the file from being applied; the number of entries with the same
    text as now; the number left out (untranslated or marked fuzzy in the file).
    """
    problems = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return [], [("", _("The file is not in UTF-8."))], 0, 0
    try:
        uploaded = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as error:
        # Translators: %(error)s is the reader's message (in English)
        return [], [("", _("This is not a .po file (%(error)s).") % {"error": str(error)[:200]})], 0, 0
    header_language = (uploaded.metadata.get("Language") or language).replace("_", "-").lower()
    if header_language.split("-")[0] != language:
        # Translators: %(found)s and %(language)s are language codes ("sq", "be")
        message = _("The file is for the language “%(found)s”, not “%(language)s”.")
        return [], [("", message % {"found": header_language, "language": language})], 0, 0
    current = {(entry.msgctxt, entry.msgid): entry for entry in catalogue.entries(language)}
    forms_count = catalogue.nplurals(language)
    changes, unchanged, skipped = [], 0, 0
    for po_entry in uploaded:
        if po_entry.obsolete or not po_entry.msgid:
            continue
        entry = current.get((po_entry.msgctxt or "", po_entry.msgid))
        if entry is None:
            problems.append((po_entry.msgid, _("This text is not in the site’s catalogue.")))
            continue
        if "fuzzy" in po_entry.flags:
            skipped += 1
            continue
        if entry.is_plural:
            forms_found = [po_entry.msgstr_plural[index] for index in sorted(po_entry.msgstr_plural)]
            if not any(forms_found):
                skipped += 1
                continue
            if len(forms_found) != forms_count:
                # Translators: %(found)d and %(wanted)d are numbers of plural forms
                message = _("The entry has %(found)d plural forms; this language has %(wanted)d.")
                problems.append((po_entry.msgid, message % {"found": len(forms_found), "wanted": forms_count}))
                continue
            texts = {"msgstr_plural": forms_found}
            same = forms_found == entry.msgstr_plural
        else:
            if not po_entry.msgstr:
                skipped += 1
                continue
            texts = {"msgstr": po_entry.msgstr}
            same = po_entry.msgstr == entry.msgstr
        if same:
            unchanged += 1
            continue
        found = catalogue.translation_problems(language, entry.msgid, entry.msgid_plural, **texts)
        for group in found.values():
            problems.extend((entry.msgid, str(problem)) for problem in group)
        if not found:
            changes.append((entry, texts))
    return changes, problems, unchanged, skipped


def upload(request, language):
    """Apply a translated .po file of `language`: every entry checked as in the editor; any problem, nothing saved."""
    language = _allowed_language(request, language)
    report = None
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        handle = form.cleaned_data["file"]
        if handle.size > MAX_PO_BYTES:
            form.add_error("file", _("The file is larger than 5 MB."))
        else:
            changes, problems, unchanged, skipped = read_upload(language, handle.read())
            report = {"problems": problems, "changes": changes, "unchanged": unchanged, "skipped": skipped}
            if not problems:
                catalogue.save_edits(changes, request.user)
                messages.success(
                    request,
                    # Translators: after a .po upload; the numbers are catalogue entries
                    _(
                        # Translators: after a .po upload; the numbers are catalogue entries
                        "Saved and live: %(changed)d. Unchanged: %(unchanged)d. "
                        "Left out (untranslated or fuzzy): %(skipped)d."
                    )
                    % {"changed": len(changes), "unchanged": unchanged, "skipped": skipped},
                )
                return redirect(reverse("editorial:catalogue-language", args=(language,)))
    return render(
        request,
        "editorial/catalogue/upload.html",
        _context(
            request,
            # Translators: %(language)s is a language's name as a menu shows it ("Belarusian", capitalised)
            title=_("Upload a .po file: %(language)s") % {"language": language_name(language)},
            language=language,
            language_name=language_name(language),
            form=form,
            report=report,
        ),
    )
