"""The demo content loader every app's demo.py uses, and the demo topics.

The content is data: each app keeps YAML files under ``<app>/fixtures/demo/``
(one record per item, each translated field as ``{be: ..., sq: ..., en: ...}``,
keys named after the model fields) and the files they name under
``<app>/fixtures/demo/media/``. Every app has a ``demo.py`` with a
``seed(stdout)`` function; ``seed_demo`` runs them in order. Records are found
by a stable key (usually the English slug) and saved only when a value
differs; files are copied into storage only when missing or different. A
second run changes nothing.
"""

from pathlib import Path

import yaml
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone

from core.models import LANGUAGE_CODES, SlugAlias, Topic
from core.richtext import RichTextField, sanitize_html


def fixture_path(app_label, name):
    """<app>/fixtures/demo/<name>: a YAML file, or media/<file> for a file it names."""
    return Path(apps.get_app_config(app_label).path) / "fixtures" / "demo" / name


def load(app_label, name):
    """The records in <app>/fixtures/demo/<name>.yaml."""
    with fixture_path(app_label, f"{name}.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def expand(record):
    """{"title": {"be": ..., "en": ...}, "kind": ...} -> {"title_be": ..., "title_sq": "", "title_en": ..., "kind": ...}."""
    codes = LANGUAGE_CODES
    values = {}
    for name, value in record.items():
        if isinstance(value, dict) and set(value) <= set(codes):
            values.update({f"{name}_{code}": value.get(code, "") for code in codes})
        else:
            values[name] = value
    return values


def _stored_form(model, values):
    """Values as the database will hold them (typed, aware times, rich text sanitised)."""
    result = {}
    for name, value in values.items():
        field = model._meta.get_field(name)
        if not field.is_relation:
            value = field.to_python(value)
        if isinstance(field, RichTextField):
            value = sanitize_html(value)
        elif isinstance(field, models.DateTimeField) and value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value)
        result[name] = value
    return result


def upsert(model, lookup, values, m2m=None):
    """Create or update one record; save only what differs. Returns (obj, changed)."""
    values = _stored_form(model, {name: value for name, value in values.items() if name not in lookup})
    obj = model._base_manager.filter(**lookup).first()
    changed = False
    if obj is None:
        obj = model(**lookup, **values)
        obj.save()
        changed = True
    else:
        dirty = [name for name, value in values.items() if getattr(obj, name) != value]
        if dirty:
            for name in dirty:
                if name.startswith("slug_") and getattr(obj, name):
                    keep_old_slug(obj, name.removeprefix("slug_"), getattr(obj, name))
                setattr(obj, name, values[name])
            obj.save()
            changed = True
    for name, targets in (m2m or {}).items():
        manager = getattr(obj, name)
        wanted = {target.pk for target in targets}
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(targets)
            changed = True
    return obj, changed


def keep_old_slug(obj, language, slug):
    """A demo item whose slug the fixtures changed keeps answering at the old address (core.SlugAlias)."""
    content_type = ContentType.objects.get_for_model(type(obj))
    SlugAlias.objects.get_or_create(content_type=content_type, object_id=obj.pk, language=language, slug=slug)


def upsert_by_slug(model, record, m2m=None):
    """upsert() for a record whose key is its English slug."""
    return upsert(model, {"slug_en": record["slug"]["en"]}, expand(record), m2m)[0]


def copy_media(obj, field_name, path):
    """Store the file `path` in obj.<field_name> unless storage already holds the same bytes."""
    data = path.read_bytes()
    current = getattr(obj, field_name)
    if current and current.storage.exists(current.name):
        with current.open("rb") as handle:
            if handle.read() == data:
                return False
    if isinstance(current.field, models.ImageField):
        # Written as it is (the demo pictures carry no metadata), so that the comparison above holds.
        current.save(path.name, ContentFile(data), save=True)
    else:
        setattr(obj, field_name, ContentFile(data, name=path.name))  # the model reads the file's facts on save
        obj.save()
    return True


def seed_topics():
    """Create or update the demo topics; returns {English slug: Topic}."""
    return {record["slug"]["en"]: upsert_by_slug(Topic, record) for record in load("core", "topics")}
