import datetime
import io
import zipfile

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from core.models import Status
from projects.models import Activity, Document, GalleryImage, Objective, Place, Project, ProjectPartner, Role
from tests.partners.factories import OrganisationFactory


def pdf_bytes():
    """The smallest well-formed PDF the validator accepts."""
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
        b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def ooxml_bytes(kind="docx", main_type=None):
    """A minimal Office Open XML package (DOCX, XLSX or PPTX)."""
    parts = {
        "docx": (
            "word/document.xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        ),
        "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
        "pptx": (
            "ppt/presentation.xml",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        ),
    }
    part, content_type = parts[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Override PartName="/{part}" ContentType="{main_type or content_type}"/></Types>',
        )
        archive.writestr(part, "<xml/>")
    return buffer.getvalue()


def odf_bytes(kind="odt"):
    mimetype = {
        "odt": "application/vnd.oasis.opendocument.text",
        "ods": "application/vnd.oasis.opendocument.spreadsheet",
    }[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def png_bytes(size=(60, 40), colour="#123a5e"):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name_en = factory.Sequence(lambda n: f"Lipjan {n}")
    name_sq = factory.Sequence(lambda n: f"Lipjani {n}")
    name_be = factory.Sequence(lambda n: f"Ліп’ян {n}")
    country = "XK"
    latitude = "42.52170"
    longitude = "21.12250"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    title_en = factory.Sequence(lambda n: f"Interethnic dialogue {n}")
    title_sq = factory.Sequence(lambda n: f"Dialog ndëretnik {n}")
    title_be = factory.Sequence(lambda n: f"Міжэтнічны дыялог {n}")
    summary_en = "Focus groups and public events in five municipalities."
    summary_sq = "Fokus grupe dhe ngjarje publike në pesë komuna."
    summary_be = "Фокус-групы і публічныя падзеі ў пяці муніцыпалітэтах."
    description_en = "<p>Residents of every community talk about working together.</p>"
    description_sq = "<p>Banorët e të gjitha komuniteteve flasin për punën e përbashkët.</p>"
    description_be = "<p>Жыхары ўсіх супольнасцяў гавораць пра сумесную працу.</p>"
    start_date = datetime.date(2024, 5, 1)
    end_date = datetime.date(2024, 12, 31)
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


class ProjectPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectPartner

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.PARTNER


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    project = factory.SubFactory(ProjectFactory)
    text_en = factory.Sequence(lambda n: f"Objective {n}: understand the state of cooperation.")
    text_sq = factory.Sequence(lambda n: f"Objektivi {n}: të kuptohet gjendja e bashkëpunimit.")
    text_be = factory.Sequence(lambda n: f"Мэта {n}: зразумець стан супрацоўніцтва.")
    order = factory.Sequence(lambda n: n)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    project = factory.SubFactory(ProjectFactory)
    title_en = factory.Sequence(lambda n: f"Public event {n}")
    title_sq = factory.Sequence(lambda n: f"Ngjarje publike {n}")
    title_be = factory.Sequence(lambda n: f"Публічная сустрэча {n}")
    place_en = "Viti"
    place_sq = "Viti"
    place_be = "Віці"
    start_date = datetime.date(2024, 10, 14)
    end_date = datetime.date(2024, 10, 15)
    order = factory.Sequence(lambda n: n)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    project = factory.SubFactory(ProjectFactory)
    title_en = factory.Sequence(lambda n: f"Assessment report {n}")
    title_sq = factory.Sequence(lambda n: f"Raporti i vlerësimit {n}")
    title_be = factory.Sequence(lambda n: f"Ацэначны даклад {n}")
    file = factory.LazyFunction(lambda: ContentFile(pdf_bytes(), name="report.pdf"))
    language = "en"
    order = factory.Sequence(lambda n: n)


class GalleryImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GalleryImage

    project = factory.SubFactory(ProjectFactory)
    image = factory.SubFactory(
        "tests.library.factories.ImageFactory",
        file=factory.LazyFunction(lambda: ContentFile(png_bytes(), name="picture.png")),
    )
    caption_en = "Round table in Viti"
    caption_sq = "Tryezë e rrumbullakët në Viti"
    caption_be = "Круглы стол у Віці"
    order = factory.Sequence(lambda n: n)
