"""Social preview images drawn per item and language (portal.social_images): title, logo or monogram, cached."""

import io

import pytest
from PIL import Image

from core.models import Status
from portal import social_images
from tests.news.factories import NewsItemFactory
from tests.partners.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_an_item_without_a_picture_points_to_its_drawn_image_in_the_page_language(client):
    organisation = OrganisationFactory(name_en="Balkan Trust for Democracy", acronym_en="BTD")
    for prefix in ("en", "sq", "be", "be-latn"):
        path = organisation.get_absolute_url_for("be" if prefix == "be-latn" else prefix)
        html = client.get(path.replace("/be/", f"/{prefix}/", 1)).content.decode()
        assert f'/og/partners/{organisation.pk}-{prefix}.png">' in html
        assert '<meta name="twitter:card" content="summary_large_image">' in html


@pytest.mark.parametrize("language", ["be", "be-latn", "sq", "en"])
def test_the_image_is_a_1200_by_630_png_for_each_language(client, language):
    organisation = OrganisationFactory(
        name_be="Балканскі фонд", name_sq="Fondi Ballkanik për Demokraci", acronym_en="BTD"
    )
    response = client.get(f"/og/partners/{organisation.pk}-{language}.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Cache-Control"].startswith("public")
    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)


def test_unknown_kinds_languages_and_unpublished_items_answer_404(client):
    draft = NewsItemFactory(status=Status.DRAFT, publish_at=None)
    published = NewsItemFactory()
    assert client.get(f"/og/news/{draft.pk}-en.png").status_code == 404
    assert client.get(f"/og/news/{published.pk}-xx.png").status_code == 404
    assert client.get(f"/og/pages/{published.pk}-en.png").status_code == 404
    assert client.get(f"/og/news/{published.pk}-en.png").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/og/news/99999999999999999999999-en.png",  # beyond any id the database holds
        "/og/news/9223372036854775808-en.png",
        "/og/news/2147483648-be-latn.png",
        "/og/news/0-en.png",
        "/og/news/-1-en.png",
        "/og/news/abc-en.png",
        "/og/news/1.5-en.png",
        "/og/news/{pk}-EN.png",
        "/og/news/{pk}-be_latn.png",
        "/og/news/{pk}-.png",
        "/og/news/{pk}-en.jpg",
        "/og/news/{pk}.png",
        "/og/News/{pk}-en.png",
        "/og/../news/{pk}-en.png",
        "/og/news/{pk}-en.png/",
        "/og/%00/{pk}-en.png",
    ],
)
def test_bad_addresses_of_an_image_answer_404_or_400(client, path):
    published = NewsItemFactory()
    assert client.get(path.format(pk=published.pk)).status_code in (400, 404)


def test_an_item_taken_off_the_site_loses_its_image(client):
    item = NewsItemFactory()
    assert client.get(f"/og/news/{item.pk}-sq.png").status_code == 200
    item.status = Status.DRAFT
    item.save()
    assert client.get(f"/og/news/{item.pk}-sq.png").status_code == 404


def test_titles_in_every_script_are_drawn_and_made_once(monkeypatch):
    organisation = OrganisationFactory(acronym_en="KCSS")
    title = "Беларускія дэмакратычныя сілы ў Прышціне · Łacinka · Bashkëpunimi ndëretnik në Kosovë çdo ditë " * 2
    png = social_images.render(title, "Навіна", organisation)
    assert Image.open(io.BytesIO(png)).size == (1200, 630)
    drawn = []
    monkeypatch.setattr(social_images, "render", lambda *args: drawn.append(args) or b"png")
    key = ("news", 1, "en", "2025-01-01")
    assert social_images.cached_render(key, "A title", "News") == b"png"
    assert social_images.cached_render(key, "A title", "News") == b"png"
    assert len(drawn) == 1
