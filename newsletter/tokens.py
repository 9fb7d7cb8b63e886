"""The links in a subscriber's mail: signed, single-purpose, and void once the subscriber's key changes.

A token is ``signing.dumps([subscriber id, subscriber key])`` under a salt of its
own for each purpose (confirm, manage, unsubscribe): a token made for one
purpose is refused for another, and one made for another subscriber or before
the key changed (erased, re-subscribed) is refused too. Nothing is stored for
them: the random key is the only secret the database holds, and it is not the
token (a token is also signed with SECRET_KEY). A confirmation token lasts
CONFIRM_DAYS; the others last as long as the subscription.
"""

from datetime import timedelta

from django.core import signing

from newsletter.models import Subscriber

CONFIRM = "confirm"
MANAGE = "manage"
UNSUBSCRIBE = "unsubscribe"
PURPOSES = (CONFIRM, MANAGE, UNSUBSCRIBE)
CONFIRM_DAYS = 7


def _salt(purpose):
    if purpose not in PURPOSES:
        raise ValueError(purpose)
    return f"newsletter.{purpose}"


def make(subscriber, purpose):
    return signing.dumps([subscriber.pk, subscriber.key], salt=_salt(purpose))


def read(token, purpose):
    """The subscriber the token names for this purpose, or None (forged, expired, for something else, stale)."""
    max_age = timedelta(days=CONFIRM_DAYS) if purpose == CONFIRM else None
    try:
        pk, key = signing.loads(token, salt=_salt(purpose), max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(pk, int) or not isinstance(key, str):
        return None
    return Subscriber.objects.filter(pk=pk, key=key).first()
