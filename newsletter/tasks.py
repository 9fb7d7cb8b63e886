"""The newsletter's jobs (core.jobs starts them; Procrastinate's workers run them)."""

from datetime import timedelta

from django.utils import timezone
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from newsletter import mail, tokens
from newsletter.models import Subscriber

NOTICES = {"confirm": mail.confirmation, "already": mail.already_subscribed}


# A mail server that is down or refuses for now: tried again after 30 s, 60 s, 120 s, ...
@app.task(name="newsletter.send_notice", queue="mail", retry=RetryStrategy(max_attempts=6, exponential_wait=30))
def send_notice(subscriber_id, kind):
    """The confirmation (or the "already subscribed" mail) to one address; nothing when it is gone since."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is not None:
        NOTICES[kind](subscriber).send()


def forget_unconfirmed(now=None):
    """Addresses that never confirmed are deleted once their link has expired; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=tokens.CONFIRM_DAYS)
    deleted, _by_model = Subscriber.objects.filter(state=Subscriber.State.PENDING, requested_at__lt=cutoff).delete()
    return deleted


@app.periodic(cron="17 3 * * *")
@app.task(name="newsletter.forget_unconfirmed", queue="mail", queueing_lock="newsletter.forget_unconfirmed")
def forget_unconfirmed_nightly(timestamp):
    forget_unconfirmed()
