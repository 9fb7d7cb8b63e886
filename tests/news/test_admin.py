import io

import pytest
from django.urls import reverse
from PIL import Image

from core.models import Status
from news.models import NewsItem
from tests.conftest import LANGUAGES
from tests.news.factories import NewsItemFactory, gps_exif, uploaded_image
from tests.partners.factories import OrganisationFactory
from tests.portal.factories import TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "pass")
    client.force_login(user)
    return client


def test_changelist_with_filters_and_search(admin_client, django_assert_max_num_queries):
    topic = TopicFactory()
    item = NewsItemFactory(title_en="Closing conference in Prishtina", title_sq="", title_be="")
    item.topics.add(topic)
    NewsItemFactory(title_en="Focus groups", kind=NewsItem.Kind.MEETING)
    changelist = reverse("admin:news_newsitem_changelist")
    response = admin_client.get(changelist)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Closing conference in Prishtina" in html
    assert 'title="English: complete">EN<' in html  # languages filled
    assert 'title="Albanian: missing">SQ<' in html
    for query in (
        "status__exact=published",
        "kind__exact=meeting",
        "year=2025",
        "year=junk",
        f"topics__id__exact={topic.pk}",
        "q=Prishtina",
        "q=Shtërpcë",
    ):
        assert admin_client.get(f"{changelist}?{query}").status_code == 200
    assert "Focus groups" not in admin_client.get(f"{changelist}?q=Closing").content.decode()
    for _n in range(10):
        NewsItemFactory()
    with django_assert_max_num_queries(15):
        admin_client.get(changelist)


def test_add_form_has_translation_tabs_and_the_rich_text_editor(admin_client):
    response = admin_client.get(reverse("admin:news_newsitem_add"))
    assert response.status_code == 200
    html = response.content.decode()
    for code in LANGUAGES:
        assert f'name="title_{code}"' in html
        assert f'name="body_{code}"' in html
    assert "prose-editor" in html or "django_prose_editor" in html
    assert "autocomplete" in html


def test_editor_publishes_an_illustrated_item_in_three_languages(admin_client, client, media_root):
    organisation = OrganisationFactory()
    topic = TopicFactory()
    data = {
        "title_be": "Сустрэча з Germin у Прышціне",
        "title_sq": "Takim me Germin në Prishtinë",
        "title_en": "Meeting Germin in Prishtina",
        "slug_be": "",
        "slug_sq": "",
        "slug_en": "",
        "lead_be": "Пра працу з дыяспарай.",
        "lead_sq": "Për punën me diasporën.",
        "lead_en": "On work with the diaspora.",
        "body_be": "<p>Тэкст.</p>",
        "body_sq": "<p>Teksti.</p>",
        "body_en": '<p>Text <a href="javascript:alert(1)">bad</a><script>x()</script></p>',
        "kind": "meeting",
        "date": "2025-04-16",
        "place_be": "Прышціна",
        "place_sq": "Prishtinë",
        "place_en": "Prishtina",
        "image_upload": uploaded_image("camera.jpg", exif=gps_exif()),
        "image_alt_be": "Сустрэча ў Прышціне",
        "image_alt_sq": "Takim në Prishtinë",
        "image_alt_en": "A meeting in Prishtina",
        "image_caption_be": "",
        "image_caption_sq": "",
        "image_caption_en": "",
        "organisations": [organisation.pk],
        "topics": [topic.pk],
        "status": "published",
        "publish_at_0": "",
        "publish_at_1": "",
        "source_language": "sq",
    }
    response = admin_client.post(reverse("admin:news_newsitem_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    item = NewsItem.objects.get(title_en="Meeting Germin in Prishtina")
    assert item.slug_be == "sustrecha-z-germin-u-pryshcinie"
    assert item.slug_sq == "takim-me-germin-ne-prishtine"
    assert item.status == Status.PUBLISHED and item.publish_at is not None
    assert "javascript:" not in item.body_en and "<script" not in item.body_en
    # The upload went into the library, without its metadata, with its renditions made.
    assert item.image.uploaded_by.username == "admin"
    with item.image.file.storage.open(item.image.file.name) as handle:
        assert len(Image.open(io.BytesIO(handle.read())).getexif()) == 0
    assert item.image.renditions["full.webp"]
    change = admin_client.get(reverse("admin:news_newsitem_change", args=[item.pk])).content.decode()
    assert item.image.renditions_for("full", [320])[0].url in change  # the chosen image's preview
    assert 'class="viewsitelink"' in change
    for language in LANGUAGES:
        page = client.get(f"/{language}/news/{getattr(item, f'slug_{language}')}/")
        assert page.status_code == 200
        assert getattr(item, f"title_{language}") in page.content.decode()


def test_admin_refuses_a_file_that_is_not_an_image(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = admin_client.post(
        reverse("admin:news_newsitem_add"),
        {
            "title_en": "x",
            "kind": "event",
            "date": "2025-01-01",
            "status": "draft",
            "source_language": "en",
            "image_upload": SimpleUploadedFile("evil.jpg", b"<?php system($_GET['c']); ?>", content_type="image/jpeg"),
        },
    )
    assert response.status_code == 200
    assert not NewsItem.objects.exists()
    assert "image_upload" in response.context["adminform"].form.errors


def test_organisation_autocomplete_answers(admin_client):
    OrganisationFactory(name_en="Kosovo Chamber of Commerce")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "Chamber", "app_label": "news", "model_name": "newsitem", "field_name": "organisations"},
    )
    assert response.status_code == 200
    assert "Kosovo Chamber of Commerce" in response.content.decode()
