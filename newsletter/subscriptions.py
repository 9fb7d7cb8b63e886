"""Asking to subscribe: the same answer whatever the address, and at most a few mails for each address and client."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from core import jobs
from newsletter import tasks
from newsletter.models import Subscriber, new_key

RATE_WINDOW = 3600  # seconds


def within_limit(kind, value, limit):
    """Counts one more request for (kind, value) in the shared cache; False past `limit` in RATE_WINDOW.

    The key holds a hash of the address or client, never the value itself.
    """
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{kind}:{value}".encode()).hexdigest()[:32]
    key = f"newsletter:rate:{kind}:{digest}"
    cache.add(key, 0, RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr, or the cache is unreachable
        cache.set(key, 1, RATE_WINDOW)
        count = 1
    return count <= limit


def ask(email, preferences, source):
    """Record a request to subscribe and send the mail it calls for (the caller answers the same in every case).

    - a new address, or one still waiting, or one disabled after delivery errors: its
      preferences are (re)set and it gets the confirmation mail;
    - a confirmed address: its preferences stay as they are (anyone may type any address)
      and it gets a mail with the link to its preferences page.
    """
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        if subscriber is not None and subscriber.state == Subscriber.State.ACTIVE:
            kind = "already"
        else:
            kind = "confirm"
            if subscriber is None:
                subscriber = Subscriber(email=email)
            elif subscriber.state == Subscriber.State.DISABLED:
                subscriber.key = new_key()
            subscriber.state = Subscriber.State.PENDING
            subscriber.bounces = 0
            subscriber.consented_at = None
            subscriber.languages = preferences["languages"]
            subscriber.rhythm = preferences["rhythm"]
            subscriber.source = source
            subscriber.save()
            subscriber.topics.set(preferences.get("topics") or [])
            subscriber.projects.set(preferences.get("projects") or [])
    jobs.start(tasks.send_notice, subscriber_id=subscriber.pk, kind=kind)
    return subscriber


def confirm(subscriber):
    if subscriber.state != Subscriber.State.ACTIVE:
        Subscriber.objects.filter(pk=subscriber.pk).update(
            state=Subscriber.State.ACTIVE, consented_at=timezone.now(), bounces=0
        )
        subscriber.refresh_from_db()
    return subscriber
