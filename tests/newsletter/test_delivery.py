"""Digests and new publications sent through a real SMTP server: content, script, at most once, bounces."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from newsletter import delivery, tasks
from newsletter.models import Delivery, Send, Subscriber
from tests.library.factories import ImageFactory
from tests.news.factories import NewsItemFactory
from tests.portal.factories import TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fast(settings):
    settings.NEWSLETTER_SEND_RATE = 0


def subscriber(email, languages, rhythm="weekly", **kwargs):
    return Subscriber.objects.create(
        email=email, languages=languages, rhythm=rhythm, state=Subscriber.State.ACTIVE, **kwargs
    )


def body(message, kind):
    return message.get_body((kind,)).get_content()


def test_a_weekly_digest_in_each_language_and_script(mailbox, fast, media_root):
    item = NewsItemFactory(image=ImageFactory())
    subscriber("en@example.org", ["en"])
    subscriber("two@example.org", ["sq", "be-latn"])
    subscriber("be@example.org", ["be"])
    send = tasks.plan_and_send(Send.Kind.WEEKLY)
    assert delivery.counts(send)["sent"] == 4
    [en] = mailbox.to("en@example.org")
    assert item.title_en in en["Subject"] and "The week’s news" in en["Subject"]
    assert item.title_en in body(en, "plain") and item.lead_en in body(en, "plain")
    html = body(en, "html")
    assert f'href="https://ura.example.org/en/news/{item.slug_en}/"' in html
    [image] = re.findall(r"<img [^>]*>", html)
    assert 'alt="People around a table"' in image and 'src="https://ura.example.org/media/' in image
    # Nothing but the site's own addresses: no tracker, no pixel, no redirecting link.
    assert set(re.findall(r'(?:href|src)="(https?://[^/"]+)', html)) == {"https://ura.example.org"}
    assert en["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/en/newsletter/unsubscribe/" in "".join(str(en["List-Unsubscribe"]).split())
    [sq, latin] = sorted(mailbox.to("two@example.org"), key=lambda message: message["Subject"])
    if "Vizita" not in sq["Subject"]:
        sq, latin = latin, sq
    assert item.title_sq in body(sq, "plain")
    assert "Vizit dele" in body(latin, "plain") and not re.search("[А-Яа-яІіЎў]", body(latin, "html"))
    assert f"https://ura.example.org/be-latn/news/{item.slug_be}/" in body(latin, "plain")
    [be] = mailbox.to("be@example.org")
    assert item.title_be in be["Subject"] and f"/be/news/{item.slug_be}/" in body(be, "plain")
    # Each personal link is the subscriber's own.
    assert "newsletter.invalid" not in body(be, "html") + body(be, "plain")


def test_a_digest_with_nothing_new_is_not_sent(mailbox, fast):
    NewsItemFactory(publish_at=timezone.now() - timedelta(days=30))
    subscriber("en@example.org", ["en"])
    assert tasks.plan_and_send(Send.Kind.WEEKLY) is None
    assert mailbox.messages == [] and not Send.objects.exists()


def test_subscribers_get_only_the_topics_they_follow(mailbox, fast):
    followed, other = TopicFactory(), TopicFactory()
    NewsItemFactory(title_en="About the followed topic").topics.add(followed)
    NewsItemFactory(title_en="About another topic").topics.add(other)
    reader = subscriber("t@example.org", ["en"])
    reader.topics.add(followed)
    nothing = subscriber("n@example.org", ["en"])
    nothing.topics.add(TopicFactory())
    subscriber("all@example.org", ["en"])
    tasks.plan_and_send(Send.Kind.WEEKLY)
    [message] = mailbox.to("t@example.org")
    assert "About the followed topic" in body(message, "plain") and "another" not in body(message, "plain")
    assert mailbox.to("n@example.org") == []
    assert "About another topic" in body(mailbox.to("all@example.org")[0], "plain")


def test_each_publication_then_nothing_until_the_next(mailbox, fast):
    subscriber("each@example.org", ["en"], rhythm="each")
    subscriber("weekly@example.org", ["en"])
    NewsItemFactory(title_en="Just published", publish_at=timezone.now() - timedelta(minutes=2))
    tasks.plan_and_send(Send.Kind.EACH)
    [message] = mailbox.to("each@example.org")
    assert message["Subject"].startswith("Just published")
    assert mailbox.to("weekly@example.org") == []
    assert tasks.plan_and_send(Send.Kind.EACH) is None  # nothing since
    assert len(mailbox.messages) == 1


def test_a_refused_address_is_disabled_after_the_limit(mailbox, fast, settings):
    settings.NEWSLETTER_BOUNCE_LIMIT = 2
    gone = subscriber("gone@example.org", ["en"], rhythm="each")
    subscriber("ok@example.org", ["en"], rhythm="each")
    mailbox.refuse.add("gone@example.org")
    for hours in (3, 2):
        NewsItemFactory(publish_at=timezone.now() - timedelta(hours=hours) + timedelta(minutes=1))
        tasks.plan_and_send(Send.Kind.EACH, until=timezone.now() - timedelta(hours=hours - 1))
    gone.refresh_from_db()
    assert gone.state == Subscriber.State.DISABLED and gone.bounces == 2
    assert list(Delivery.objects.filter(subscriber=gone).values_list("state", flat=True)) == ["bounced", "bounced"]
    assert "550 5.1.1 <<recipient>>: no such mailbox" in Delivery.objects.filter(subscriber=gone).first().error
    assert "gone@example.org" not in Delivery.objects.filter(subscriber=gone).first().error
    assert len(mailbox.to("ok@example.org")) == 2
    NewsItemFactory(publish_at=timezone.now() - timedelta(minutes=1))
    tasks.plan_and_send(Send.Kind.EACH)
    assert Delivery.objects.filter(subscriber=gone).count() == 2  # disabled: no third try


def test_a_server_down_puts_the_mail_back_with_a_later_time_and_sends_it_once(mailbox, fast, settings):
    subscriber("r@example.org", ["en"])
    NewsItemFactory()
    send = delivery.plan(Send.Kind.WEEKLY)
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 1  # nothing listens there
    with pytest.raises(OSError):
        delivery.deliver(send.pk)
    row = Delivery.objects.get()
    assert row.state == "queued" and row.attempts == 1 and row.not_before > timezone.now()
    assert not delivery.claimable(send.pk)
    settings.EMAIL_PORT = port
    Delivery.objects.update(not_before=None)
    assert delivery.deliver(send.pk) == 0
    assert delivery.deliver(send.pk) == 0
    assert len(mailbox.to("r@example.org")) == 1
    send.refresh_from_db()
    assert send.finished_at is not None


def test_a_row_claimed_by_a_dead_worker_is_sent_by_its_retried_job_once(mailbox, fast):
    """The worker died after claiming, before the final dot: no server has the mail, so its job sends it."""
    subscriber("a@example.org", ["en"])
    subscriber("b@example.org", ["en"])
    NewsItemFactory()
    send = delivery.plan(Send.Kind.WEEKLY)
    first = Delivery.objects.order_by("pk").first()
    Delivery.objects.filter(pk=first.pk).update(state="sending", claimed_by="job-7", attempts=1)
    delivery.deliver(send.pk, worker="job-8")  # another job leaves the claimed row alone
    assert Delivery.objects.get(pk=first.pk).state == "sending"
    assert len(mailbox.messages) == 1
    delivery.deliver(send.pk, worker="job-7")  # the dead worker's job, run again
    assert sorted(Delivery.objects.values_list("state", flat=True)) == ["sent", "sent"]
    assert len(mailbox.messages) == 2
    assert {tuple(rcpts) for rcpts, _message in mailbox.messages} == {("a@example.org",), ("b@example.org",)}


def test_an_editor_previews_a_digest_and_sends_a_test_to_themselves(admin_client, admin_user, mailbox):
    item = NewsItemFactory()
    admin_user.email = "editor@example.org"
    admin_user.save()
    query = "?kind=weekly&language=sq"
    page = admin_client.get(reverse("admin:newsletter_send_preview") + query)
    assert page.status_code == 200 and item.title_sq in page.content.decode()
    html = admin_client.get(reverse("admin:newsletter_send_preview_mail") + query)
    assert item.title_sq in html.content.decode()
    assert "script-src" not in html["Content-Security-Policy"] and "no-store" in html["Cache-Control"]
    sent = admin_client.post(reverse("admin:newsletter_send_preview") + query)
    assert sent.status_code == 302
    [message] = mailbox.to("editor@example.org")
    assert message["Subject"].strip().startswith("[Test]") and item.title_sq in message["Subject"]
    assert not Send.objects.exists() and not Delivery.objects.exists()
