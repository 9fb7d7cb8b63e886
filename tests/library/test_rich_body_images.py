"""Library images in rich bodies: the picker, and pages that draw them from their renditions."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from tests.library.factories import ImageFactory
from tests.news.factories import NewsItemFactory
from tests.portal.factories import sign_in_reader

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def superuser_client(client):
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "pass"))
    return client


def detail(client, item, language):
    with translation.override(language):
        url = item.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def body_with(image, css_class="figure", alt="", caption=""):
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return (
        f'<p>Before.</p><figure class="{css_class}"><img src="/media/anything.webp" alt="{alt}" data-file="{image.pk}">'
        f"{figcaption}</figure><p>After.</p>"
    )


def test_the_picker_lists_library_images_and_searches_them(superuser_client, media_root):
    bridge = ImageFactory(alt_text_en="The old bridge in Mitrovica")
    ImageFactory(alt_text_en="A meeting room")
    url = reverse("admin:library_image_pick")
    page = superuser_client.get(url, {"CKEditorFuncNum": "-1"}).content.decode()
    assert page.count('class="library-pick"') == 2
    assert 'name="CKEditorFuncNum" value="-1"' in page  # a search keeps the editor's callback
    found = superuser_client.get(url, {"CKEditorFuncNum": "-1", "q": "bridge"}).content.decode()
    assert found.count('class="library-pick"') == 1
    assert f'data-pick-id="{bridge.pk}"' in found
    assert re.search(r'data-pick-url="/[^"]+\.webp"', found)


def test_the_picker_is_for_staff_only(client, media_root):
    ImageFactory()
    response = client.get(reverse("admin:library_image_pick"))
    assert response.status_code == 302  # to the login page
    sign_in_reader(client)
    assert client.get(reverse("admin:library_image_pick")).status_code in {302, 403}


@pytest.mark.parametrize(
    ("language", "alt", "credit"),
    [
        ("en", "People around a table", "Image: Ura"),
        ("sq", "Njerëz rreth tryezës", "Ura"),
        ("be", "Людзі за сталом", "Ura"),
    ],
)
def test_a_body_image_comes_from_its_renditions_with_the_librarys_texts_in_the_language(
    client, media_root, language, alt, credit
):
    image = ImageFactory()
    item = NewsItemFactory(**{f"body_{code}": body_with(image) for code in ("be", "sq", "en")})
    page = detail(client, item, language)
    figure = re.search(r'<figure class="body-figure figure">(.*?)</figure>', page, re.S).group(1)
    rendered = image.renditions_for("full")
    assert f'src="{rendered[0].url}"' in figure or any(f'src="{option.url}"' in figure for option in rendered)
    assert 'srcset="' in figure and 'loading="lazy"' in figure
    assert f'alt="{alt}"' in figure
    assert credit in figure
    assert "/media/anything.webp" not in page  # the stored address is only for the editor


def test_the_body_can_give_its_own_alternative_text_caption_and_width(client, media_root):
    image = ImageFactory()
    item = NewsItemFactory(
        body_en=body_with(image, "figure-right", alt="Delegates &amp; hosts", caption="In <em>Viti</em>")
    )
    page = detail(client, item, "en")
    figure = re.search(r'<figure class="body-figure figure-right">(.*?)</figure>', page, re.S).group(1)
    assert 'alt="Delegates &amp; hosts"' in figure
    assert 'sizes="(min-width: 40rem) 18rem, 100vw"' in figure
    assert "<figcaption>In <em>Viti</em>" in figure and "Image: Ura" in figure


def test_an_image_no_longer_in_the_library_is_left_out(client, media_root):
    image = ImageFactory()
    item = NewsItemFactory(body_en=body_with(image, caption="Gone"))
    image.delete()
    page = detail(client, item, "en")
    assert "<p>Before.</p><p>After.</p>" in page
    assert "Gone" not in page


def test_body_images_cost_one_query_however_many(client, media_root, django_assert_max_num_queries):
    from tests.news.test_views import DETAIL_QUERIES

    images = [ImageFactory() for _n in range(4)]
    item = NewsItemFactory(body_en="".join(body_with(image) for image in images))
    sign_in_reader(client)  # past the page cache
    detail(client, item, "en")  # the menu's cache is warm from now on
    # test_detail_runs_a_fixed_number_of_queries: DETAIL_QUERIES - 1 for such a reader, and one for the images
    with django_assert_max_num_queries(DETAIL_QUERIES):
        page = detail(client, item, "en")
    assert page.count('class="body-figure figure"') == 4
