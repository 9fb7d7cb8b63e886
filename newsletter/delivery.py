"""Sending a send: one delivery row per mail, claimed and marked in the database, through any SMTP server.

Planning (``plan``) makes the send and its rows: one per active subscriber of the
rhythm and language it reads, only where the period brought something it follows (a
digest with nothing new is not sent; a period with nothing for anyone makes no send).

Sending (``deliver``, a job: newsletter.tasks) takes queued rows one at a time
(``FOR UPDATE SKIP LOCKED``: any number of workers share a send), at most
NEWSLETTER_SEND_RATE a second per worker, NEWSLETTER_BATCH_SIZE per job (then the job
queues the next batch). Each mail goes out at most once, even when a worker dies:

1. the row is claimed (``sending``, with the job's id) and committed;
2. the message is written to the server after ``DATA``, all but the final dot;
3. the row is marked ``sent`` and committed;
4. the final dot is written: only now does the server accept the message.

A worker killed before 3 leaves a ``sending`` row whose message no server accepted:
the job, run again by the queue (core.tasks.retry_stalled_jobs), puts its own rows
back in the queue. A worker killed after 3 has nothing left to do but write five
bytes. Temporary errors (4xx, a server down) put the row back with a later
``not_before`` (1, 2, 4, ... minutes), up to NEWSLETTER_MAX_ATTEMPTS; a permanent
refusal (5xx) marks it ``bounced`` and counts against the address, disabled after
NEWSLETTER_BOUNCE_LIMIT refusals in a row.
"""

import smtplib
import socket
import ssl
import time
import uuid
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone

from newsletter import digest
from newsletter.models import Delivery, Send, Subscriber

PERIOD_DAYS = {Send.Kind.EACH: 1, Send.Kind.WEEKLY: 7, Send.Kind.MONTHLY: 31}
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
RHYTHM_FOR_KIND = {kind: rhythm for rhythm, kind in digest.KIND_FOR_RHYTHM.items()}


def plan(kind, until=None):
    """Make the send of `kind` for the period ending `until` and its delivery rows; None when there is nothing to send."""
    until = until or timezone.now()
    last = Send.objects.filter(kind=kind).order_by("-period_end").first()
    since = last.period_end if last else until - timedelta(days=PERIOD_DAYS[kind])
    if since >= until:
        return None
    rows = []
    groups = digest.subscribers_by_group(RHYTHM_FOR_KIND[kind])
    found = {key: digest.items(key[0], since, until, key[1], key[2]) for key in groups}
    if not any(found.values()):
        return None
    try:
        with transaction.atomic():
            send = Send.objects.create(kind=kind, period_start=since, period_end=until)
            for key, subscribers in groups.items():
                if found[key]:
                    rows += [Delivery(send=send, subscriber=subscriber, language=key[0]) for subscriber in subscribers]
            Delivery.objects.bulk_create(rows, batch_size=2000)
    except IntegrityError:
        return None  # another planner made it first
    return send


class Sender:
    """One SMTP connection that writes a message but the final dot, and the dot later."""

    def __init__(self):
        self.smtp = None

    def open(self):
        if self.smtp is not None:
            return
        klass = smtplib.SMTP_SSL if settings.EMAIL_USE_SSL else smtplib.SMTP
        smtp = klass(settings.EMAIL_HOST, settings.EMAIL_PORT, timeout=settings.EMAIL_TIMEOUT)
        # The final dot is a write of its own, after the row is marked: without this, Nagle's
        # algorithm holds it until the server acknowledges the data (40 ms a mail on Linux).
        smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if settings.EMAIL_USE_TLS:
            smtp.starttls(context=ssl.create_default_context())
        if settings.EMAIL_HOST_USER:
            smtp.login(settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD)
        self.smtp = smtp

    def close(self):
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (smtplib.SMTPException, OSError):
                self.smtp.close()
            self.smtp = None

    def send(self, message, before_dot):
        """Send `message` (Django's EmailMessage); `before_dot()` runs when all but the final dot is written.

        Raises smtplib's errors: SMTPRecipientsRefused / SMTPResponseException with the code.
        Another mail backend than SMTP (the console, in development) gets the message as it is.
        """
        if settings.EMAIL_BACKEND != SMTP_BACKEND:
            before_dot()
            message.send()
            return
        self.open()
        smtp = self.smtp
        sender = message.from_email
        recipients = message.recipients()
        data = message.message().as_bytes(linesep="\r\n")
        smtp.ehlo_or_helo_if_needed()
        code, response = smtp.mail(sender)
        if code != 250:
            smtp.rset()
            raise smtplib.SMTPSenderRefused(code, response, sender)
        for recipient in recipients:
            code, response = smtp.rcpt(recipient)
            if code not in (250, 251):
                smtp.rset()
                raise smtplib.SMTPResponseException(code, response)
        code, response = smtp.docmd("data")
        if code != 354:
            smtp.rset()
            raise smtplib.SMTPDataError(code, response)
        body = smtplib._quote_periods(data)
        if not body.endswith(b"\r\n"):
            body += b"\r\n"
        smtp.send(body)
        before_dot()
        smtp.send(b".\r\n")
        code, response = smtp.getreply()
        if code != 250:
            raise smtplib.SMTPDataError(code, response)


def _claim(send_id, worker):
    """The next queued row of the send, now ``sending`` for `worker` (committed), or None."""
    with transaction.atomic():
        row = (
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(send_id=send_id, state=Delivery.State.QUEUED)
            .exclude(not_before__gt=timezone.now())
            .order_by("pk")
            .first()
        )
        if row is None:
            return None
        row.state = Delivery.State.SENDING
        row.claimed_by = worker
        row.attempts += 1
        row.save(update_fields=["state", "claimed_by", "attempts"])
    return row


def _text(value):
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)


def _mark(row, state, error="", **fields):
    Delivery.objects.filter(pk=row.pk).update(state=state, error=error[:200], **fields)


def _retry_later(row, error):
    if row.attempts >= settings.NEWSLETTER_MAX_ATTEMPTS:
        _mark(row, Delivery.State.FAILED, error)
    else:
        wait = timedelta(minutes=2 ** (row.attempts - 1))
        _mark(row, Delivery.State.QUEUED, error, not_before=timezone.now() + wait, claimed_by="")


def _bounced(row, subscriber, error):
    _mark(row, Delivery.State.BOUNCED, error)
    count_bounce(Subscriber.objects.filter(pk=subscriber.pk))


def count_bounce(subscribers):
    """One more permanent delivery error for each of `subscribers`; at NEWSLETTER_BOUNCE_LIMIT they are disabled."""
    subscribers.update(bounces=F("bounces") + 1)
    subscribers.filter(bounces__gte=settings.NEWSLETTER_BOUNCE_LIMIT).update(state=Subscriber.State.DISABLED)


# What a provider's report means for the address (anymail's normalised event types).
PROVIDER_BOUNCES = {"bounced", "rejected"}
PROVIDER_REFUSALS = {"complained", "unsubscribed"}


def provider_event(sender, event, esp_name, **kwargs):
    """A mail provider's report: a bounce counts like an SMTP refusal; a complaint or an unsubscribe ends the subscription.

    The reader who marks a mail as spam, or leaves through the provider's own link,
    asked for no more mail: their row goes, as with the site's own unsubscribe link.
    Nothing of the address is logged.
    """
    if not event.recipient:
        return
    subscribers = Subscriber.objects.filter(email__iexact=event.recipient.strip())
    if event.event_type in PROVIDER_REFUSALS:
        subscribers.delete()
    elif event.event_type in PROVIDER_BOUNCES:
        count_bounce(subscribers)


def deliver(send_id, worker=None, limit=None):
    """Send up to `limit` (NEWSLETTER_BATCH_SIZE) queued mails of the send; returns how many are still to send.

    `worker` names this job's claims (its id in the queue: a retried job takes back the
    rows it claimed before it died).
    """
    worker = worker or uuid.uuid4().hex
    limit = limit or settings.NEWSLETTER_BATCH_SIZE
    Delivery.objects.filter(send_id=send_id, state=Delivery.State.SENDING, claimed_by=worker).update(
        state=Delivery.State.QUEUED, attempts=F("attempts") - 1
    )
    send = Send.objects.get(pk=send_id)
    rendered = {}
    sender = Sender()
    interval = 1 / settings.NEWSLETTER_SEND_RATE if settings.NEWSLETTER_SEND_RATE else 0
    try:
        for _n in range(limit):
            started = time.monotonic()
            row = _claim(send_id, worker)
            if row is None:
                break
            subscriber = (
                Subscriber.objects.filter(pk=row.subscriber_id, state=Subscriber.State.ACTIVE)
                .prefetch_related("topics", "projects")
                .first()
            )
            if subscriber is None:
                _mark(row, Delivery.State.SKIPPED)
                continue
            key = digest.group_key(
                row.language, [t.pk for t in subscriber.topics.all()], [p.pk for p in subscriber.projects.all()]
            )
            if key not in rendered:
                found = digest.items(key[0], send.period_start, send.period_end, key[1], key[2])
                rendered[key] = digest.render(send.kind, key[0], found) if found else None
            if rendered[key] is None:
                _mark(row, Delivery.State.SKIPPED)
                continue
            message = digest.personalise(rendered[key], subscriber, row.language)
            try:
                sender.send(message, partial(_mark, row, Delivery.State.SENT, sent_at=timezone.now()))
            except smtplib.SMTPResponseException as error:
                # Refused (before the data, or at the final dot: then the row said "sent" too early).
                # Servers often repeat the address in their answer: the row keeps the answer, not the address.
                text = f"{error.smtp_code} {_text(error.smtp_error)}".replace(subscriber.email, "<recipient>")
                if 500 <= error.smtp_code < 600 and not isinstance(error, smtplib.SMTPSenderRefused):
                    _bounced(row, subscriber, text)
                else:
                    _retry_later(row, text)
                continue
            except (smtplib.SMTPException, OSError) as error:
                sender.close()
                if not Delivery.objects.filter(pk=row.pk, state=Delivery.State.SENT).exists():
                    _retry_later(row, f"{type(error).__name__}: {error}")
                raise
            if subscriber.bounces:
                Subscriber.objects.filter(pk=subscriber.pk).update(bounces=0)
            if interval:
                time.sleep(max(0.0, interval - (time.monotonic() - started)))
    finally:
        sender.close()
    remaining = Delivery.objects.filter(
        send_id=send_id, state__in=(Delivery.State.QUEUED, Delivery.State.SENDING)
    ).count()
    if not remaining:
        Send.objects.filter(pk=send_id, finished_at__isnull=True).update(finished_at=timezone.now())
    return remaining


def claimable(send_id):
    """Are there rows of the send to take now (queued, not waiting for a retry)?"""
    return (
        Delivery.objects.filter(send_id=send_id, state=Delivery.State.QUEUED)
        .exclude(not_before__gt=timezone.now())
        .exists()
    )


def counts(send):
    """{state: number} of the send's deliveries."""
    found = dict(send.deliveries.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
    return {state: found.get(state, 0) for state in Delivery.State.values}
