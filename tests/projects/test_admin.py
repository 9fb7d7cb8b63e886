import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.models import Document, Project, Role
from tests.conftest import LANGUAGES
from tests.library.factories import ImageFactory
from tests.partners.factories import OrganisationFactory
from tests.portal.factories import TopicFactory
from tests.projects.factories import DocumentFactory, ProjectFactory, ProjectPartnerFactory, pdf_bytes

pytestmark = pytest.mark.django_db

INLINES = ("partner_roles", "objectives", "activities", "documents", "gallery")


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "pass")
    client.force_login(user)
    return client


def test_changelist_filters_and_search(admin_client, django_assert_max_num_queries):
    donor = OrganisationFactory(name_en="Balkan Trust for Democracy", acronym_en="BTD")
    funded = ProjectFactory(
        title_en="Grassroots peacebuilding", start_date=datetime.date(2024, 5, 1), end_date=datetime.date(2024, 12, 31)
    )
    ProjectPartnerFactory(project=funded, organisation=donor, role=Role.FUNDING)
    ProjectFactory(
        title_en="Security consensus", start_date=datetime.date(2023, 7, 1), end_date=datetime.date(2023, 10, 31)
    )
    changelist = reverse("admin:projects_project_changelist")
    response = admin_client.get(changelist)
    assert response.status_code == 200
    assert "BTD" in response.content.decode()  # donors column
    cases = {
        "phase=completed": {"Grassroots peacebuilding", "Security consensus"},
        "phase=ongoing": set(),
        f"donor={donor.pk}": {"Grassroots peacebuilding"},
        "year=2023": {"Security consensus"},
        "year=2024": {"Grassroots peacebuilding"},
        "status__exact=published": {"Grassroots peacebuilding", "Security consensus"},
        "q=Balkan": {"Grassroots peacebuilding"},
        "q=Security": {"Security consensus"},
    }
    for query, titles in cases.items():
        response = admin_client.get(f"{changelist}?{query}")
        assert response.status_code == 200, query
        assert {project.title_en for project in response.context["cl"].result_list} == titles, query
    for junk in ("phase=soon", "donor=abc", "year=zz"):
        assert admin_client.get(f"{changelist}?{junk}").status_code == 200
    for _n in range(10):
        ProjectPartnerFactory(role=Role.FUNDING)
    with django_assert_max_num_queries(25):
        admin_client.get(changelist)


def test_change_form_has_inlines_tabs_and_autocomplete(admin_client):
    project = ProjectFactory()
    response = admin_client.get(reverse("admin:projects_project_change", args=[project.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for prefix in INLINES:
        assert f'name="{prefix}-TOTAL_FORMS"' in html
        assert f'name="{prefix}-__prefix__-order"' in html
    for code in LANGUAGES:
        assert f'name="title_{code}"' in html
        assert f'name="objectives-__prefix__-text_{code}"' in html
    assert "admin-autocomplete" in html
    assert reverse("admin:autocomplete") in html or "data-ajax--url" in html


def _form_data(**extra):
    data = {
        "title_en": "Regional cooperation in times of crisis",
        "title_sq": "Bashkëpunimi rajonal në kohë krize",
        "title_be": "Рэгіянальнае супрацоўніцтва ў час крызісу",
        "start_date": "2022-01-01",
        "end_date": "2022-12-31",
        "our_role": "lead",
        "status": "draft",
        "source_language": "sq",
    }
    for prefix in INLINES:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(extra)
    return data


def test_editor_adds_a_project_with_roles_and_a_document(admin_client, media_root):
    donor = OrganisationFactory()
    lead = OrganisationFactory()
    topic = TopicFactory()
    data = _form_data(
        topics=[str(topic.pk)],
        **{
            "partner_roles-TOTAL_FORMS": "3",
            "partner_roles-0-organisation": str(donor.pk),
            "partner_roles-0-role": "funding",
            "partner_roles-0-order": "1",
            "partner_roles-1-organisation": str(lead.pk),
            "partner_roles-1-role": "lead",
            "partner_roles-1-order": "2",
            "partner_roles-2-organisation": str(lead.pk),
            "partner_roles-2-role": "implementing",
            "partner_roles-2-order": "3",
            "documents-TOTAL_FORMS": "1",
            "documents-0-title_en": "Assessment overview",
            "documents-0-file": SimpleUploadedFile("assessment.pdf", pdf_bytes(), content_type="application/pdf"),
            "documents-0-language": "en",
            "documents-0-category": "assessment",
            "documents-0-order": "1",
            "objectives-TOTAL_FORMS": "1",
            "objectives-0-text_en": "Propose policy recommendations.",
            "objectives-0-order": "1",
        },
    )
    response = admin_client.post(reverse("admin:projects_project_add"), data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    project = Project.objects.get(title_en=data["title_en"])
    assert [(role.organisation, role.role) for role in project.partner_roles.all()] == [
        (donor, "funding"),
        (lead, "lead"),
        (lead, "implementing"),
    ]
    document = project.documents.get()
    assert document.content_type == "application/pdf"
    assert document.file_size == len(pdf_bytes())
    assert project.slug_be and project.slug_sq and project.slug_en


def test_admin_refuses_a_disguised_document(admin_client, media_root):
    data = _form_data(
        **{
            "documents-TOTAL_FORMS": "1",
            "documents-0-title_en": "Not a report",
            "documents-0-file": SimpleUploadedFile(
                "report.pdf", b"<html>nothing to see</html>", content_type="application/pdf"
            ),
            "documents-0-language": "en",
            "documents-0-category": "report",
            "documents-0-order": "1",
        }
    )
    response = admin_client.post(reverse("admin:projects_project_add"), data)
    assert response.status_code == 200
    assert "Upload a PDF, DOCX, XLSX, PPTX, ODT or ODS document." in response.content.decode()
    assert not Project.objects.filter(title_en=data["title_en"]).exists()
    assert not Document.objects.exists()


def test_document_inline_shows_type_and_size(admin_client, media_root):
    document = DocumentFactory()
    html = admin_client.get(reverse("admin:projects_project_change", args=[document.project.pk])).content.decode()
    assert "PDF, " in html


def test_organisation_admin_lists_its_project_roles(admin_client):
    role = ProjectPartnerFactory(role=Role.FUNDING)
    response = admin_client.get(reverse("admin:partners_organisation_change", args=[role.organisation.pk]))
    assert response.status_code == 200
    assert 'name="project_roles-TOTAL_FORMS"' in response.content.decode()
    changelist = admin_client.get(reverse("admin:partners_organisation_changelist") + "?q=Civic")
    assert changelist.status_code == 200


def test_place_admin_and_organisation_autocomplete(admin_client):
    OrganisationFactory(name_en="Kosovar Civil Society Foundation")
    assert admin_client.get(reverse("admin:projects_place_changelist")).status_code == 200
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "projects", "model_name": "projectpartner", "field_name": "organisation", "term": "Kosovar"},
    )
    assert response.status_code == 200
    assert "Kosovar Civil Society Foundation" in response.content.decode()


def test_editor_saves_a_project_that_has_gallery_images(admin_client, media_root):
    from projects.models import GalleryImage
    from tests.core.test_images import jpeg_bytes
    from tests.editorial.workflow_helpers import change_form_data

    project = ProjectFactory()
    for number in range(2):
        GalleryImage.objects.create(
            project=project,
            image=ImageFactory(
                file=SimpleUploadedFile(f"lipjan-{number}.jpg", jpeg_bytes(), content_type="image/jpeg")
            ),
            caption_sq=f"Ngjarje publike në Lipjan {number}",
            order=number,
        )
    url = reverse("admin:projects_project_change", args=(project.pk,))
    data = change_form_data(admin_client.get(url), title_en="Grassroots peacebuilding in Kosovo")
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    project.refresh_from_db()
    assert project.title_en == "Grassroots peacebuilding in Kosovo"
    assert project.gallery.count() == 2


def test_several_photos_go_into_the_gallery_in_one_save(admin_client, media_root):
    from projects.models import GalleryImage
    from tests.core.test_images import jpeg_bytes
    from tests.editorial.workflow_helpers import change_form_data

    project = ProjectFactory()
    GalleryImage.objects.create(project=project, image=ImageFactory(), order=5)
    url = reverse("admin:projects_project_change", args=(project.pk,))
    data = change_form_data(admin_client.get(url))
    data.update(gallery_alt_be="Візіт", gallery_alt_sq="Vizitë", gallery_alt_en="Visit")
    data["gallery_upload"] = [
        SimpleUploadedFile("viti-1.jpg", jpeg_bytes(), content_type="image/jpeg"),
        SimpleUploadedFile("viti-2.jpg", jpeg_bytes(), content_type="image/jpeg"),
        SimpleUploadedFile("notes.jpg", b"not a picture", content_type="image/jpeg"),
    ]
    response = admin_client.post(url, data, follow=True)
    assert response.status_code == 200
    rows = list(project.gallery.select_related("image"))
    assert [row.order for row in rows] == [5, 6, 7]
    assert [row.image.file.name.rsplit("/", 1)[1] for row in rows[1:]] == ["viti-1.jpg", "viti-2.jpg"]
    assert all(row.image.renditions["card.webp"] for row in rows[1:])
    messages = [str(message) for message in response.context["messages"]]
    assert any("notes.jpg" in message and "not a valid image" in message for message in messages)


def _document_row(**row):
    return {
        "documents-TOTAL_FORMS": "1",
        "documents-0-file": SimpleUploadedFile("report.pdf", pdf_bytes(), content_type="application/pdf"),
        "documents-0-category": "report",
        "documents-0-order": "1",
        **{f"documents-0-{name}": value for name, value in row.items()},
    }


def test_a_documents_language_comes_from_its_title_in_one_language_when_left_empty(admin_client, media_root):
    form = admin_client.get(reverse("admin:projects_project_add")).content.decode()
    assert "— as its title —" in form
    data = _form_data(**_document_row(title_en="Final report", language=""))
    response = admin_client.post(reverse("admin:projects_project_add"), data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    assert Project.objects.get(title_en=data["title_en"]).documents.get().language == "en"


def test_a_document_titled_in_several_languages_needs_its_language_chosen(admin_client, media_root):
    data = _form_data(**_document_row(title_be="Выніковая справаздача", title_en="Final report", language=""))
    response = admin_client.post(reverse("admin:projects_project_add"), data)
    assert response.status_code == 200
    assert "choose the language of the document itself" in response.content.decode()
    data["documents-0-file"] = SimpleUploadedFile("report.pdf", pdf_bytes(), content_type="application/pdf")
    data["documents-0-language"] = "en"
    assert admin_client.post(reverse("admin:projects_project_add"), data).status_code == 302


def test_the_project_form_says_donors_and_leads_are_partners_and_has_one_gallery(admin_client):
    form = admin_client.get(reverse("admin:projects_project_add")).content.decode()
    assert "Partners, donors and the lead organisation (each with its role)" in form
    assert "one row each with its role" in form
    assert form.count(">Gallery<") <= 1 and "New photos for the gallery" in form
