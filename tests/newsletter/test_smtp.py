"""Subscribing, confirming, preferences and unsubscribing, with mail through a real SMTP server."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from newsletter import tokens
from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https://ura\.example\.org(/[^\s<>\"]+)")


def subscribe_url(language="en"):
    with translation.override(language):
        return reverse("newsletter:subscribe")


def links(message):
    return LINK.findall(message.get_body(("plain",)).get_content())


@pytest.mark.parametrize(
    ("language", "path", "subject", "words"),
    [
        ("en", "/en/newsletter/", "Confirm your subscription", "Someone, probably you"),
        ("sq", "/sq/newsletter/", "Konfirmoni", "ndoshta ju"),
        ("be", "/be/newsletter/", "Пацвердзіце", "магчыма, вы"),
        ("be-latn", "/be-latn/newsletter/", "Pacvierdzicie", "mahčyma, vy"),
    ],
)
def test_a_reader_subscribes_confirms_and_leaves_in_each_language_and_script(
    client, mailbox, language, path, subject, words
):
    response = client.post(path, {"email": "Reader@Example.org", "languages": [language], "rhythm": "weekly"})
    assert response.status_code == 302
    assert response["Location"] == path + "sent/"
    subscriber = Subscriber.objects.get(email="reader@example.org")
    assert subscriber.state == Subscriber.State.PENDING and subscriber.consented_at is None
    [message] = mailbox.to("reader@example.org")
    # Spam filters' basics: a Message-ID and a Date, text and HTML alternatives, nothing remote.
    assert message["Message-ID"].endswith("@ura.example.org>")
    assert message["Date"]
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
    assert subject in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert words in text and words in html
    if language == "be-latn":
        assert not re.search("[А-Яа-яІіЎў]", text + html + message["Subject"])
        assert 'lang="be-Latn"' in html
    assert "<img" not in html
    [confirm_path, _privacy] = links(message)
    assert confirm_path.startswith(f"/{language}/newsletter/confirm/")

    # A link scanner fetching the link changes nothing; the button does.
    page = client.get(confirm_path)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert Subscriber.objects.get().state == Subscriber.State.PENDING
    confirmed = client.post(confirm_path)
    assert confirmed.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.state == Subscriber.State.ACTIVE and subscriber.consented_at is not None

    # Asking again for a confirmed address: the same answer, its preferences untouched,
    # and its owner gets a mail with the links to its preferences and to leave.
    again = client.post(path, {"email": "reader@example.org", "languages": ["en"], "rhythm": "monthly"})
    assert again.status_code == 302 and again["Location"] == path + "sent/"
    subscriber.refresh_from_db()
    assert subscriber.rhythm == "weekly" and subscriber.languages == [language]
    notice = mailbox.to("reader@example.org")[-1]
    assert notice["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.fullmatch(
        r"<https://ura\.example\.org(/\S+)>", "".join(str(notice["List-Unsubscribe"]).split())
    ).group(1)
    assert unsubscribe.startswith(f"/{language}/newsletter/unsubscribe/")

    # One click, as a mail client does it (RFC 8058): a POST with that body, no cookie, no token.
    client.cookies.clear()
    gone = client.post(unsubscribe, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert gone.status_code == 200
    assert not Subscriber.objects.exists()


def test_the_same_answer_whether_or_not_the_address_is_subscribed(client, mailbox):
    active = Subscriber.objects.create(email="known@example.org", languages=["en"], state=Subscriber.State.ACTIVE)
    known = client.post(subscribe_url(), {"email": active.email, "languages": ["en"], "rhythm": "weekly"})
    unknown = client.post(subscribe_url(), {"email": "new@example.org", "languages": ["en"], "rhythm": "weekly"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known.content == unknown.content


def test_the_footer_subscribes_in_the_pages_language_and_script(client, mailbox):
    response = client.post("/be-latn/newsletter/", {"email": "footer@example.org", "source": "footer"})
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.languages == ["be-latn"]
    assert subscriber.source == Subscriber.Source.FOOTER
    assert subscriber.rhythm == Subscriber.Rhythm.WEEKLY
    [message] = mailbox.to("footer@example.org")
    assert "Pacvierdzicie" in message["Subject"]


def test_a_thousand_addresses_from_one_client_send_at_most_the_limit(client, mailbox, settings):
    settings.NEWSLETTER_RATE_PER_CLIENT = 10
    statuses = [
        client.post(
            subscribe_url(), {"email": f"a{n}@example.org", "languages": ["en"], "rhythm": "weekly"}
        ).status_code
        for n in range(1000)
    ]
    assert statuses.count(302) == 10 and statuses.count(429) == 990
    assert len(mailbox.messages) == 10
    # Another client is not held back.
    other = client.post(
        subscribe_url(), {"email": "b@example.org", "languages": ["en"], "rhythm": "weekly"}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302
    assert len(mailbox.messages) == 11


def test_one_address_gets_at_most_the_limit_of_confirmations(client, mailbox, settings):
    settings.NEWSLETTER_RATE_PER_ADDRESS = 3
    for n in range(8):
        response = client.post(
            subscribe_url(),
            {"email": "victim@example.org", "languages": ["en"], "rhythm": "weekly"},
            REMOTE_ADDR=f"10.0.1.{n}",
        )
        assert response.status_code == 302
    assert len(mailbox.to("victim@example.org")) == 3


def test_the_honeypot_sends_nothing_and_answers_the_same(client, mailbox):
    response = client.post(
        subscribe_url(), {"email": "bot@example.org", "languages": ["en"], "rhythm": "weekly", "website": "x"}
    )
    assert response.status_code == 302 and response["Location"] == "/en/newsletter/sent/"
    assert not Subscriber.objects.exists()
    assert mailbox.messages == []


def test_a_token_serves_its_one_purpose_only(client, mailbox):
    subscriber = Subscriber.objects.create(email="t@example.org", languages=["en"], state=Subscriber.State.ACTIVE)
    manage = tokens.make(subscriber, tokens.MANAGE)
    assert client.post(f"/en/newsletter/unsubscribe/{manage}/").status_code == 200  # says "unsubscribed"...
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()  # ...and erased nothing
    assert client.get(f"/en/newsletter/confirm/{manage}/").status_code == 404
    assert client.get(f"/en/newsletter/preferences/{manage}/").status_code == 200
    tampered = manage[:-2] + ("AA" if not manage.endswith("AA") else "BB")
    assert client.get(f"/en/newsletter/preferences/{tampered}/").status_code == 404
