"""Project documents: what may be uploaded, recognised by content, not by name.

A file is accepted when it is not larger than ``DOCUMENT_MAX_BYTES`` and its
bytes are those of a PDF, an Office Open XML document (DOCX, XLSX, PPTX,
without macros) or an OpenDocument text or spreadsheet (ODT, ODS). The name's
extension must agree with what the content is, so that a download opens in
the program its name promises.

PDFs that carry JavaScript or actions that start programs (``/JavaScript``,
``/JS``, ``/Launch``, also inside compressed object streams and with
``#xx``-escaped names) are refused rather than cleaned: the editor saves the
file again without them (for example with "Print to PDF").
"""

import os
import re
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class DocumentType:
    extension: str
    content_type: str
    label: str


DOCUMENT_TYPES = {
    doc_type.extension: doc_type
    for doc_type in (
        DocumentType("pdf", "application/pdf", "PDF"),
        DocumentType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"),
        DocumentType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
        DocumentType("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PPTX"),
        DocumentType("odt", "application/vnd.oasis.opendocument.text", "ODT"),
        DocumentType("ods", "application/vnd.oasis.opendocument.spreadsheet", "ODS"),
    )
}
TYPES_BY_CONTENT_TYPE = {doc_type.content_type: doc_type for doc_type in DOCUMENT_TYPES.values()}
ALLOWED_EXTENSIONS = tuple(DOCUMENT_TYPES)

# The main part of each Office Open XML document, as [Content_Types].xml names it.
_OOXML_MAIN_PARTS = {
    "docx": ("/word/document.xml", "wordprocessingml.document.main+xml"),
    "xlsx": ("/xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
    "pptx": ("/ppt/presentation.xml", "presentationml.presentation.main+xml"),
}
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
_MAX_MANIFEST_BYTES = 1024 * 1024


def _sniff_zip(fileobj):
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    with archive:
        infos = {info.filename: info for info in archive.infolist()}
        mimetype = infos.get("mimetype")
        if mimetype is not None and mimetype.file_size <= 100:
            try:
                kind = _ODF_MIMETYPES.get(archive.read(mimetype).strip())
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, ValueError):
                return None
            if kind and "content.xml" in infos:
                return kind
            return None
        manifest = infos.get("[Content_Types].xml")
        if manifest is None or manifest.file_size > _MAX_MANIFEST_BYTES:
            return None
        try:
            content_types = archive.read(manifest).decode("utf-8", "replace")
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, ValueError):
            return None
        for extension, (part, main_type) in _OOXML_MAIN_PARTS.items():
            # A macro-enabled file (DOCM, XLSM, PPTM) declares another main type.
            if part.lstrip("/") in infos and main_type in content_types:
                return extension
    return None


# PDF names that run code or programs when the file is opened or clicked.
_PDF_ACTIVE_NAMES = {b"JavaScript", b"JS", b"Launch"}
_PDF_NAME = re.compile(rb"/([A-Za-z0-9#]{2,20})")
_PDF_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)
_PDF_INFLATE_BUDGET = 64 * 1024 * 1024  # bytes of decompressed streams inspected at most


def _has_active_name(data):
    for match in _PDF_NAME.finditer(data):
        name = _PDF_HEX.sub(lambda hex_digits: bytes([int(hex_digits.group(1), 16)]), match.group(1))
        if name in _PDF_ACTIVE_NAMES:
            return True
    return False


def pdf_has_active_content(fileobj):
    """True when the PDF in `fileobj` names JavaScript or a Launch action, in the clear or in a Flate stream."""
    position = fileobj.tell()
    try:
        fileobj.seek(0)
        data = fileobj.read()
    finally:
        fileobj.seek(position)
    if _has_active_name(data):
        return True
    budget = _PDF_INFLATE_BUDGET
    for stream in _PDF_STREAM.finditer(data):
        if budget <= 0:
            return True  # too much compressed content to inspect: refuse rather than guess
        inflater = zlib.decompressobj()
        try:
            inflated = inflater.decompress(stream.group(1), budget)
        except zlib.error:
            continue
        budget -= len(inflated)
        if _has_active_name(inflated):
            return True
    return False


def sniff_document(fileobj):
    """The DocumentType of an open file, judged by its bytes, or None."""
    position = fileobj.tell() if hasattr(fileobj, "tell") else None
    try:
        fileobj.seek(0)
        head = fileobj.read(8)
        extension = None
        if head.startswith(b"%PDF-"):
            fileobj.seek(0, os.SEEK_END)
            size = fileobj.tell()
            fileobj.seek(max(0, size - 2048))
            if b"%%EOF" in fileobj.read():
                extension = "pdf"
        elif head.startswith(b"PK\x03\x04"):
            fileobj.seek(0)
            extension = _sniff_zip(fileobj)
        return DOCUMENT_TYPES.get(extension) if extension else None
    finally:
        if position is not None:
            fileobj.seek(position)


def validate_document(upload):
    """Validator for the document FileField; raises a translated ValidationError.

    Files already in storage were checked when they were uploaded; forms
    re-run validators on every save, so those are not opened again.
    """
    if not upload or getattr(upload, "_committed", False):
        return
    size = getattr(upload, "size", None)
    if size is not None and size > settings.DOCUMENT_MAX_BYTES:
        raise ValidationError(
            # Translators: %(size)s and %(limit)s are file sizes with their unit ("12 MB"), in the nominative
            _("The file is %(size)s; the limit is %(limit)s."),
            code="document_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(settings.DOCUMENT_MAX_BYTES)},
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="document_empty")
    try:
        doc_type = sniff_document(upload)
    except (OSError, ValueError):
        doc_type = None
    if doc_type is None:
        raise ValidationError(_("Upload a PDF, DOCX, XLSX, PPTX, ODT or ODS document."), code="document_type")
    if doc_type.extension == "pdf" and pdf_has_active_content(upload):
        raise ValidationError(
            _(
                "The PDF contains JavaScript or an action that starts a program. Save it again without them "
                "(for example with “Print to PDF”) and upload that copy."
            ),
            code="document_active_content",
        )
    extension = os.path.splitext(getattr(upload, "name", "") or "")[1].lower().lstrip(".")
    if extension != doc_type.extension:
        raise ValidationError(
            # Translators: %(type)s is a file type ("PDF", "Word"); %(extension)s and %(expected)s are file name endings
            _("The file is a %(type)s document, but its name ends in “.%(extension)s”. Rename it to “.%(expected)s”."),
            code="document_extension",
            params={"type": doc_type.label, "extension": extension, "expected": doc_type.extension},
        )
