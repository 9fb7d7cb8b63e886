import datetime
import re
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from core.models import Status
from projects.models import GalleryImage, Role
from projects.views import DONOR_CHOICES
from tests.conftest import LANGUAGES
from tests.library.factories import ImageFactory
from tests.news.factories import NewsItemFactory, image_bytes
from tests.partners.factories import OrganisationFactory
from tests.portal.factories import TopicFactory
from tests.projects.factories import (
    ActivityFactory,
    DocumentFactory,
    GalleryImageFactory,
    ObjectiveFactory,
    PlaceFactory,
    ProjectFactory,
    ProjectPartnerFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def rich_project(size, **kwargs):
    """A published project with `size` partners, activities, documents and pictures."""
    project = ProjectFactory(**kwargs)
    ProjectPartnerFactory(project=project, role=Role.FUNDING)
    ProjectPartnerFactory(project=project, role=Role.LEAD)
    for _n in range(size):
        ProjectPartnerFactory(project=project)
        ObjectiveFactory(project=project)
        ActivityFactory(project=project)
        DocumentFactory(project=project)
        GalleryImageFactory(project=project)
        project.places.add(PlaceFactory())
        project.topics.add(TopicFactory())
        NewsItemFactory().projects.add(project)
    return project


# --- List ----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_list_shows_published_projects_only(client, language):
    shown = ProjectFactory()
    ProjectFactory(
        title_en="Hidden draft",
        title_sq="Draft i fshehur",
        title_be="Схаваны чарнавік",
        status=Status.DRAFT,
        publish_at=None,
    )
    ProjectFactory(
        title_en="Scheduled later",
        title_sq="Planifikuar më vonë",
        title_be="Запланаваны пазней",
        status=Status.SCHEDULED,
        publish_at=timezone.now() + datetime.timedelta(days=3),
    )
    response = client.get(url("projects:list", language))
    assert response.status_code == 200
    body = response.content.decode()
    assert getattr(shown, f"title_{language}") in body
    assert "Hidden draft" not in body and "Схаваны чарнавік" not in body
    assert "Scheduled later" not in body and "Запланаваны пазней" not in body
    assert body.count("<h1") == 1
    with translation.override(language):
        assert shown.duration in body


@pytest.mark.parametrize(("count", "language"), [(3, "en"), (15, "be"), (15, "sq")])
def test_list_query_count_does_not_grow(client, django_assert_max_num_queries, count, language, media_root):
    for _n in range(count):
        project = ProjectFactory()
        for role in (Role.FUNDING, Role.LEAD, Role.PARTNER, Role.PARTNER):
            ProjectPartnerFactory(project=project, role=role)
        GalleryImageFactory(project=project)
        project.places.add(PlaceFactory())
    # The cards' pictures and places are two queries whatever the number of projects.
    with django_assert_max_num_queries(9):
        response = client.get(url("projects:list", language))
    assert response.status_code == 200


def test_filter_by_status(client):
    ongoing = ProjectFactory(
        start_date=TODAY - datetime.timedelta(days=30), end_date=TODAY + datetime.timedelta(days=30)
    )
    completed = ProjectFactory(start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2020, 6, 30))
    planned = ProjectFactory(start_date=TODAY + datetime.timedelta(days=60), end_date=None)
    for status, wanted in (("ongoing", ongoing), ("completed", completed), ("planned", planned)):
        response = client.get(url("projects:list", "en"), {"status": status})
        assert response.status_code == 200
        titles = [project.title_en for project in response.context["object_list"]]
        assert titles == [wanted.title_en]
        assert f'<option value="{status}" selected>' in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_filter_by_donor_keeps_the_choice(client, language):
    donor = OrganisationFactory(kind="donor")
    funded = ProjectFactory()
    ProjectPartnerFactory(project=funded, organisation=donor, role=Role.FUNDING)
    other = ProjectFactory()
    ProjectPartnerFactory(project=other, organisation=donor, role=Role.PARTNER)  # a partner, not a donor
    slug = getattr(donor, f"slug_{language}")
    response = client.get(url("projects:list", language), {"donor": slug})
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [funded]
    assert f'<option value="{slug}" selected>' in response.content.decode()


def test_donor_slug_of_another_language_is_understood(client):
    donor = OrganisationFactory(kind="donor")
    funded = ProjectFactory()
    ProjectPartnerFactory(project=funded, organisation=donor, role=Role.FUNDING)
    ProjectFactory()
    response = client.get(url("projects:list", "be"), {"donor": donor.slug_sq})
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [funded]
    assert f'<option value="{donor.slug_be}" selected>' in response.content.decode()


def test_filter_by_year_and_topic(client):
    topic = TopicFactory()
    old = ProjectFactory(start_date=datetime.date(2021, 3, 1), end_date=datetime.date(2022, 2, 28))
    old.topics.add(topic)
    recent = ProjectFactory(start_date=datetime.date(2024, 5, 1), end_date=datetime.date(2024, 12, 31))
    open_ended = ProjectFactory(start_date=datetime.date(2019, 1, 1), end_date=None)
    response = client.get(url("projects:list", "en"), {"year": "2022"})
    assert set(response.context["object_list"]) == {old, open_ended}
    assert '<option value="2022" selected>' in response.content.decode()
    response = client.get(url("projects:list", "en"), {"year": "2024"})
    assert set(response.context["object_list"]) == {recent, open_ended}
    response = client.get(url("projects:list", "sq"), {"topic": topic.slug_sq, "year": "2021"})
    assert list(response.context["object_list"]) == [old]


@pytest.mark.parametrize(
    "query",
    [
        {"status": "finished"},
        {"status": "<script>"},
        {"donor": "no-such-donor"},
        {"year": "twenty"},
        {"year": "1850"},
        {"year": "2024.5"},
        {"topic": "no-such-topic"},
    ],
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_bad_filter_values_answer_400(client, query, language):
    ProjectFactory()
    response = client.get(url("projects:list", language), query)
    assert response.status_code == 400
    assert "<script>" not in response.content.decode()


@pytest.mark.parametrize("page", ["0", "99", "abc", "-1"])
def test_bad_page_answers_404(client, page):
    ProjectFactory()
    assert client.get(url("projects:list", "en"), {"page": page}).status_code == 404


def test_empty_filter_values_mean_all(client):
    ProjectFactory()
    response = client.get(url("projects:list", "en"), {"status": "", "donor": "", "year": "", "topic": ""})
    assert response.status_code == 200
    assert len(response.context["object_list"]) == 1


def test_pagination_keeps_the_filters(client):
    for _n in range(14):
        ProjectFactory(start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2020, 12, 31))
    response = client.get(url("projects:list", "en"), {"status": "completed", "year": "2020"})
    body = response.content.decode()
    assert 'href="?status=completed&amp;year=2020&amp;page=2"' in body
    second = client.get(url("projects:list", "en"), {"status": "completed", "year": "2020", "page": "2"})
    assert second.status_code == 200
    assert len(second.context["object_list"]) == 2


def test_filter_form_works_without_javascript(client):
    ProjectFactory()
    body = client.get(url("projects:list", "sq")).content.decode()
    form = re.search(r'<form class="filters" method="get"[^>]*>(.*?)</form>', body, re.S).group(1)
    for name in ("status", "donor", "year", "topic"):
        assert f'name="{name}"' in form
    assert 'type="submit"' in form
    assert "Gjendja" in form and "Të gjitha vitet" in form


# --- Detail --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_detail_shows_everything(client, language, media_root):
    donor = OrganisationFactory(kind="donor", name_en="Balkan Trust for Democracy", acronym_en="BTD")
    lead = OrganisationFactory(name_en="New Social Initiative")
    partner = OrganisationFactory(name_en="Kosovar Centre for Security Studies")
    project = ProjectFactory(our_role=Role.PARTNER, contact_name="Ramadan Ilazi", contact_email="contact@example.org")
    ProjectPartnerFactory(project=project, organisation=donor, role=Role.FUNDING, order=1)
    ProjectPartnerFactory(project=project, organisation=lead, role=Role.LEAD, order=2)
    ProjectPartnerFactory(project=project, organisation=partner, role=Role.PARTNER, order=3)
    ProjectPartnerFactory(project=project, organisation=partner, role=Role.IMPLEMENTING, order=4)
    second = ObjectiveFactory(
        project=project, order=2, text_en="Second objective", text_sq="Objektivi i dytë", text_be="Другая мэта"
    )
    first = ObjectiveFactory(
        project=project, order=1, text_en="First objective", text_sq="Objektivi i parë", text_be="Першая мэта"
    )
    ActivityFactory(
        project=project,
        title_en="Closing conference",
        title_sq="Konferenca përmbyllëse",
        title_be="Заключная канферэнцыя",
    )
    DocumentFactory(project=project, title_en="The report", title_sq="Raporti", title_be="Даклад", language="sq")
    GalleryImageFactory(
        project=project,
        caption_en="Round table",
        caption_sq="Tryezë",
        caption_be="Круглы стол",
        image__credit_en="KCSS",
    )
    place = PlaceFactory(name_en="Shtërpcë", name_sq="Shtërpca", name_be="Штэрпца")
    project.places.add(place)
    published = NewsItemFactory(
        title_en="Focus groups held", title_sq="U mbajtën fokus grupet", title_be="Прайшлі фокус-групы"
    )
    published.projects.add(project)
    draft = NewsItemFactory(
        title_en="Draft news", title_sq="Lajm draft", title_be="Чарнавік навіны", status=Status.DRAFT, publish_at=None
    )
    draft.projects.add(project)

    response = client.get(project.get_absolute_url_for(language))
    assert response.status_code == 200
    body = response.content.decode()
    with translation.override(language):
        assert project.duration in body
        for organisation in (donor, lead, partner):
            assert organisation.get_absolute_url() in body
        assert str(Role.IMPLEMENTING.label) in body and str(Role.PARTNER.label) in body
        assert str(Role.PARTNER.label) in body  # our role
    texts = [getattr(obj, f"text_{language}") for obj in (first, second)]
    assert body.index(texts[0]) < body.index(texts[1])
    for field in ("title", "place"):
        assert getattr(project.activities.get(), f"{field}_{language}") in body
    assert "14–15" in body
    assert getattr(project.documents.get(), f"title_{language}") in body
    document_line = re.search(r'<li class="document">(.*?)</li>', body, re.S).group(1)
    assert {"be": "па-албанску", "sq": "në shqip", "en": "in Albanian"}[language] in document_line
    assert "PDF" in document_line
    assert getattr(place, f"name_{language}") in body
    assert {"en": "Round table", "sq": "Tryezë", "be": "Круглы стол"}[language] in body
    assert "Ramadan Ilazi" in body and "mailto:contact@example.org" in body
    assert getattr(published, f"title_{language}") in body
    assert getattr(draft, f"title_{language}") not in body
    assert body.count("<h1") == 1


@pytest.mark.parametrize(("size", "language"), [(2, "en"), (12, "be"), (12, "sq")])
def test_detail_query_count_does_not_grow(client, django_assert_max_num_queries, size, language, media_root):
    project = rich_project(size)
    path = project.get_absolute_url_for(language)
    client.get(path)  # the menu is cached on the first view (renditions were made when the images were saved)
    with django_assert_max_num_queries(10):
        response = client.get(path)
    assert response.status_code == 200


def test_document_link_shows_language_type_and_size(client, media_root):
    project = ProjectFactory()
    document = DocumentFactory(project=project, language="en")
    body = client.get(project.get_absolute_url_for("be")).content.decode()
    link = re.search(r'<li class="document">(.*?)</li>', body, re.S).group(1)
    with translation.override("be"):
        assert f'href="{document.get_absolute_url()}"' in link
    assert "PDF" in link
    assert f"{document.file_size}" in link  # a small file: its size in bytes
    assert "па-англійску" in link
    assert 'hreflang="en"' in link


@pytest.mark.parametrize("language", LANGUAGES)
def test_unknown_and_unpublished_slugs_answer_404(client, language):
    draft = ProjectFactory(status=Status.DRAFT, publish_at=None)
    assert client.get(url("projects:detail", language, slug="no-such-project")).status_code == 404
    assert client.get(draft.get_absolute_url_for(language)).status_code == 404


def test_slug_of_another_language_redirects(client):
    project = ProjectFactory()
    response = client.get(url("projects:detail", "be", slug=project.slug_sq))
    assert response.status_code == 301
    assert response["Location"] == project.get_absolute_url_for("be")


def test_language_switcher_links_to_the_translated_slugs(client):
    project = ProjectFactory()
    body = client.get(project.get_absolute_url_for("en")).content.decode()
    for code in ("be", "sq"):
        assert f'href="/language/{code}/?next={quote(project.get_absolute_url_for(code), safe="")}"' in body


# --- Document downloads ----------------------------------------------------------------------


def test_document_download(client, media_root):
    document = DocumentFactory(title_en="Covid-19 and Civil Society")
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "covid-19-and-civil-society.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_document_of_a_draft_project_is_not_served(client, media_root):
    document = DocumentFactory(project=ProjectFactory(status=Status.DRAFT, publish_at=None))
    with translation.override("en"):
        path = reverse("projects:document", kwargs={"slug": document.project.slug_en, "pk": document.pk})
    assert client.get(path).status_code == 404


def test_document_under_another_project_or_missing_file_is_404(client, media_root):
    document = DocumentFactory()
    other = ProjectFactory()
    path = url("projects:document", "en", slug=other.slug_en, pk=document.pk)
    assert client.get(path).status_code == 404
    document.file.storage.delete(document.file.name)
    assert client.get(document.get_absolute_url()).status_code == 404


def test_uploaded_media_are_served_by_the_application(client, settings, media_root):
    assert settings.SERVE_MEDIA
    gallery = GalleryImage.objects.create(
        project=ProjectFactory(),
        image=ImageFactory(file=SimpleUploadedFile("visit.jpg", image_bytes(), content_type="image/jpeg")),
    )
    response = client.get(gallery.image.file.url)
    assert response.status_code == 200
    assert "max-age" in response["Cache-Control"]
    # Documents are private: never under /media/, only through the download view.
    document = DocumentFactory()
    assert client.get(settings.MEDIA_URL + document.file.name).status_code == 404


@pytest.mark.parametrize("name", ["A" * 5000, "a/" * 600, ("b" * 300) + ".jpg", "..%2f..%2fetc%2fpasswd", "%00"])
def test_media_names_that_cannot_exist_are_404(client, name):
    assert client.get(f"/media/{name}").status_code in (400, 404)


def test_donor_filter_offers_the_biggest_funders_and_accepts_any_other(client):
    donors = OrganisationFactory.create_batch(DONOR_CHOICES + 3, kind="donor")
    for rank, donor in enumerate(donors):
        for _ in range(2 if rank < DONOR_CHOICES else 1):
            ProjectPartnerFactory(project=ProjectFactory(), organisation=donor, role=Role.FUNDING)
    html = client.get("/en/projects/").content.decode()
    select = html.split('name="donor"', 1)[1].split("</select>", 1)[0]
    assert select.count("<option") == DONOR_CHOICES + 1
    assert donors[-1].slug_en not in select
    assert 'href="/en/partners/?kind=donor"' in html
    response = client.get(f"/en/projects/?donor={donors[-1].slug_en}")
    assert response.status_code == 200
    assert f'<option value="{donors[-1].slug_en}" selected>' in response.content.decode()
    assert len(response.context["object_list"]) == 1
