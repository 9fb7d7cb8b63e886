"""Keeping the copy current (SNAPSHOT_DIR) and its destinations (SNAPSHOT_DESTINATIONS).

A save or deletion of a public item records the item's addresses, before and after, in every
language (PendingChange, in the change's own transaction) and, once committed, starts the
update job. The job takes every recorded change, re-renders what they touch
(builder.Snapshot.update; a full build the first time), rebuilds the search index and sends the
changed files to each destination, recording each one's success or failure.
"""

import logging
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.urls import NoReverseMatch
from django.utils import timezone, translation

from core import jobs
from mirror import destinations
from mirror.manifest import NAME, Manifest
from portal import latin

logger = logging.getLogger(__name__)


def enabled():
    return bool(settings.SNAPSHOT_DIR)


def addresses_of(obj):
    """The item's page in every language of the copy, as [path, query] pairs."""
    from mirror.builder import snapshot_languages

    found = []
    for code in snapshot_languages():
        source = latin.SOURCE if code == latin.PREFIX else code
        with translation.override(source):
            try:
                url = obj.get_absolute_url()
            except NoReverseMatch:
                continue
        found.append([latin.latin_path(url) if code == latin.PREFIX else url, ""])
    return found


def record(addresses):
    from mirror.models import PendingChange

    PendingChange.objects.create(addresses=addresses)
    transaction.on_commit(start, robust=True)


def start():
    from procrastinate.exceptions import AlreadyEnqueued

    from mirror import tasks

    try:
        jobs.start(tasks.update_snapshot)
    except AlreadyEnqueued:
        pass  # the queued job will take this change too


def before_save(sender, instance, raw=False, **kwargs):
    if raw or not enabled() or instance.pk is None:
        return
    old = sender._base_manager.filter(pk=instance.pk).first()
    instance._snapshot_before = addresses_of(old) if old is not None else []


def after_change(sender, instance, raw=False, **kwargs):
    if raw or not enabled():
        return
    before = getattr(instance, "_snapshot_before", [])
    record([*before, *(a for a in addresses_of(instance) if a not in before)])


def item_models():
    from portal.apps import CONTENT_APPS

    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            if hasattr(model, "get_absolute_url"):
                yield model


def connect():
    for model in item_models():
        uid = f"snapshot-{model._meta.label}"
        pre_save.connect(before_save, sender=model, dispatch_uid=f"{uid}-before")
        post_save.connect(after_change, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(after_change, sender=model, dispatch_uid=f"{uid}-delete")


def record_publication_times(start_time, end_time):
    """Items whose publication or expiry time lies in (start_time, end_time]: they changed without a save."""
    if not enabled():
        return 0
    addresses = []
    for model in item_models():
        names = {field.name for field in model._meta.get_fields()}
        for field in ("publish_at", "expire_at"):
            if field in names:
                lookup = {f"{field}__gt": start_time, f"{field}__lte": end_time}
                for obj in model._base_manager.filter(**lookup):
                    addresses += [a for a in addresses_of(obj) if a not in addresses]
    if addresses:
        with transaction.atomic():
            record(addresses)
    return len(addresses)


def run():
    """The update job: every recorded change, then every destination. Returns what it did."""
    from mirror.builder import Snapshot, build_snapshot, run_pagefind
    from mirror.models import PendingChange

    if not enabled():
        return None
    dest = Path(settings.SNAPSHOT_DIR)
    pending = list(PendingChange.objects.order_by("pk"))
    addresses = []
    for change in pending:
        addresses += [tuple(a) for a in change.addresses if tuple(a) not in addresses]
    if not (dest / NAME).is_file():
        _snapshot, result = build_snapshot(dest)
        names = None
    else:
        manifest = Manifest(dest)
        try:
            snapshot = Snapshot(dest, manifest=manifest)
            result = snapshot.update(addresses)
        finally:
            manifest.close()
        names = result.files | result.deleted
    PendingChange.objects.filter(pk__in=[change.pk for change in pending]).delete()
    report = {
        "rendered": result.rendered,
        "written": result.written,
        "unchanged": result.unchanged,
        "removed": result.removed,
    }
    # The pages reach the destinations first; the search index, which Pagefind rebuilds over
    # the whole copy (its time grows with the copy), follows.
    report["destinations"] = send_all(dest, names, search=False)
    if settings.SNAPSHOT_SEARCH:
        run_pagefind(dest)
        report["search"] = send_all(dest, set(), search=True, adding=True)
    return report


def send_all(dest, names, search=True, adding=False):
    """Every destination brought up to date (see destinations.send); `adding`: this pass's counts
    add to the previous pass's in each destination's status."""
    from mirror.models import Destination

    sent = {}
    manifest = Manifest(dest)
    try:
        for destination in destinations.configured():
            status, _created = Destination.objects.get_or_create(name=destination.name)
            status.target, status.base_url = destination.target, destination.base_url
            whole = names is None or status.failing or status.last_success is None
            try:
                count, deleted = destinations.send(destination, dest, manifest, None if whole else names, search=search)
            except Exception as error:  # any failure of one destination is recorded; the others go on
                logger.exception("snapshot destination %s failed", destination.name)
                manifest.db.commit()
                status.last_failure = timezone.now()
                status.last_error = f"{type(error).__name__}: {error}"[:2000]
                status.save()
                sent[destination.name] = "failed"
                continue
            status.last_success = timezone.now()
            if adding:
                status.files_sent, status.files_deleted = status.files_sent + count, status.files_deleted + deleted
            else:
                status.files_sent, status.files_deleted = count, deleted
            status.save()
            sent[destination.name] = count
    finally:
        manifest.close()
    return sent
