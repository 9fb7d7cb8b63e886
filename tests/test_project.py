"""Site-wide guards."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db.models import ImageField
from django.db.models.signals import pre_save

from core import i18n
from core.i18n import record_translation_sources
from core.images import strip_image_metadata


@pytest.mark.django_db
def test_no_pending_migrations():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=StringIO())
    except SystemExit:
        pytest.fail(f"Model changes without a migration:\n{out.getvalue()}")


def _receivers(signal, model):
    # Signal._live_receivers is private; it is what Signal.send() calls to find the receivers.
    return list(signal._live_receivers(model)[0])


@pytest.mark.parametrize(
    "model", [model for model in apps.get_models() if any(isinstance(f, ImageField) for f in model._meta.fields)]
)
def test_every_model_with_an_image_strips_its_metadata_on_save(model):
    assert strip_image_metadata in _receivers(pre_save, model)


@pytest.mark.parametrize("model", [model for model in apps.get_models() if i18n.tracks_sources(model)])
def test_every_translation_tracked_model_records_its_sources_on_save(model):
    assert record_translation_sources in _receivers(pre_save, model)


def test_the_receivers_listen_to_their_models_only():
    assert strip_image_metadata not in _receivers(pre_save, Session)
    assert record_translation_sources not in _receivers(pre_save, Session)
    assert {model.__name__ for model in apps.get_models() if i18n.tracks_sources(model)} >= {
        "NewsItem",
        "Project",
        "Organisation",
        "Page",
    }
