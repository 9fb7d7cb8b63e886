"""An image uploaded in place (news, partners, galleries) gets its alternative text in the same form."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from library.models import Image
from news.models import NewsItem
from partners.models import Organisation
from tests.editorial.workflow_helpers import change_form_data
from tests.library.factories import ImageFactory
from tests.library.test_library import make_translator
from tests.news.factories import NewsItemFactory, uploaded_image

pytestmark = pytest.mark.django_db

ALT = {
    "image_alt_be": "Мост у Мітравіцы",
    "image_alt_sq": "Ura në Mitrovicë",
    "image_alt_en": "The bridge in Mitrovica",
}


def news_data(**changes):
    data = {
        "title_be": "Візіт",
        "title_sq": "Vizitë",
        "title_en": "Visit",
        "slug_be": "vizit",
        "slug_sq": "vizite",
        "slug_en": "visit",
        "kind": "visit",
        "date": "2025-04-16",
        "status": "draft",
        "source_language": "en",
        "image_upload": uploaded_image("bridge.jpg"),
    }
    data.update(changes)
    return data


def test_an_upload_without_alternative_text_names_the_missing_language(admin_client, media_root):
    data = news_data(**{**ALT, "image_alt_sq": "  "})
    with translation.override("en"):
        response = admin_client.post(reverse("admin:news_newsitem_add"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["image_alt_sq"]
    assert "alternative text in Albanian" in errors["image_alt_sq"][0]
    assert not NewsItem.objects.exists()
    assert not Image.objects.exists()


def test_the_uploaded_image_is_stored_with_its_texts(admin_client, media_root):
    data = news_data(**ALT, image_credit="Ura")
    response = admin_client.post(reverse("admin:news_newsitem_add"), data)
    assert response.status_code == 302
    image = NewsItem.objects.get().image
    assert (image.alt_text_be, image.alt_text_sq, image.alt_text_en) == tuple(ALT.values())
    assert (image.credit_be, image.credit_sq, image.credit_en) == ("Ura", "Ura", "Ura")


def test_a_chosen_image_needs_no_text_and_gets_only_the_missing_ones(admin_client, media_root):
    image = ImageFactory(alt_text_be="Стары тэкст", alt_text_sq="", alt_text_en="")
    item = NewsItemFactory(image=image)
    url = reverse("admin:news_newsitem_change", args=[item.pk])
    data = change_form_data(admin_client.get(url), image_alt_be="Новы", image_alt_sq="Ura")
    assert admin_client.post(url, data).status_code == 302
    image.refresh_from_db()
    assert (image.alt_text_be, image.alt_text_sq, image.alt_text_en) == ("Стары тэкст", "Ura", "")


def test_the_partner_logo_upload_needs_its_texts(admin_client, media_root):
    data = {
        "name_be": "Мост",
        "name_sq": "Ura",
        "name_en": "Bridge",
        "slug_be": "most",
        "slug_sq": "ura",
        "slug_en": "bridge",
        "kind": Organisation._meta.get_field("kind").choices[0][0],
        "source_language": "en",
        "logo_upload": uploaded_image("logo.png"),
        "logo_alt_be": "Лагатып",
        "logo_alt_en": "Logo",
        "project_roles-TOTAL_FORMS": "0",
        "project_roles-INITIAL_FORMS": "0",
    }
    response = admin_client.post(reverse("admin:partners_organisation_add"), data)
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["logo_alt_sq"]
    data.update(logo_upload=uploaded_image("logo.png"), logo_alt_sq="Logoja")
    response = admin_client.post(reverse("admin:partners_organisation_add"), data)
    assert response.status_code == 302
    assert Organisation.objects.get().logo.alt_text_sq == "Logoja"


def test_a_translator_fills_only_their_language_and_cannot_upload(client, media_root):
    image = ImageFactory(alt_text_be="", alt_text_sq="", alt_text_en="Bridge")
    item = NewsItemFactory(image=image)
    client.force_login(make_translator("sq"))
    url = reverse("admin:news_newsitem_change", args=[item.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    assert not form.fields["image_alt_sq"].disabled
    assert form.fields["image_alt_be"].disabled
    assert form.fields["image_upload"].disabled
    data = change_form_data(page, image_alt_sq="Ura në mbrëmje", image_alt_be="Hacked")
    data["image_upload"] = uploaded_image("other.jpg")
    assert client.post(url, data).status_code == 302
    image.refresh_from_db()
    assert (image.alt_text_be, image.alt_text_sq) == ("", "Ura në mbrëmje")
    item.refresh_from_db()
    assert item.image_id == image.pk
    assert Image.objects.count() == 1


def test_a_public_item_warns_about_an_image_without_alternative_text(admin_client, media_root):
    item = NewsItemFactory(image=ImageFactory(alt_text_be="Мост", alt_text_sq="", alt_text_en="Bridge"))
    assert item.is_public
    url = reverse("admin:news_newsitem_change", args=[item.pk])
    with translation.override("en"):
        text = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Image without alternative text in: Albanian." in text
    Image.objects.filter(pk=item.image_id).update(alt_text_sq="Ura")
    assert "Image without alternative text" not in admin_client.get(url).content.decode()


def test_a_library_caption_in_another_language_says_so(client, media_root):
    image = ImageFactory(caption_be="", caption_sq="", caption_en="The bridge at dusk")
    item = NewsItemFactory(image=image, image_caption_be="", image_caption_sq="", image_caption_en="")
    with translation.override("sq"):
        url = item.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert '<span lang="en">The bridge at dusk</span>' in text


def test_the_chooser_labels_an_image_with_its_size_and_a_missing_alternative_text(admin_client, media_root):
    ImageFactory(alt_text_en="Bridge at dusk", alt_text_sq="")
    ask = {"term": "", "app_label": "news", "model_name": "newsitem", "field_name": "image"}
    with translation.override("en"):
        results = admin_client.get(reverse("admin:autocomplete"), ask, HTTP_ACCEPT_LANGUAGE="en").json()["results"]
    assert re.fullmatch(r"Bridge at dusk · \d+×\d+ px", results[0]["text"])
    with translation.override("sq"):
        results = admin_client.get(reverse("admin:autocomplete"), ask, HTTP_ACCEPT_LANGUAGE="sq").json()["results"]
    assert results[0]["text"].endswith("pa tekst alternativ")
