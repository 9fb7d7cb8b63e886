"""End to end, in headless Chromium and through a real SMTP server: subscribe, confirm, read, leave.

In each of be, be-latn, sq and en a reader subscribes on the newsletter page, follows the
link of the confirmation mail and confirms, receives the weekly digest in its language and
script, unsubscribes with one click as a mail client does (RFC 8058), and receives nothing more.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from newsletter import tasks
from newsletter.models import Send, Subscriber
from tests.e2e.conftest import needs_chromium
from tests.news.factories import NewsItemFactory
from tests.newsletter import smtp

pytestmark = [*needs_chromium, pytest.mark.django_db(transaction=True)]

HEADINGS = {
    "be": ("Праверце паштовую скрыню", "Вы падпісаліся"),
    "be-latn": ("Praviercie paštovuju skryniu", "Vy padpisalisia"),
    "sq": ("Kontrolloni kutinë postare", "Jeni abonuar"),
    "en": ("Check your mailbox", "You are subscribed"),
}
CYRILLIC = re.compile("[А-Яа-яІіЎў]")


@pytest.fixture
def mail_server(http_settings, live_server):
    with smtp.smtp_server() as (mailbox, port):
        smtp.use_smtp_server(http_settings, port, site_url=live_server.url)
        yield mailbox


@pytest.mark.parametrize("prefix", list(HEADINGS))
def test_a_reader_subscribes_confirms_reads_the_digest_and_leaves(live_server, browser, mail_server, prefix):
    sent_heading, subscribed_heading = HEADINGS[prefix]
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(f"{live_server.url}/{prefix}/newsletter/")
    page.fill("#id_email", "reader@example.org")
    assert page.is_checked(f"input[name=languages][value={prefix}]")
    page.click(".newsletter-form button[type=submit]")
    assert page.inner_text("h1") == sent_heading

    [confirmation] = mail_server.to("reader@example.org")
    text = confirmation.get_body(("plain",)).get_content()
    confirm_url = re.search(rf"{re.escape(live_server.url)}/{prefix}/newsletter/confirm/\S+", text).group()
    page.goto(confirm_url)
    page.click("main form button[type=submit]")
    assert page.inner_text("h1") == subscribed_heading
    assert Subscriber.objects.get().state == Subscriber.State.ACTIVE

    item = NewsItemFactory()
    tasks.plan_and_send(Send.Kind.WEEKLY)
    digest = mail_server.to("reader@example.org")[-1]
    plain = digest.get_body(("plain",)).get_content()
    html = digest.get_body(("html",)).get_content()
    language = "be" if prefix == "be-latn" else prefix
    if prefix == "be-latn":
        assert not CYRILLIC.search(plain + html + digest["Subject"])
        assert "Vizit dele" in plain
    else:
        assert getattr(item, f"title_{language}") in plain
    assert f"/{prefix}/news/{getattr(item, f'slug_{language}')}/" in plain

    unsubscribe = re.search(r"<(\S+)>", "".join(str(digest["List-Unsubscribe"]).split())).group(1)
    answer = page.request.post(
        unsubscribe,
        data="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status == 200
    assert not Subscriber.objects.exists()

    received = len(mail_server.messages)
    NewsItemFactory(publish_at=timezone.now() - timedelta(seconds=1))
    tasks.plan_and_send(Send.Kind.WEEKLY, until=timezone.now() + timedelta(seconds=1))
    assert len(mail_server.messages) == received
