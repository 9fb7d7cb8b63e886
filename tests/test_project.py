"""Site-wide guards."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import ImageField

from core import i18n
from core.models import TranslationTracked


@pytest.mark.django_db
def test_no_pending_migrations():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=StringIO())
    except SystemExit:
        pytest.fail(f"Model changes without a migration:\n{out.getvalue()}")


@pytest.mark.parametrize("model", [model for model in apps.get_models() if i18n.tracks_sources(model)])
def test_every_translation_tracked_model_records_its_sources_in_save(model):
    assert issubclass(model, TranslationTracked)
    assert {model.__name__ for model in apps.get_models() if i18n.tracks_sources(model)} >= {
        "NewsItem",
        "Project",
        "Organisation",
        "Page",
    }


def test_every_image_of_the_site_is_a_library_image():
    """The library's save strips image metadata: no other model may store an image file of its own."""
    with_images = [
        model._meta.label
        for model in apps.get_models()
        if any(isinstance(field, ImageField) for field in model._meta.concrete_fields)
    ]
    assert with_images == ["library.Image"]
