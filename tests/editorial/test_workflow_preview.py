"""Preview of unpublished items at their public URL, and visibility decided at request time."""

import datetime
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone, translation

from core.models import Status
from tests.conftest import LANGUAGES
from tests.editorial.workflow_helpers import editor, make_user, translator
from tests.news.factories import NewsItemFactory
from tests.partners.factories import OrganisationFactory
from tests.portal.factories import PageFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


BANNER = {"en": "Preview — not public", "be": "Папярэдні прагляд — не апублікавана", "sq": "Parapamje — jo publike"}


def unpublished(factory, **kwargs):
    kwargs.setdefault("status", Status.DRAFT)
    kwargs.setdefault("publish_at", None)
    return factory(**kwargs)


def url_in(obj, language):
    with translation.override(language):
        return obj.get_absolute_url_for(language)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("factory", [PageFactory, NewsItemFactory, ProjectFactory])
def test_staff_preview_a_draft_in_each_language(client, language, factory, django_assert_max_num_queries):
    item = unpublished(factory)
    client.force_login(editor())
    with django_assert_max_num_queries(40):
        response = client.get(url_in(item, language), {"preview": "1"})
    assert response.status_code == 200
    text = response.content.decode()
    assert BANNER[language] in text
    assert 'class="preview-banner"' in text
    assert response["X-Robots-Tag"] == "noindex"
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control
    assert getattr(item, f"title_{language}") in text


@pytest.mark.parametrize("factory", [PageFactory, NewsItemFactory, ProjectFactory])
def test_visitors_get_404_for_drafts_even_when_asking_for_preview(client, factory):
    item = unpublished(factory)
    url = url_in(item, "en")
    assert client.get(url).status_code == 404
    assert client.get(url, {"preview": "1"}).status_code == 404


def test_scheduled_item_is_previewable_and_says_when_it_goes_public(client):
    item = NewsItemFactory(status=Status.SCHEDULED, publish_at=timezone.now() + datetime.timedelta(days=2))
    client.force_login(editor())
    response = client.get(url_in(item, "en"), {"preview": "1"})
    assert response.status_code == 200
    assert "Visitors will see it from" in response.content.decode()


def test_staff_without_permission_and_staff_without_asking_get_404(client):
    page = unpublished(PageFactory)
    url = url_in(page, "en")
    client.force_login(make_user("clerk"))
    assert client.get(url, {"preview": "1"}).status_code == 404
    client.force_login(editor())
    assert client.get(url).status_code == 404
    assert client.get(url, {"preview": "yes"}).status_code == 404


def test_translators_may_preview_what_they_translate(client):
    page = unpublished(PageFactory)
    client.force_login(translator())
    assert client.get(url_in(page, "sq"), {"preview": "1"}).status_code == 200


def test_preview_of_a_hidden_organisation(client):
    organisation = OrganisationFactory(is_public=False)
    user = make_user("partners-editor")
    user.user_permissions.add(Permission.objects.get(codename="change_organisation"))
    client.force_login(user)
    response = client.get(url_in(organisation, "en"), {"preview": "1"})
    assert response.status_code == 200
    assert "Preview — not public" in response.content.decode()
    client.logout()
    assert client.get(url_in(organisation, "en"), {"preview": "1"}).status_code == 404


def test_published_item_has_no_banner_and_stays_cacheable(client):
    page = PageFactory()
    response = client.get(url_in(page, "en"))
    assert response.status_code == 200
    assert 'class="preview-banner"' not in response.content.decode()
    assert "no-store" not in response.get("Cache-Control", "")
    assert "X-Robots-Tag" not in response


def test_preview_language_switcher_keeps_preview(client):
    page = unpublished(PageFactory)
    client.force_login(editor())
    text = client.get(url_in(page, "en"), {"preview": "1"}).content.decode()
    # Through /language/be/, which remembers the choice and goes on to the preview in Belarusian.
    assert f"/language/be/?{urlencode({'next': url_in(page, 'be') + '?preview=1'})}".replace("&", "&amp;") in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_scheduled_items_appear_at_their_time_without_any_job(client, monkeypatch, language):
    publish_at = timezone.now() + datetime.timedelta(hours=2)
    news = NewsItemFactory(status=Status.SCHEDULED, publish_at=publish_at)
    page = PageFactory(status=Status.SCHEDULED, publish_at=publish_at)
    project = ProjectFactory(status=Status.SCHEDULED, publish_at=publish_at)
    with translation.override(language):
        news_list = reverse("news:list")
        home = reverse("portal:home")
    title = getattr(news, f"title_{language}")
    for obj in (news, page, project):
        assert client.get(url_in(obj, language)).status_code == 404
    assert title not in client.get(news_list).content.decode()
    assert title not in client.get(home).content.decode()

    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + datetime.timedelta(hours=3))
    for obj in (news, page, project):
        assert client.get(url_in(obj, language)).status_code == 200
    assert title in client.get(news_list).content.decode()
    assert title in client.get(home).content.decode()
