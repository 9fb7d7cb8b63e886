"""The site version: one counter in the shared cache that every cached page and fragment is keyed by.

Why a whole-site version rather than tags or a list of URLs: one news item is
shown on its own page in three languages, on every page of the news list and
its filters, on the home page, in the feeds, sitemaps, exports and search
results, and on the pages of its partners and projects; a menu item is on every
page. Guessing those URLs is where stale pages come from. Content changes a few
times a day and pages are cheap to render once, so every change (a save or a
delete of any content model, a menu change, a catalogue edit: the signals are
connected in portal.apps) bumps the version, and every server reads it from the
shared cache on each request: invalidation is exact and immediate everywhere,
old entries simply expire.

Scheduled items: the version also remembers the next publish or expiry time it
knows of (the next moment an item appears on or leaves the site). The first
request after that time bumps the version (no cron), and cache lifetimes never
run past it (``seconds_to_next_publish``).
"""

import contextvars
import threading
import time
from contextlib import contextmanager

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from core.models import PUBLIC_STATUSES, Publishable

VERSION_KEY = "ura:site-version"
# An entry that outlives every cached page: the version must not start again
# from a value it had before, or old entries would come back.
VERSION_TIMEOUT = None

# The state read once per request (``request_scope``): a page's fragments then
# cost one cache read each, not two. A bump during the request replaces it.
_request_state = contextvars.ContextVar("ura_site_state", default=None)


@contextmanager
def request_scope():
    """Within a request: the site version is read from the shared cache once, when first needed.

    Yields the request's holder: the page cache reads the version in the same round trip as
    the page and puts it in (``holder["state"] = ...``); the rest of the request uses it.
    """
    holder = {"state": None}
    token = _request_state.set(holder)
    try:
        yield holder
    finally:
        _request_state.reset(token)


def _new_state(counter=None):
    """A version counter (starting from the clock, so it never repeats) and the next publish time."""
    counter = (counter or time.time_ns()) + 1
    upcoming = next_scheduled_publish()
    return {"counter": counter, "next_publish": upcoming.timestamp() if upcoming else None}


def next_scheduled_publish(now=None):
    """The earliest publish or expiry time still to come of any publishable item (scheduled or published).

    Either changes what visitors see: an item appears at its publish time and
    leaves the site at its expiry time. So does any moment a model keeps in a field it
    names in ``schedule_fields`` (events.models.Event: ``over_at``, when an event is over).
    """
    from_time = now or timezone.now()
    times = []
    for model in apps.get_models():
        if not issubclass(model, Publishable):
            continue
        released = model._base_manager.filter(status__in=PUBLIC_STATUSES)
        for field in ("publish_at", "expire_at", *getattr(model, "schedule_fields", ())):
            upcoming = (
                released.filter(**{f"{field}__gt": from_time}).order_by(field).values_list(field, flat=True).first()
            )
            if upcoming is not None:
                times.append(upcoming)
    return min(times) if times else None


def state():
    """The current version state, bumped when a scheduled publish time has passed.

    Read once per request inside ``request_scope``.
    """
    scope = _request_state.get()
    if scope is None:
        return fresh_state(cache.get(VERSION_KEY))
    if scope["state"] is None:
        scope["state"] = fresh_state(cache.get(VERSION_KEY))
    return scope["state"]


def fresh_state(current):
    """`current` (the stored state, or None), created or bumped as the clock and the cache's health ask."""
    if current is None:
        current = _new_state()
        # add(): when two processes start at once, one value wins and both use it.
        if not cache.add(VERSION_KEY, current, timeout=VERSION_TIMEOUT):
            current = cache.get(VERSION_KEY) or current
    elif current["next_publish"] is not None and current["next_publish"] <= timezone.now().timestamp():
        current = bump(current)
    elif getattr(cache, "take_recovery", None) and cache.take_recovery():
        # Back from a Redis failure: changes saved meanwhile did not reach the version.
        current = bump(current)
    return current


def version():
    return state()["counter"]


def bump(previous=None, **kwargs):
    """A new site version: every cached page and fragment is stale from now on.

    Usable as a signal receiver (it takes and ignores the signal's arguments).
    """
    previous = previous if isinstance(previous, dict) else cache.get(VERSION_KEY)
    current = _new_state(max(previous["counter"] if previous else 0, time.time_ns()))
    cache.set(VERSION_KEY, current, timeout=VERSION_TIMEOUT)
    scope = _request_state.get()
    if scope is not None:
        scope["state"] = current
    return current


_batch = threading.local()


@contextmanager
def changes_batched():
    """Within: content changes do not bump the version one by one; the block ends with one bump.

    For long writers (the WordPress import saves thousands of items, each bump costs a
    query per content model): they call ``bump()`` themselves every so often.
    """
    previous = getattr(_batch, "on", False)
    _batch.on = True
    try:
        yield
    finally:
        _batch.on = previous
        if not previous:
            bump()
            transaction.on_commit(bump)


def content_changed(sender=None, **kwargs):
    """Signal receiver for every content change: a new version now, and again once the change is committed.

    The second bump matters: between the save and the commit another process
    may still render the old content and store it under the first new version.
    """
    if getattr(_batch, "on", False):
        return
    bump()
    transaction.on_commit(bump)


def seconds_to_next_publish(current=None, default=None):
    """How long a cached entry may live: until the next scheduled publish, at most `default` seconds."""
    current = current or state()
    if current["next_publish"] is None:
        return default
    remaining = max(1, int(current["next_publish"] - timezone.now().timestamp()))
    return remaining if default is None else min(default, remaining)


def fragment(name, timeout=3600):
    """The key and lifetime of fragment `name` in this site version, for ``cache.get_or_set``.

    For choice lists, menus and other parts of pages that many requests share::

        cache.get_or_set(**site_cache.fragment(f"menu:{get_language()}"), default=menu_items)

    The name must hold whatever else the value depends on (the language, say).
    """
    current = state()
    return {"key": f"ura:fragment:{current['counter']}:{name}", "timeout": seconds_to_next_publish(current, timeout)}
