"""Content for translators' own tools: XLIFF 1.2, XLIFF 2.0 and PO files of the translated fields.

One unit per translated field of an item (its id: ``app.model.pk.field``), one
segment per block of rich text (translating.codes). Each unit carries:

- its source (the field in the item's source language) and the current
  translation, if any;
- its state from the freshness record (core.i18n): *new* (no translation),
  *needs review* (made from an older source), *translated* (up to date);
- a note with the field's label, the item's title and its admin address, and a
  length limit where the field has one (``maxwidth``/``slr:sizeRestriction``);
- suggestions from the translation memory (``alt-trans`` in 1.2,
  ``mtc:matches`` in 2.0);
- a hash of the source and of the translation as they were at export time
  (``extradata`` of each 1.2 ``trans-unit``, ``mda:metadata`` of each 2.0
  ``unit``, a ``#.`` comment in PO): the import (translating.importing) tells
  from them whether the source changed or someone edited the translation in
  Ura since the export.

The files are written with translate-toolkit's stores; only the inline codes
and the metadata its classes have no method for are set on their elements.
"""

import io
from dataclasses import dataclass, field

from django.contrib import admin
from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.text import capfirst
from lxml import etree
from translate.storage import po, xliff, xliff2

from core import i18n
from core.text import absolute_url
from translating import codes

FORMATS = {
    "xliff12": ("xlf", "application/x-xliff+xml"),
    "xliff20": ("xlf", "application/xliff+xml"),
    "po": ("po", "text/x-gettext-translation"),
}
NEW, NEEDS_REVIEW, TRANSLATED = "new", "needs-review", "translated"
XLIFF12_STATES = {NEW: "new", NEEDS_REVIEW: "needs-review-translation", TRANSLATED: "translated"}
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
MTC = "urn:oasis:names:tc:xliff:matches:2.0"
SLR = "urn:oasis:names:tc:xliff:sizerestriction:2.0"
ORIGIN = "ura"
XLIFF12_SKELETON = b"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="ura" source-language="en" datatype="html"><body></body></file>
</xliff>"""


@dataclass
class Unit:
    """One translated field of one item, for one target language."""

    obj: object
    field: str
    language: str
    source_language: str
    source: str
    target: str
    state: str
    label: str = ""
    max_length: int | None = None
    blocks: list = field(default_factory=list)  # the source's block elements (rich text) or [text]
    rich: bool = False

    @property
    def id(self):
        opts = self.obj._meta
        return f"{opts.app_label}.{opts.model_name}.{self.obj.pk}.{self.field}"

    @property
    def hashes(self):
        return f"s={codes.digest(self.source)};t={codes.digest(self.target)}"

    def note(self):
        opts = self.obj._meta
        url = absolute_url(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=(quote(self.obj.pk),)))
        return f"{self.label} — {self.obj} — {url}"

    def target_blocks(self):
        """The current translation's blocks, when it has the source's structure (else none)."""
        if not self.target:
            return []
        if not self.rich:
            return [self.target]
        found = codes.blocks(codes.parse(self.target))
        if len(found) != len(self.blocks) or any(
            [e.tag for e in a.iter()] != [e.tag for e in b.iter()] for a, b in zip(found, self.blocks, strict=True)
        ):
            return []
        return found


# --- What is exported ------------------------------------------------------------


def content_admins():
    """{model: its admin} for every model with translated text registered in the admin."""
    return {model: model_admin for model, model_admin in admin.site._registry.items() if i18n.content_fields(model)}


def field_state(obj, language, source_value, target_value):
    if not target_value:
        return NEW
    return NEEDS_REVIEW if i18n.is_outdated(obj, language) else TRANSLATED


def units_of(obj, language):
    """The units of `obj` for `language`: its fields with source text (none when `language` is its source)."""
    model = type(obj)
    source_language = getattr(obj, "source_language", None) or i18n.DEFAULT_LANGUAGE
    if language == source_language:
        return []
    units = []
    for name in i18n.content_fields(model):
        source = getattr(obj, i18n.localized(name, source_language), None) or ""
        if not source.strip():
            continue
        target = getattr(obj, i18n.localized(name, language), None) or ""
        model_field = model._meta.get_field(name)
        rich = codes.is_rich(model_field)
        blocks = codes.blocks(codes.parse(source)) if rich else [source]
        if not blocks:
            continue
        units.append(
            Unit(
                obj=obj,
                field=name,
                language=language,
                source_language=source_language,
                source=source,
                target=target,
                state=field_state(obj, language, source, target),
                label=str(capfirst(model_field.verbose_name)),
                max_length=None if rich else getattr(model_field, "max_length", None),
                blocks=blocks,
                rich=rich,
            )
        )
    return units


def stale_queryset(queryset, language):
    """The items of `queryset` whose `language` translation is missing, incomplete or out of date."""
    model = queryset.model
    if i18n.title_field(model) not in i18n.translated_fields(model):
        # No title to tell whether the item exists in a language (library images): a field filled in the
        # source language and empty in `language`.
        gaps = i18n.Q(pk__in=[])
        for name in i18n.content_fields(model):
            gaps |= i18n._filled_q(i18n.localized(name, i18n.DEFAULT_LANGUAGE)) & i18n._empty_q(
                i18n.localized(name, language)
            )
        return queryset.filter(gaps)
    if i18n.tracks_sources(model):
        queryset = queryset.alias(
            _tr_source=i18n.KT(f"translation_sources__{i18n.SOURCE_KEY}__fingerprint"),
            _tr_record=i18n.KT(f"translation_sources__{language}__fingerprint"),
        )
    condition = i18n.Q(pk__in=[])
    for status in (i18n.MISSING, i18n.INCOMPLETE, i18n.OUTDATED):
        condition |= i18n.status_q(model, language, status)
    return queryset.filter(condition)


def select(language, *, models=None, stale=False, topic=None, changed_since=None, changed_until=None):
    """The items to export: of `models` (default: every content model), optionally only the stale ones."""
    chosen = []
    for model in content_admins():
        if models and model not in models:
            continue
        queryset = model._default_manager.all()
        if stale:
            queryset = stale_queryset(queryset, language)
        if topic is not None:
            if not any(f.name == "topics" for f in model._meta.many_to_many):
                continue
            queryset = queryset.filter(topics=topic)
        if changed_since and hasattr(model, "updated_at"):
            queryset = queryset.filter(updated_at__date__gte=changed_since)
        if changed_until and hasattr(model, "updated_at"):
            queryset = queryset.filter(updated_at__date__lte=changed_until)
        chosen.extend(queryset.order_by("pk"))
    return chosen


def collect(objects, language):
    units = []
    for obj in objects:
        units.extend(units_of(obj, language))
    return units


def _matches(text, source_language, language):
    from translating import memory

    return memory.matches(text, source_language, language, limit=3, threshold=70)


# --- Writers ----------------------------------------------------------------------


def export(units, language, fmt, *, suggestions=True, source_in_target=False):
    """The file (bytes) of `units` in `fmt` (a key of FORMATS).

    `source_in_target` (XLIFF 1.2): every target holds a copy of the source, the current translation
    goes among the suggestions (``alt-trans`` from ``ura-current``). OmegaT's XLIFF filter translates
    the text of the target element, so it needs the source there.
    """
    source_language = units[0].source_language if units else i18n.DEFAULT_LANGUAGE
    if fmt == "xliff12":
        return _xliff12(units, source_language, language, suggestions, source_in_target)
    writer = {"xliff20": _xliff20, "po": _po}[fmt]
    return writer(units, source_language, language, suggestions)


def _original(source_language, language):
    return f"ura-{source_language}-{language}"


def _xliff12(units, source_language, language, suggestions, source_in_target=False):
    store = xliff.xlifffile.parsestring(XLIFF12_SKELETON)
    ns = store.namespace
    filenode = store.body.getparent()
    filenode.set("original", _original(source_language, language))
    filenode.set("source-language", source_language)
    filenode.set("target-language", language)
    filenode.set("datatype", "html")
    store._filename = filenode.get("original")
    # One <file> per source language: items written in different languages are translated from each.
    for unit in sorted(units, key=lambda unit: unit.source_language != source_language):
        if unit.source_language != store.body.getparent().get("source-language"):
            store.switchfile(_original(unit.source_language, language), createifmissing=True)
            node = store.body.getparent()
            node.set("source-language", unit.source_language)
            node.set("target-language", language)
            node.set("datatype", "html")
        targets = unit.target_blocks()
        group = etree.SubElement(store.body, f"{{{ns}}}group", id=unit.id, resname=unit.field)
        if unit.max_length:
            group.set("maxwidth", str(unit.max_length))
            group.set("size-unit", "char")
        for number, block in enumerate(unit.blocks, 1):
            text = block if isinstance(block, str) else block.text_content()
            tu = store.UnitClass(text)
            tu.setid(f"{unit.id}.{number}")
            store.addunit(tu)  # in the store's namespace (XLIFF 1.2)
            tu.xmlelement.set("extradata", unit.hashes)
            if unit.max_length:
                tu.xmlelement.set("maxwidth", str(unit.max_length))
                tu.xmlelement.set("size-unit", "char")
            if not isinstance(block, str):
                codes.fill_codes(tu.source_dom, block, ns, 1)
            current = targets[number - 1] if number <= len(targets) else None
            if source_in_target:
                current, previous = block, current
            if current is not None:
                tu.settarget(current if isinstance(current, str) else current.text_content())
                if not isinstance(current, str):
                    codes.fill_codes(tu.xmlelement.find(f"{{{ns}}}target"), current, ns, 1)
                state = NEW if source_in_target and previous is None else unit.state
                tu.xmlelement.find(f"{{{ns}}}target").set("state", XLIFF12_STATES[state])
                if state != TRANSLATED or source_in_target:
                    tu.xmlelement.attrib.pop("approved", None)
            tu.addnote(unit.note(), origin=ORIGIN)
            if source_in_target and previous is not None:
                tu.addalttrans(
                    previous if isinstance(previous, str) else previous.text_content(),
                    origin="ura-current",
                    lang=language,
                    sourcetxt=text,
                )
            if suggestions and unit.state != TRANSLATED:
                for match in _matches(text, unit.source_language, language):
                    tu.addalttrans(
                        match["target"],
                        origin="ura-memory",
                        lang=language,
                        sourcetxt=match["source"],
                        matchquality=str(match["score"]),
                    )
            group.append(tu.xmlelement)
    etree.cleanup_namespaces(store.document.getroot())
    return bytes(store)


def _xliff20(units, source_language, language, suggestions):
    store = xliff2.Xliff2File(sourcelanguage=source_language, targetlanguage=language)
    ns = store.namespace
    root = store.document.getroot()
    root.set("srcLang", source_language)
    root.set("trgLang", language)
    store.body.set("id", _original(source_language, language))
    for unit in units:
        targets = unit.target_blocks()
        element = etree.SubElement(store.body, f"{{{ns}}}unit", id=unit.id, name=unit.field)
        if unit.max_length:
            element.set(f"{{{SLR}}}sizeRestriction", str(unit.max_length))
        metadata = etree.SubElement(element, f"{{{MDA}}}metadata")
        group = etree.SubElement(metadata, f"{{{MDA}}}metaGroup", category=ORIGIN)
        for key, value in (part.split("=") for part in unit.hashes.split(";")):
            etree.SubElement(group, f"{{{MDA}}}meta", type={"s": "source-hash", "t": "target-hash"}[key]).text = value
        notes = etree.SubElement(element, f"{{{ns}}}notes")
        etree.SubElement(notes, f"{{{ns}}}note", category=ORIGIN).text = unit.note()
        matches = []
        for number, block in enumerate(unit.blocks, 1):
            text = block if isinstance(block, str) else block.text_content()
            segment = etree.SubElement(element, f"{{{ns}}}segment", id=f"s{number}")
            source = etree.SubElement(segment, f"{{{ns}}}source")
            if isinstance(block, str):
                source.text = block
            else:
                codes.fill_codes(source, block, ns, 2)
            if number <= len(targets):
                current = targets[number - 1]
                target = etree.SubElement(segment, f"{{{ns}}}target")
                if isinstance(current, str):
                    target.text = current
                else:
                    codes.fill_codes(target, current, ns, 2)
                segment.set("state", "translated" if unit.state == TRANSLATED else "initial")
                if unit.state == NEEDS_REVIEW:
                    segment.set("subState", "ura:outdated")
            else:
                segment.set("state", "initial")
            if suggestions and unit.state != TRANSLATED:
                matches.extend((f"#s{number}", match) for match in _matches(text, unit.source_language, language))
        if matches:
            container = etree.Element(f"{{{MTC}}}matches")
            element.insert(1, container)
            for ref, match in matches:
                made = etree.SubElement(
                    container, f"{{{MTC}}}match", ref=ref, matchQuality=f"{float(match['score']):.1f}", origin=ORIGIN
                )
                etree.SubElement(made, f"{{{ns}}}source").text = match["source"]
                etree.SubElement(made, f"{{{ns}}}target").text = match["target"]
    etree.cleanup_namespaces(root, top_nsmap={"mda": MDA, "mtc": MTC, "slr": SLR})
    return etree.tostring(store.document, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _po(units, source_language, language, suggestions):
    store = po.pofile()
    store.updateheader(add=True, Language=language, Content_Type="text/plain; charset=UTF-8")
    store.updateheader(add=True, X_Source_Language=source_language, X_Generator="Ura")
    for unit in units:
        targets = unit.target_blocks()
        for number, block in enumerate(unit.blocks, 1):
            text = block if isinstance(block, str) else codes.inner_html(block)
            entry = store.UnitClass(text)
            entry.setcontext(f"{unit.id}.{number}")
            entry.addnote(unit.note(), origin="developer")
            entry.addnote(f"ura: {unit.hashes}", origin="developer")
            if unit.max_length:
                entry.addnote(f"ura: max-length={unit.max_length}", origin="developer")
            if number <= len(targets):
                current = targets[number - 1]
                entry.target = current if isinstance(current, str) else codes.inner_html(current)
                entry.markfuzzy(unit.state == NEEDS_REVIEW)
            store.addunit(entry)
    out = io.BytesIO()
    store.serialize(out)
    return out.getvalue()


# --- Who may export what ---------------------------------------------------------------


def allowed_models(user, language):
    """The content models `user` may export for translation into `language` (view right, language right)."""
    from translating.importing import admin_request

    request = admin_request(user)
    allowed = []
    for model, model_admin in content_admins().items():
        if not model_admin.has_view_permission(request):
            continue
        limited = model_admin.translator_languages(request)
        if limited is not None and language not in limited:
            continue
        allowed.append(model)
    return allowed


def export_for(user, language, fmt, *, objects=None, source_in_target=False, **filters):
    """(file bytes, number of units) of what `user` may export: `objects`, or select()'s choice."""
    models = set(allowed_models(user, language))
    if objects is None:
        wanted = filters.pop("models", None)
        objects = select(language, models={m for m in models if not wanted or m in wanted}, **filters)
    else:
        objects = [obj for obj in objects if type(obj) in models]
    units = collect(objects, language)
    return export(units, language, fmt, source_in_target=source_in_target), units
