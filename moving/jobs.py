"""One import run as a job: its state, its progress and its report (moving.models.ImportRun)."""

import shutil
import tempfile
from contextlib import contextmanager

from django.core.cache import cache
from django.utils import timezone

from moving import wxr
from moving.importer import Importer, Options
from moving.media import HTTPSource, ZipSource
from moving.models import ImportRun

PROGRESS_KEY = "moving:progress:{}"


def progress(run):
    """(done, total) of a run: from the cache while it runs (a dry run writes nothing else), else the row's."""
    cached = cache.get(PROGRESS_KEY.format(run.pk))
    if cached and run.state in (ImportRun.State.CHECKING, ImportRun.State.IMPORTING):
        return cached
    return run.done, run.total


@contextmanager
def local_copy(field_file):
    """A seekable local copy of a stored file (object storage gives a stream)."""
    with tempfile.TemporaryFile() as copy:
        with field_file.open("rb") as source:
            shutil.copyfileobj(source, copy, 1024 * 1024)
        copy.seek(0)
        yield copy


def execute(run_id, dry_run):
    run = ImportRun.objects.get(pk=run_id)
    running = ImportRun.State.CHECKING if dry_run else ImportRun.State.IMPORTING
    ImportRun.objects.filter(pk=run.pk).update(state=running, started_at=timezone.now(), error="")
    last = [0]

    def report_progress(done, total):
        cache.set(PROGRESS_KEY.format(run.pk), (done, total), 3600)
        if not dry_run and done - last[0] >= 100:
            last[0] = done
            ImportRun.objects.filter(pk=run.pk).update(done=done, total=total)

    with local_copy(run.export_file) as export:
        media = None
        archive = None
        try:
            if run.uploads_archive:
                archive = tempfile.TemporaryFile()
                with run.uploads_archive.open("rb") as source:
                    shutil.copyfileobj(source, archive, 1024 * 1024)
                archive.seek(0)
                media = ZipSource(archive)
            elif run.media_base:
                media = HTTPSource(run.media_base)

            @contextmanager
            def open_export():
                export.seek(0)
                yield export

            importer = Importer(
                open_export,
                Options(
                    kind_map=run.kind_map or {},
                    menus=tuple(run.menus or ()),
                    media=media,
                    dry_run=dry_run,
                    progress=report_progress,
                    user=run.created_by,
                    run_id=run.pk,
                ),
            )
            try:
                report = importer.run()
            except wxr.WXRError as error:
                # The file's fault: trying again would not help.
                ImportRun.objects.filter(pk=run.pk).update(
                    state=ImportRun.State.FAILED, error=str(error), finished_at=timezone.now()
                )
                return
            except Exception as error:
                # Anything else (the database restarting, say): noted, and the queue tries again.
                ImportRun.objects.filter(pk=run.pk).update(error=f"{type(error).__name__}: {error}")
                raise
        finally:
            if archive is not None:
                archive.close()
    data = report.as_dict()
    ImportRun.objects.filter(pk=run.pk).update(
        state=ImportRun.State.CHECKED if dry_run else ImportRun.State.DONE,
        report=data,
        done=importer.done,
        total=importer.total,
        finished_at=timezone.now(),
    )
    cache.delete(PROGRESS_KEY.format(run.pk))
