"""A translated XLIFF or PO file back into Ura: a dry run first, then the same save as the admin's.

`read()` refuses a file that declares a document type or entities (an entity
bomb, a file read from the server) before any parser sees it, then reads it
with translate-toolkit. `evaluate()` compares each field of the file with the
item as it is now, using the hashes the export wrote (translating.exchange):

- the source changed since the export: *needs review*, not applied (the old
  and the new source are shown);
- the translation was edited in Ura since the export: a *conflict*, not
  applied;
- a segment without a translation, or with its inline codes broken: not
  applied;
- otherwise the field changes (or is unchanged).

`apply()` saves every changed item through its registered admin's form, built
for the importing user (their translator languages and read-only fields, the
publishing right, the rich-text sanitiser, the form's validation), inside a
revision ("Imported from XLIFF by …") with a LogEntry, as a save in the admin
does; the search index and the page cache follow the usual signals. One
transaction: an error anywhere writes nothing.
"""

import re
from dataclasses import dataclass, field

import reversion
from django.apps import apps
from django.contrib.admin.utils import quote
from django.contrib.messages.storage.base import BaseStorage
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms import CheckboxInput, MultiWidget
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from lxml import etree
from translate.storage import po, xliff, xliff2

from core import cache as site_cache
from core import i18n
from editorial.diff import comparable, display
from editorial.forms import CONFIRM_WARNINGS_FIELD
from translating import codes, exchange

MAX_BYTES = 50 * 1024 * 1024
PROLOG_BYTES = 4096
HASHES = re.compile(r"s=([0-9a-f]{16});t=([0-9a-f]{16})")

CHANGE, UNCHANGED, NEEDS_REVIEW, CONFLICT, UNTRANSLATED, MARKUP = (
    "change",
    "unchanged",
    "needs-review",
    "conflict",
    "untranslated",
    "markup",
)
STATUS_LABELS = {
    CHANGE: pgettext_lazy("import result", "will change"),
    UNCHANGED: pgettext_lazy("import result", "unchanged"),
    NEEDS_REVIEW: pgettext_lazy("import result", "needs review: the source changed since the export"),
    CONFLICT: pgettext_lazy("import result", "conflict: edited in Ura since the export"),
    UNTRANSLATED: pgettext_lazy("import result", "not translated in the file"),
    MARKUP: pgettext_lazy("import result", "markup changed: a protected code is missing or unknown"),
}
FORMAT_NAMES = {"xliff12": "XLIFF 1.2", "xliff20": "XLIFF 2.0", "po": "PO"}


class ExchangeError(Exception):
    """A file that cannot be imported at all; nothing is written."""


@dataclass
class FileUnit:
    """What the file says about one field of one item."""

    id: str
    source_hash: str = ""
    target_hash: str = ""
    sources: dict = field(default_factory=dict)  # block number: old source text
    targets: dict = field(default_factory=dict)  # block number: XLIFF element or PO text (None: not translated)


@dataclass
class Parsed:
    format: str
    language: str
    units: dict  # id: FileUnit, in file order


@dataclass
class FieldResult:
    obj: object
    field: str
    label: str
    status: str
    before: str = ""
    after: str = ""
    old_source: str = ""
    new_source: str = ""
    value: str | None = None  # the new stored value, for CHANGE
    warnings: list = field(default_factory=list)

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


@dataclass
class Report:
    format: str
    language: str
    fields: list
    applied: int = 0

    def items(self):
        """[{obj, title, type, url, fields}] in file order."""
        grouped = {}
        for result in self.fields:
            key = (result.obj._meta.label, result.obj.pk)
            if key not in grouped:
                opts = result.obj._meta
                grouped[key] = {
                    "obj": result.obj,
                    "title": str(result.obj),
                    "type": capfirst(opts.verbose_name),
                    "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=(quote(result.obj.pk),)),
                    "fields": [],
                }
            grouped[key]["fields"].append(result)
        return list(grouped.values())

    def count(self, status):
        return sum(result.status == status for result in self.fields)

    @property
    def changes(self):
        return self.count(CHANGE)

    @property
    def warnings(self):
        return [warning for result in self.fields for warning in result.warnings]

    @property
    def format_name(self):
        return FORMAT_NAMES[self.format]

    @property
    def language_name(self):
        return i18n.language_name_in_text(self.language)


# --- Reading ------------------------------------------------------------------------


def check_prolog(data):
    """Refuse a document type declaration or entities before anything parses the file."""
    head = data[:PROLOG_BYTES].decode("utf-8", "replace")
    prolog = re.sub(r"<!--.*?-->", "", head, flags=re.S)
    root = re.search(r"<[A-Za-z_]", prolog)
    before_root = prolog[: root.start()] if root else prolog
    upper = before_root.upper()
    if "<!DOCTYPE" in upper or "<!ENTITY" in upper or "<!ENTITY" in data.decode("utf-8", "replace").upper():
        raise ExchangeError(
            _(
                "The file declares a document type or entities. Ura's files never do; such a file can hide an "
                "entity bomb or read files from the server, so it is not read."
            )
        )


def read(data):
    """The file's format, language and units; ExchangeError for anything that is not Ura's export."""
    if not data or not data.strip():
        raise ExchangeError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise ExchangeError(_("The file is too large (at most 50 MB)."))
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<"):
        check_prolog(stripped)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        try:
            root = etree.fromstring(stripped, parser)
        except etree.XMLSyntaxError as error:
            # Translators: %(error)s is the XML parser's message (in English)
            raise ExchangeError(_("The file is not well-formed XML: %(error)s") % {"error": error}) from error
        version = root.get("version", "")
        if etree.QName(root).localname != "xliff" or version not in ("1.2", "2.0"):
            raise ExchangeError(_("The file is neither XLIFF 1.2 nor XLIFF 2.0."))
        try:
            return _read_xliff12(stripped) if version == "1.2" else _read_xliff20(stripped)
        except (ValueError, etree.XMLSyntaxError) as error:
            # Translators: %(error)s is the reader's message (in English)
            raise ExchangeError(_("The XLIFF file could not be read: %(error)s") % {"error": error}) from error
    try:
        store = po.pofile.parsestring(stripped)
    except Exception as error:  # translate-toolkit raises bare ValueErrors and parser errors alike
        raise ExchangeError(_("The file is neither XLIFF nor a readable PO file.")) from error
    return _read_po(store)


def _split_id(unit_id):
    base, _dot, number = unit_id.rpartition(".")
    if not base or not number.isdigit():
        # Translators: %(id)s is a unit's identifier in the file
        raise ExchangeError(_("The file has a unit Ura did not write: %(id)s") % {"id": unit_id[:120]})
    return base, int(number)


def _language(value):
    value = (value or "").strip().replace("_", "-").lower()
    return value


def _read_xliff12(data):
    store = xliff.xlifffile.parsestring(data)
    ns = store.namespace
    files = list(store.document.getroot().iterchildren(f"{{{ns}}}file"))
    languages = {_language(node.get("target-language")) for node in files}
    if len(languages) != 1:
        raise ExchangeError(_("The file must be for exactly one target language."))
    units = {}
    for unit in store.getunits():
        base, number = _split_id(unit.xmlelement.get("id", ""))
        entry = units.setdefault(base, FileUnit(base))
        found = HASHES.search(unit.xmlelement.get("extradata", ""))
        if found:
            entry.source_hash, entry.target_hash = found.groups()
        source = unit.xmlelement.find(f"{{{ns}}}source")
        target = unit.xmlelement.find(f"{{{ns}}}target")
        entry.sources[number] = codes.plain_text(source) if source is not None else ""
        entry.targets[number] = target if _translated(source, target) else None
    return Parsed("xliff12", languages.pop(), units)


def _translated(source, target):
    """A target with text, unless it is still the copy of the source an export for OmegaT put there."""
    if target is None or not codes.plain_text(target).strip():
        return False
    copied = source is not None and codes.plain_text(target) == codes.plain_text(source)
    return not (copied and target.get("state") in ("new", "needs-review-translation", "needs-translation"))


def _read_xliff20(data):
    store = xliff2.Xliff2File.parsestring(data)
    ns = store.namespace
    root = store.document.getroot()
    units = {}
    for element in root.iter(f"{{{ns}}}unit"):
        base = element.get("id", "")
        entry = units.setdefault(base, FileUnit(base))
        for meta in element.iter(f"{{{exchange.MDA}}}meta"):
            if meta.get("type") == "source-hash":
                entry.source_hash = (meta.text or "").strip()
            elif meta.get("type") == "target-hash":
                entry.target_hash = (meta.text or "").strip()
        for segment in element.iterchildren(f"{{{ns}}}segment"):
            key = segment.get("id", "")
            if not key.startswith("s") or not key[1:].isdigit():
                # Translators: %(id)s is a unit's identifier in the file
                raise ExchangeError(_("The file has a unit Ura did not write: %(id)s") % {"id": base[:120]})
            number = int(key[1:])
            source = segment.find(f"{{{ns}}}source")
            target = segment.find(f"{{{ns}}}target")
            entry.sources[number] = codes.plain_text(source) if source is not None else ""
            entry.targets[number] = target if target is not None and codes.plain_text(target).strip() else None
    return Parsed("xliff20", _language(root.get("trgLang")), units)


def _read_po(store):
    header = store.parseheader()
    language = _language(header.get("Language"))
    units = {}
    for unit in store.units:
        if unit.isheader():
            continue
        base, number = _split_id(unit.getcontext() or "")
        entry = units.setdefault(base, FileUnit(base))
        found = HASHES.search(unit.getnotes("developer"))
        if found:
            entry.source_hash, entry.target_hash = found.groups()
        entry.sources[number] = str(unit.source)
        entry.targets[number] = str(unit.target) if unit.target and not unit.isfuzzy() else None
    if not units:
        raise ExchangeError(_("The file holds no translation units."))
    return Parsed("po", language, units)


# --- Comparing with Ura ---------------------------------------------------------------


def admin_request(user):
    """A request of `user` for the admin's forms, with its own message store (its messages are not shown)."""
    return ImportRequest(user)


class _Discarded(BaseStorage):
    def _get(self, *args, **kwargs):
        return [], True

    def _store(self, messages, response, *args, **kwargs):
        return []


class ImportRequest(HttpRequest):
    """The request an import saves through the admin's forms with.

    Its user is the translator (or the operator of the command); the admin's
    messages go to a store that keeps nothing, since the import's own report
    says what happened. Django's messages framework reads the store from
    ``_messages``, declared here on the class rather than set on a request.
    """

    def __init__(self, user):
        super().__init__()
        self.method = "POST"
        self.user = user
        self.META["REMOTE_ADDR"] = "127.0.0.1"

    @cached_property
    def _messages(self):
        return _Discarded(self)


def _resolve(parsed, request):
    """{(model, pk): obj} and [(FileUnit, obj, field name)] for every unit; ExchangeError if one is unknown."""
    admins = exchange.content_admins()
    wanted = {}
    for unit_id in parsed.units:
        parts = unit_id.split(".")
        if len(parts) != 4:
            # Translators: %(id)s is a unit's identifier in the file
            raise ExchangeError(_("The file has a unit Ura did not write: %(id)s") % {"id": unit_id[:120]})
        app_label, model_name, pk, name = parts
        try:
            model = apps.get_model(app_label, model_name)
        except (LookupError, ValueError) as error:
            # Translators: %(id)s is a unit's identifier in the file
            raise ExchangeError(_("The file names an unknown kind of item: %(id)s") % {"id": unit_id[:120]}) from error
        if model not in admins or name not in i18n.content_fields(model):
            # Translators: %(id)s is a unit's identifier in the file
            raise ExchangeError(_("The file names an unknown field: %(id)s") % {"id": unit_id[:120]})
        wanted.setdefault(model, set()).add(pk)
    objects = {}
    for model, pks in wanted.items():
        try:
            found = model._default_manager.in_bulk([model._meta.pk.to_python(pk) for pk in pks])
        except Exception as error:  # a primary key of the wrong type
            raise ExchangeError(_("The file names an unknown item.")) from error
        for pk in pks:
            obj = found.get(model._meta.pk.to_python(pk))
            if obj is None:
                raise ExchangeError(
                    # Translators: %(type)s is a kind of item (news item, project); %(pk)s its number
                    _("The file names an item that does not exist (any more): %(type)s %(pk)s")
                    % {"type": model._meta.verbose_name, "pk": pk}
                )
            model_admin = admins[model]
            if not model_admin.has_change_permission(request, obj):
                # Translators: %(item)s is an item's title
                raise ExchangeError(_("You may not change “%(item)s”.") % {"item": obj})
            limited = model_admin.translator_languages(request)
            if limited is not None and parsed.language not in limited:
                raise ExchangeError(
                    # Translators: %(language)s is a language name
                    _("You may not translate into %(language)s.") % {"language": i18n.language_name(parsed.language)}
                )
            objects[(model, pk)] = obj
    resolved = []
    for unit_id, unit in parsed.units.items():
        app_label, model_name, pk, name = unit_id.split(".")
        model = apps.get_model(app_label, model_name)
        resolved.append((unit, objects[(model, pk)], name))
    return resolved


def _glossary_terms(language):
    """The glossary's terms with forbidden variants in `language`, read once per import."""
    from translating import glossary
    from translating.models import GlossaryTerm

    if language not in glossary.GLOSSARY_LANGUAGES:
        return []
    return list(GlossaryTerm.objects.exclude(**{f"forbidden_{language}": ""}))


def evaluate(parsed, user):
    """The report of what importing `parsed` as `user` would do (writes nothing)."""
    language = parsed.language
    if language not in i18n.LANGUAGE_CODES:
        # Translators: %(language)s is a language code from the file
        raise ExchangeError(_("The file is for a language Ura does not have: %(language)s") % {"language": language})
    request = admin_request(user)
    terms = _glossary_terms(language)
    results = []
    for unit, obj, name in _resolve(parsed, request):
        results.append(_evaluate_field(unit, obj, name, language, parsed.format, terms))
    return Report(parsed.format, language, results)


def _evaluate_field(unit, obj, name, language, fmt, terms):
    model = type(obj)
    model_field = model._meta.get_field(name)
    source_language = getattr(obj, "source_language", None) or i18n.DEFAULT_LANGUAGE
    if language == source_language:
        raise ExchangeError(
            # Translators: %(item)s is an item's title; %(language)s a language name
            _("“%(item)s” is written in %(language)s: the file cannot translate it into its own language.")
            % {"item": obj, "language": i18n.language_name(language)}
        )
    source = getattr(obj, i18n.localized(name, source_language), None) or ""
    current = getattr(obj, i18n.localized(name, language), None) or ""
    result = FieldResult(obj, name, str(capfirst(model_field.verbose_name)), UNCHANGED)
    result.before = display(model_field, current)
    old_source = " ".join(unit.sources[key] for key in sorted(unit.sources))
    if codes.digest(source) != unit.source_hash:
        result.status = NEEDS_REVIEW
        result.old_source = old_source
        result.new_source = display(model_field, source)
        return result
    rich = codes.is_rich(model_field)
    root = codes.parse(source) if rich else None
    blocks = codes.blocks(root) if rich else [source]
    if any(unit.targets.get(number) is None for number in range(1, len(blocks) + 1)):
        result.status = UNTRANSLATED
        return result
    try:
        if rich:
            translated = [
                codes.read_html(unit.targets[number], block)
                if fmt == "po"
                else codes.read_codes(unit.targets[number], block)
                for number, block in enumerate(blocks, 1)
            ]
            value = codes.rebuild(root, translated)
        else:
            target = unit.targets[1]
            value = target if isinstance(target, str) else codes.plain_text(target)
            if fmt != "po" and codes.has_codes(target):
                raise codes.MarkupError("plain")  # a plain field has no markup to protect
    except codes.MarkupError:
        result.status = MARKUP
        return result
    result.after = display(model_field, value)
    if comparable(model_field, value) == comparable(model_field, current):
        return result
    if codes.digest(current) != unit.target_hash:
        result.status = CONFLICT
        return result
    result.status = CHANGE
    result.value = value
    plain = codes.parse(value).text_content() if rich else value
    if terms:
        from translating import glossary

        hits = glossary.forbidden_in(plain, language, terms=terms)
        result.warnings = [{**hit, "field": result.label, "item": str(obj)} for hit in hits]
    return result


# --- Applying ------------------------------------------------------------------------


def form_data(form):
    """The data a browser would post for `form` as it is shown (its initial values)."""
    data = QueryDict(mutable=True)
    for name, form_field in form.fields.items():
        value = form.get_initial_for_field(form_field, name)
        widget = form_field.widget
        if isinstance(widget, MultiWidget):
            parts = value if isinstance(value, (list, tuple)) else widget.decompress(value)
            for suffix, part in zip(widget.widgets_names, parts, strict=False):
                if part is not None:
                    data[f"{name}{suffix}"] = part
        elif isinstance(widget, CheckboxInput):
            if value:
                data[name] = "on"
        elif value is None:
            continue
        elif isinstance(value, (list, tuple)) or hasattr(value, "all"):
            items = value.all() if hasattr(value, "all") else value
            data.setlist(name, [str(getattr(item, "pk", item)) for item in items])
        else:
            prepared = form_field.prepare_value(value)
            if prepared is not None:
                data[name] = prepared
    return data


def _comment(user, fmt):
    who = user.get_full_name() or user.get_username()
    if fmt == "po":
        # Translators: the comment of a history entry; %(user)s is a user's name
        return _("Imported from PO by %(user)s") % {"user": who}
    # Translators: the comment of a history entry; %(user)s is a user's name
    return _("Imported from XLIFF by %(user)s") % {"user": who}


def apply(parsed, user, accept_warnings=False):
    """Import `parsed` as `user`: the report, with the number of items saved. One transaction.

    The translation memory learns from each saved item after the commit, as from every save
    (translating.signals). `accept_warnings`: the user confirmed the glossary's warnings, as the
    change form's confirmation box does.
    """
    admins = exchange.content_admins()
    # The page cache is bumped once for the whole import (and again after the commit), as the WordPress
    # import does, not once per item; the search index follows each save by its signals.
    with transaction.atomic(), site_cache.changes_batched():
        report = evaluate(parsed, user)
        request = admin_request(user)
        by_object = {}
        for result in report.fields:
            by_object.setdefault((type(result.obj), result.obj.pk), []).append(result)
        for (model, pk), results in by_object.items():
            changes = {
                i18n.localized(result.field, report.language): result.value
                for result in results
                if result.status == CHANGE
            }
            if not changes:
                continue
            obj = model._default_manager.select_for_update().get(pk=pk)
            _save(request, admins[model], obj, changes, report, accept_warnings)
            report.applied += 1
    return report


def _save(request, model_admin, obj, changes, report, accept_warnings):
    form_class = model_admin.get_form(request, obj, change=True)
    form = form_class(instance=obj)
    data = form_data(form)
    for name, value in changes.items():
        if name not in form.fields:
            raise ExchangeError(
                # Translators: %(field)s is a field's name; %(item)s an item's title
                _("You may not change “%(field)s” of “%(item)s”.")
                % {"field": model_admin.model._meta.get_field(name).verbose_name, "item": obj}
            )
        data[name] = value
    if accept_warnings:
        data[CONFIRM_WARNINGS_FIELD] = "1"
    # The form as the browser posts it back: bound to the data, with the initial values it was shown with.
    form.data, form.files, form.is_bound, form._errors = data, {}, True, None
    if not form.is_valid():
        problems = "; ".join(f"{key}: {' '.join(errors)}" for key, errors in form.errors.items())
        # Translators: %(item)s is an item's title; %(problems)s the form's error messages
        raise ExchangeError(_("“%(item)s” was not saved: %(problems)s") % {"item": obj, "problems": problems})
    try:
        with reversion.create_revision():
            saved = model_admin.save_form(request, form, change=True)
            model_admin.save_model(request, saved, form, True)
            model_admin.save_related(request, form, [], True)
            reversion.set_user(request.user)
            reversion.set_comment(_comment(request.user, report.format))
    except PermissionDenied as error:
        # Translators: %(item)s is an item's title
        raise ExchangeError(_("You may not change “%(item)s”.") % {"item": obj}) from error
    message = model_admin.construct_change_message(request, form, [], False)
    model_admin.log_change(request, saved, message)
    return saved


IMPORT_HELP = gettext_lazy(
    "Upload the translated file (XLIFF 1.2, XLIFF 2.0 or PO exported from Ura). You see what would change "
    "before anything is saved."
)
