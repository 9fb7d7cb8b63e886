"""The translation memory as TMX 1.4b (translate-toolkit's tmx storage), out and in.

An uploaded file is refused before parsing when it declares entities or an
internal DTD subset (an entity bomb, an external entity reading the
server's files); a plain `<!DOCTYPE tmx SYSTEM "tmx14.dtd">`, which CAT tools
write, is allowed and never fetched (the parser loads no DTD and reaches no
network).
"""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from translate.storage import tmx

from core import i18n
from translating.models import MemorySegment, text_hash
from translating.segments import normalise

MAX_TMX_BYTES = 20 * 1024 * 1024
MAX_SEGMENT_LENGTH = 5000
PROLOG_BYTES = 4096
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class TMXError(ValueError):
    """A file that is not read: the message says why, in the reader's language."""


@dataclass
class TMXReport:
    added: int = 0
    known: int = 0
    skipped: int = 0
    pairs: dict = field(default_factory=dict)  # {(source, target): added}
    user: str = ""


def export_tmx(source_language, target_language):
    """The memory of one language pair as a TMX 1.4b file (bytes, UTF-8)."""
    store = tmx.tmxfile(sourcelanguage=source_language, targetlanguage=target_language)
    store.addheader()
    rows = (
        MemorySegment.objects.filter(source_language=source_language, target_language=target_language)
        .order_by("normalised", "pk")
        .values_list("source_text", "target_text")
    )
    seen = set()
    for source, target in rows.iterator(chunk_size=2000):
        if (source, target) in seen:
            continue
        seen.add((source, target))
        store.addtranslation(source, source_language, target, target_language)
    return bytes(store)


def check_prolog(data):
    """Refuse a file that declares entities or an internal DTD subset, before anything is parsed."""
    if not data.strip():
        raise TMXError(_("The file is empty."))
    text = data[:PROLOG_BYTES].decode("utf-8", "replace")
    prolog = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    root = re.search(r"<[A-Za-z_]", prolog)
    head = (prolog[: root.start()] if root else prolog).upper()
    if "<!ENTITY" in head or re.search(r"<!DOCTYPE[^>]*\[", head) or ("<!DOCTYPE" in head and not root):
        raise TMXError(
            _(
                "The file declares entities or a document type of its own. A TMX file does not need them; "
                "such a file can hide an entity bomb or read files from the server, so it is not read."
            )
        )
    if "<!ENTITY" in text.upper():
        raise TMXError(_("The file declares entities, so it is not read."))


def _language(value):
    """Ura's code of a TMX language ("en-GB" -> "en", "sq-AL" -> "sq"), or None."""
    code = (value or "").lower().split("-")[0].split("_")[0]
    return code if code in i18n.LANGUAGE_CODES else None


def read_units(data):
    """[{language: text}] of the translation units of a TMX file (bytes)."""
    if len(data) > MAX_TMX_BYTES:
        raise TMXError(_("The file is larger than 20 MB."))
    check_prolog(data)
    try:
        store = tmx.tmxfile.parsestring(data)
    except Exception as error:  # lxml's XMLSyntaxError, an AssertionError for another root element
        # Translators: %(error)s is the reader's message (in English)
        raise TMXError(_("This is not a TMX file (%(error)s).") % {"error": str(error)[:200]}) from error
    units = []
    for unit in store.units:
        texts = {}
        for node in unit.getlanguageNodes():
            code = _language(node.get(XML_LANG) or node.get("lang"))
            text = unit.getNodeText(node) or ""
            if code and text.strip():
                texts[code] = text.strip()[:MAX_SEGMENT_LENGTH]
        units.append(texts)
    return units


def import_tmx(fileobj, user):
    """Add the pairs of a TMX file to the memory (every pair of Ura's languages in each unit); a TMXReport.

    Pairs the memory already has are counted as known; units without two of
    Ura's languages as skipped. Nothing is written when the file is refused.
    """
    data = fileobj.read(MAX_TMX_BYTES + 1)
    units = read_units(data)
    report = TMXReport(user=str(getattr(user, "get_username", lambda: "")() if user else ""))
    existing = set()
    for source_language, target_language, source, target in MemorySegment.objects.values_list(
        "source_language", "target_language", "source_hash", "target_text"
    ).iterator(chunk_size=5000):
        existing.add((source_language, target_language, source, target))
    rows = []
    for texts in units:
        if len(texts) < 2:
            report.skipped += 1
            continue
        for source_language, source in texts.items():
            for target_language, target in texts.items():
                if source_language == target_language:
                    continue
                key = (source_language, target_language, text_hash(normalise(source)), target)
                if key in existing:
                    report.known += 1
                    continue
                existing.add(key)
                rows.append(
                    MemorySegment(
                        source_language=source_language,
                        target_language=target_language,
                        source_text=source,
                        target_text=target,
                        origin=MemorySegment.TMX,
                    ).prepare()
                )
                pair = (source_language, target_language)
                report.pairs[pair] = report.pairs.get(pair, 0) + 1
    with transaction.atomic():
        MemorySegment.objects.bulk_create(rows, batch_size=1000)
    report.added = len(rows)
    return report
