import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import override

from core.models import Status
from projects.documents import sniff_document, validate_document
from projects.models import Document, GalleryImage
from tests.library.factories import ImageFactory
from tests.news.factories import image_bytes
from tests.projects.factories import DocumentFactory, ProjectFactory, odf_bytes, ooxml_bytes, pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("report.pdf", pdf_bytes(), "application/pdf"),
        ("brief.docx", ooxml_bytes("docx"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("budget.xlsx", ooxml_bytes("xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (
            "slides.pptx",
            ooxml_bytes("pptx"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        ("agenda.odt", odf_bytes("odt"), "application/vnd.oasis.opendocument.text"),
        ("figures.ods", odf_bytes("ods"), "application/vnd.oasis.opendocument.spreadsheet"),
        ("REPORT.PDF", pdf_bytes(), "application/pdf"),
    ],
)
def test_allowed_documents_are_recognised_by_content(name, content, content_type):
    upload = SimpleUploadedFile(name, content)
    validate_document(upload)
    assert sniff_document(upload).content_type == content_type


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("report.pdf", b"<html><script>alert(1)</script></html>", "document_type"),
        ("report.pdf", png_bytes(), "document_type"),
        ("report.pdf", b"%PDF-1.4 truncated without an end", "document_type"),
        ("macro.docx", ooxml_bytes("docx", "application/vnd.ms-word.document.macroEnabled.main+xml"), "document_type"),
        ("archive.docx", b"PK\x03\x04 not really a zip", "document_type"),
        ("report.docx", pdf_bytes(), "document_extension"),
        ("report.exe", pdf_bytes(), "document_extension"),
        ("empty.pdf", b"", "document_empty"),
    ],
)
def test_other_files_are_refused(name, content, code):
    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile(name, content))
    assert error.value.code == code


def test_size_limit(settings):
    settings.DOCUMENT_MAX_BYTES = 100
    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile("report.pdf", pdf_bytes() + b" " * 200))
    assert error.value.code == "document_too_large"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("be", "Загрузіце дакумент PDF, DOCX, XLSX, PPTX, ODT або ODS."),
        ("sq", "Ngarkoni një dokument PDF, DOCX, XLSX, PPTX, ODT ose ODS."),
        ("en", "Upload a PDF, DOCX, XLSX, PPTX, ODT or ODS document."),
    ],
)
def test_refusal_is_translated(language, message):
    from django.utils import translation

    with translation.override(language):
        with pytest.raises(ValidationError) as error:
            validate_document(SimpleUploadedFile("x.pdf", b"plain text"))
        assert error.value.messages == [message]


def test_size_and_type_are_stored_on_save(media_root):
    document = DocumentFactory(file=SimpleUploadedFile("assessment.pdf", pdf_bytes()))
    document.refresh_from_db()
    assert document.file_size == len(pdf_bytes())
    assert document.content_type == "application/pdf"
    assert document.type_label == "PDF"
    assert document.download_name.endswith(".pdf")


def test_facts_are_read_from_storage_when_missing(media_root):
    document = DocumentFactory()
    Document.objects.filter(pk=document.pk).update(file_size=0, content_type="")
    document = Document.objects.get(pk=document.pk)
    document.save()
    assert document.file_size == len(pdf_bytes())
    assert document.content_type == "application/pdf"


def test_model_validation_refuses_a_renamed_file(media_root):
    document = Document(project=ProjectFactory(), title_en="Fake", file=SimpleUploadedFile("fake.pdf", b"MZ\x90\x00"))
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert "file" in error.value.message_dict


def test_a_stored_document_is_not_read_again_when_its_project_is_saved(media_root):
    document = DocumentFactory()
    document.file.storage.delete(document.file.name)
    stored = Document.objects.get(pk=document.pk)
    stored.full_clean()  # the file is gone, yet nothing opens it


# --- Private files of unpublished projects -------------------------------------------------


@pytest.fixture
def draft_and_published(media_root):
    draft = ProjectFactory(status=Status.DRAFT, publish_at=None)
    published = ProjectFactory()
    documents = {}
    for project in (draft, published):
        documents[project] = Document.objects.create(
            project=project, title="Board minutes", file=SimpleUploadedFile("board-minutes.pdf", pdf_bytes())
        )
    return draft, published, documents


def test_documents_are_not_under_media_and_their_names_cannot_be_guessed(client, draft_and_published):
    draft, published, documents = draft_and_published
    for project, document in documents.items():
        name = document.file.name
        assert not (Path(settings.MEDIA_ROOT) / name).exists()
        assert (Path(settings.PRIVATE_MEDIA_ROOT) / name).exists()
        assert str(project.pk) not in name.split("/")[2]
        assert len(name.split("/")[2]) >= 20
        assert client.get(f"/media/{name}").status_code == 404
        assert client.get(f"/media/projects/documents/{project.pk}/board-minutes.pdf").status_code == 404
    with override("en"):
        assert client.get(documents[draft].get_absolute_url()).status_code == 404
        response = client.get(documents[published].get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Disposition"].startswith("attachment")


def test_the_proxy_can_send_published_documents(client, draft_and_published, settings):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/protected/"
    draft, published, documents = draft_and_published
    with override("en"):
        response = client.get(documents[published].get_absolute_url())
        assert client.get(documents[draft].get_absolute_url()).status_code == 404
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected/{documents[published].file.name}"
    assert response.content == b""
    assert response["Content-Disposition"].startswith("attachment")


def test_gallery_images_of_drafts_have_unguessable_names(draft_and_published):
    draft = draft_and_published[0]
    image = GalleryImage.objects.create(
        project=draft, image=ImageFactory(file=SimpleUploadedFile("visit.jpg", image_bytes()))
    )
    folder = image.image.file.name.split("/")[2]  # library/<year>/<random>/visit.jpg
    assert len(folder) >= 20
    assert image.image.file.name.endswith("/visit.jpg")
    assert all(folder in entry[0] for entries in image.image.renditions.values() for entry in entries)


def pdf_with(body):
    return b"%PDF-1.7\n" + body + b"\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.mark.parametrize(
    "body",
    [
        b"1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj",
        b"1 0 obj << /Type /Catalog /OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >> >> endobj",
        b"1 0 obj << /Type /Catalog /OpenAction << /S /Launch /F (cmd.exe) >> >> endobj",
        b"1 0 obj << /Type /ObjStm /Filter /FlateDecode >>\nstream\n"
        + zlib.compress(b"<< /S /JavaScript /JS (app.alert(1)) >>")
        + b"\nendstream\nendobj",
    ],
    ids=["plain", "hex-escaped", "launch", "compressed"],
)
def test_pdfs_with_javascript_or_launch_actions_are_refused(body):
    upload = SimpleUploadedFile("report.pdf", pdf_with(body), content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        validate_document(upload)
    assert error.value.code == "document_active_content"


def test_a_pdf_that_only_mentions_javascript_in_its_text_passes():
    body = b"1 0 obj << /Type /Catalog >> endobj\n2 0 obj << /Length 40 >>\nstream\nBT (JavaScript is a language) Tj ET\nendstream"
    validate_document(SimpleUploadedFile("report.pdf", pdf_with(body), content_type="application/pdf"))
