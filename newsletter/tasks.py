"""The newsletter's jobs (core.jobs starts them; Procrastinate's workers run them)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app
from procrastinate.exceptions import AlreadyEnqueued

from core import jobs
from newsletter import delivery, mail, tokens
from newsletter.models import Send, Subscriber

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


# --- Sends ---------------------------------------------------------------------------


def start_sending(send_id):
    """Send a send's queued mails: a chain of batch jobs on the queue (one waiting at a time), or in this process."""
    if settings.JOBS_IN_PROCESS:
        return jobs.start(deliver_all, send_id=send_id)
    try:
        return deliver.configure(queueing_lock=f"newsletter.send.{send_id}").defer(send_id=send_id)
    except AlreadyEnqueued:
        return None


# A server that is down: the batch is tried again after 30 s, 60 s, 120 s, ... (its rows wait too).
@app.task(
    name="newsletter.deliver",
    queue="mail",
    pass_context=True,
    retry=RetryStrategy(max_attempts=8, exponential_wait=30),
)
def deliver(context, send_id):
    """One batch of a send; the next batch is queued behind it. A retried job takes back the rows it had claimed."""
    delivery.deliver(send_id, worker=f"job-{context.job.id}")
    if delivery.claimable(send_id):
        start_sending(send_id)


@app.task(name="newsletter.deliver_all", queue="mail")
def deliver_all(send_id):
    """Without a queue (quick start, tests): every batch at once, in this process."""
    while delivery.deliver(send_id) and delivery.claimable(send_id):
        pass


def plan_and_send(kind, until=None):
    send = delivery.plan(kind, until)
    if send is not None:
        start_sending(send.pk)
    return send


@app.periodic(cron="*/5 * * * *")
@app.task(name="newsletter.send_new", queue="mail", queueing_lock="newsletter.send_new")
def send_new(timestamp):
    """Every five minutes: what was published since, to the subscribers of each publication."""
    plan_and_send(Send.Kind.EACH)


@app.periodic(cron="0 7 * * 1")
@app.task(name="newsletter.send_weekly", queue="mail", queueing_lock="newsletter.send_weekly")
def send_weekly(timestamp):
    """Monday mornings: the week's digest."""
    plan_and_send(Send.Kind.WEEKLY)


@app.periodic(cron="0 7 1 * *")
@app.task(name="newsletter.send_monthly", queue="mail", queueing_lock="newsletter.send_monthly")
def send_monthly(timestamp):
    """The first of each month: the month's digest."""
    plan_and_send(Send.Kind.MONTHLY)


@app.periodic(cron="* * * * *")
@app.task(name="newsletter.resume_sends", queue="mail", queueing_lock="newsletter.resume_sends")
def resume_sends(timestamp):
    """Every minute: sends with mails waiting (a retry's time has come) get a batch job again."""
    for send_id in Send.objects.filter(finished_at__isnull=True).values_list("pk", flat=True):
        if delivery.claimable(send_id):
            start_sending(send_id)
