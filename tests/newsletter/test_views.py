"""The newsletter's pages: forms, validation, caching, tokens, the privacy notice, the admin's export and erase."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation

from editorial.roles import EDITORS, TRANSLATORS, sync_roles
from newsletter import delivery, tasks, tokens
from newsletter.models import Send, Subscriber
from newsletter.tasks import forget_unconfirmed
from tests.news.factories import NewsItemFactory
from tests.portal.factories import TopicFactory

pytestmark = pytest.mark.django_db

PAGES = {"en": "/en/newsletter/", "sq": "/sq/newsletter/", "be": "/be/newsletter/", "be-latn": "/be-latn/newsletter/"}
HEADINGS = {"en": "Newsletter", "sq": "Buletini", "be": "Рассылка", "be-latn": "Rassyłka"}


@pytest.mark.parametrize("language", PAGES)
def test_the_subscribe_page_in_each_language_is_stored_by_the_page_cache(
    client, language, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14):
        response = client.get(PAGES[language])
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1 and f">{HEADINGS[language]}</h1>" in html
    assert "csrfmiddlewaretoken" not in html
    assert 'name="website"' in html  # the honeypot
    assert f'value="{language}"' in html and "checked" in html  # the page's language is chosen
    with django_assert_max_num_queries(0):
        again = client.get(PAGES[language])
    assert again.content == response.content


def test_every_page_has_the_footer_form_without_a_csrf_token(client):
    html = client.get("/sq/").content.decode()
    assert 'action="/sq/newsletter/"' in html
    assert 'name="source" value="footer"' in html
    assert "csrfmiddlewaretoken" not in html


@pytest.mark.parametrize(
    ("language", "data", "message"),
    [
        ("en", {"email": "not-an-address", "languages": ["en"], "rhythm": "weekly"}, "Enter a valid e-mail address"),
        ("sq", {"email": "", "languages": ["sq"], "rhythm": "weekly"}, "Shkruani adresën"),
        ("be", {"email": "a@example.org", "rhythm": "weekly"}, "Выберыце хаця б адну мову"),
        ("en", {"email": "a@example.org", "languages": ["xx"], "rhythm": "weekly"}, "Select a valid choice"),
        ("en", {"email": "a@example.org", "languages": ["en"], "rhythm": "hourly"}, "Select a valid choice"),
        ("en", {"email": "a@example.org", "languages": ["en"], "rhythm": "weekly", "topics": ["x"]}, "valid"),
        ("en", {"email": "x" * 300 + "@example.org", "languages": ["en"], "rhythm": "weekly"}, "at most"),
    ],
)
def test_bad_input_is_a_readable_translated_message(client, language, data, message):
    with translation.override(language):
        path = reverse("newsletter:subscribe")
    response = client.post(path, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert not Subscriber.objects.exists()


def test_too_many_requests_from_one_client_is_a_translated_429(client, settings):
    settings.NEWSLETTER_RATE_PER_CLIENT = 2
    data = {"email": "bad", "languages": ["sq"], "rhythm": "weekly"}
    assert [client.post("/sq/newsletter/", data).status_code for _ in range(3)] == [400, 400, 429]
    response = client.post("/sq/newsletter/", data)
    assert response.status_code == 429 and response["Retry-After"] == "3600"
    assert "Shumë kërkesa" in response.content.decode()


def test_the_sent_and_privacy_pages_answer_in_each_language(client, django_assert_max_num_queries):
    for language in ("en", "sq", "be"):
        with translation.override(language):
            for name in ("newsletter:sent", "newsletter:privacy"):
                with django_assert_max_num_queries(10):
                    response = client.get(reverse(name))
                assert response.status_code == 200
                assert response.content.decode().count("<h1") == 1


@pytest.mark.parametrize("name", ["newsletter:confirm", "newsletter:manage", "newsletter:unsubscribe"])
def test_a_forged_or_stale_link_is_a_translated_404(client, name):
    subscriber = Subscriber.objects.create(email="s@example.org", languages=["sq"])
    purpose = {"newsletter:confirm": "confirm", "newsletter:manage": "manage", "newsletter:unsubscribe": "unsubscribe"}
    token = tokens.make(subscriber, purpose[name])
    subscriber.key = "another"
    subscriber.save()
    with translation.override("sq"):
        for bad in (token, "garbage", "1:2:3"):
            response = client.get(reverse(name, kwargs={"token": bad}))
            assert response.status_code == 404
            assert "Kjo lidhje nuk funksionon më" in response.content.decode()


def test_the_preferences_page_changes_choices_without_login(client, django_assert_max_num_queries):
    subscriber = Subscriber.objects.create(
        email="p@example.org", languages=["en"], state=Subscriber.State.ACTIVE, rhythm="weekly"
    )
    path = f"/en/newsletter/preferences/{tokens.make(subscriber, tokens.MANAGE)}/"
    with django_assert_max_num_queries(14):
        page = client.get(path)
    assert page.status_code == 200 and "p@example.org" in page.content.decode()
    assert "no-store" in page["Cache-Control"] and page["Referrer-Policy"] == "no-referrer"
    response = client.post(path, {"languages": ["sq", "be-latn"], "rhythm": "monthly"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.languages == ["be-latn", "sq"] or subscriber.languages == ["sq", "be-latn"]
    assert subscriber.rhythm == "monthly"
    bad = client.post(path, {"languages": [], "rhythm": "monthly"})
    assert bad.status_code == 400 and "Choose at least one language." in bad.content.decode()


def test_the_admin_exports_and_erases_a_subscriber(admin_client):
    subscriber = Subscriber.objects.create(email="e@example.org", languages=["be-latn"], state="active")
    url = reverse("admin:newsletter_subscriber_changelist")
    assert admin_client.get(url).status_code == 200
    export = admin_client.post(url, {"action": "export_json", "_selected_action": [subscriber.pk]})
    assert export.status_code == 200 and export["Content-Type"] == "application/json"
    [data] = json.loads(export.content)["subscribers"]
    assert data["email"] == "e@example.org" and data["languages"] == ["be-latn"]
    assert set(data) == {
        "email",
        "languages",
        "topics",
        "projects",
        "rhythm",
        "state",
        "source",
        "requested_at",
        "consented_at",
        "delivery_errors",
    }
    erased = admin_client.post(url, {"action": "erase", "_selected_action": [subscriber.pk]}, follow=True)
    assert erased.status_code == 200
    assert not Subscriber.objects.exists()


def test_addresses_that_never_confirm_are_forgotten():
    old = Subscriber.objects.create(email="old@example.org", languages=["en"])
    Subscriber.objects.filter(pk=old.pk).update(requested_at=timezone.now() - timedelta(days=8))
    Subscriber.objects.create(email="new@example.org", languages=["en"])
    confirmed = Subscriber.objects.create(email="c@example.org", languages=["en"], state="active")
    Subscriber.objects.filter(pk=confirmed.pk).update(requested_at=timezone.now() - timedelta(days=80))
    assert forget_unconfirmed() == 1
    assert set(Subscriber.objects.values_list("email", flat=True)) == {"new@example.org", "c@example.org"}


def test_the_admin_counts_subscribers_per_language_and_topic(admin_client):
    topic = TopicFactory(name_en="Security")
    one = Subscriber.objects.create(email="a@example.org", languages=["be", "be-latn"], state="active")
    one.topics.add(topic)
    Subscriber.objects.create(email="b@example.org", languages=["be"], state="active")
    Subscriber.objects.create(email="c@example.org", languages=["sq"])  # not confirmed: not counted
    html = admin_client.get(reverse("admin:newsletter_subscriber_changelist")).content.decode()
    assert "2 confirmed subscribers" in html
    assert '<th scope="row">Belarusian</th><td>2</td>' in html
    assert '<th scope="row">Belarusian (Łacinka)</th><td>1</td>' in html
    assert '<th scope="row">Albanian</th><td>0</td>' in html
    assert '<th scope="row">Security</th><td>1</td>' in html


def test_editors_see_the_newsletter_and_translators_nothing_of_it(client, django_user_model):
    sync_roles()
    for group, status in ((EDITORS, 200), (TRANSLATORS, 403)):
        user = django_user_model.objects.create_user(f"u-{group}", password="x", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        client.force_login(user)
        for name in ("admin:newsletter_subscriber_changelist", "admin:newsletter_send_changelist"):
            assert client.get(reverse(name)).status_code == status
        assert client.get(reverse("admin:newsletter_send_preview")).status_code == status
        index = client.get(reverse("admin:index")).content.decode()
        assert ("/admin/newsletter/" in index) == (group == EDITORS)


def test_without_an_smtp_server_a_send_goes_through_the_mail_backend(settings, mailoutbox):
    """Development (mail printed to the console): the send still completes, each mail once."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NEWSLETTER_SEND_RATE = 0
    NewsItemFactory()
    Subscriber.objects.create(email="dev@example.org", languages=["en"], state="active")
    send = tasks.plan_and_send(Send.Kind.WEEKLY)
    assert [message.to for message in mailoutbox] == [["dev@example.org"]]
    assert delivery.counts(send)["sent"] == 1
