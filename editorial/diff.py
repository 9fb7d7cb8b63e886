"""Readable differences between two saved states of an item, and the tokens that identify a state.

Used by the history pages (compare, restore), the concurrency check of the
change form and the dashboard.
"""

import datetime

from django.db import models
from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext
from reversion import is_registered

# Private, but the only way to read which relations a model's versions follow; pinned by the history tests.
from core import i18n
from core.richtext import RichTextField, sanitize_html
from editorial.compat import followed_relations

IGNORED_FIELDS = {"created_at", "updated_at", "translation_sources"}


def _datetime_token(value):
    # Milliseconds: the precision at which reversion serialises the save time.
    return value.astimezone(datetime.UTC).isoformat(timespec="milliseconds") if value else ""


def version_token(obj):
    """What identifies the saved state an editor loaded: the last save time."""
    return _datetime_token(getattr(obj, "updated_at", None))


def token_of_version(version):
    try:
        updated_at = version.field_dict.get("updated_at")
    except Exception:  # a version of an older model shape
        return None
    return _datetime_token(updated_at) or None


def compared_fields(model):
    """(field, language or "") for every field an editor can change."""
    translated = i18n.translated_fields(model)
    pairs = []
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False) or field.auto_created or not field.editable:
            continue
        if field.name in IGNORED_FIELDS or getattr(field, "translated_field", None) is not None:
            continue
        if field.name in translated:
            for code in i18n.LANGUAGE_CODES:
                pairs.append((model._meta.get_field(f"{field.name}_{code}"), code, field))
        else:
            pairs.append((field, "", field))
    return pairs


def state_of(obj):
    """The field values of a saved item, in the shape of reversion's `field_dict`."""
    state = {}
    for field, _code, _original in compared_fields(type(obj)):
        if field.many_to_many:
            state[field.attname] = [rel.pk for rel in getattr(obj, field.name).all()]
        else:
            state[field.attname] = getattr(obj, field.attname)
    return state


def related_state_of(obj):
    """{verbose name plural: [str]} for the inline objects that reversion follows."""
    related = {}
    if not is_registered(type(obj)):
        return related
    for accessor in followed_relations(type(obj)):
        manager = getattr(obj, accessor, None)
        if manager is None or not hasattr(manager, "all"):
            continue
        related[str(manager.model._meta.verbose_name_plural)] = [str(item) for item in manager.all()]
    return related


def _followed_model(model, accessor):
    for rel in model._meta.related_objects:
        if rel.get_accessor_name() == accessor:
            return rel.related_model
    return None


def related_state_of_version(version):
    """The same as `related_state_of`, from the objects saved in the version's revision."""
    related = {}
    model = version.content_type.model_class()
    if not is_registered(model):
        return related
    for accessor in followed_relations(model):
        related_model = _followed_model(model, accessor)
        if related_model is None:
            continue
        related[str(related_model._meta.verbose_name_plural)] = [
            other.object_repr
            for other in version.revision.version_set.all()
            if other.content_type.model_class() is related_model
        ]
    return related


def comparable(field, value):
    """A value as it compares: rich text as stored (sanitised), line ends and outer spaces ignored."""
    value = _normalise(field, value)
    if isinstance(field, RichTextField):
        value = sanitize_html(value or "")
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").strip()
    return value


def display(field, value):
    return _display(field, _normalise(field, value))


def _normalise(field, value):
    if field.many_to_many:
        return sorted(str(pk) for pk in (value or []))
    if isinstance(field, models.FileField):
        return str(value or "")
    if value is None and (field.null or isinstance(field, (models.CharField, models.TextField))):
        return ""
    return value


def _display(field, value):
    """A short, readable, escaped-later text for a value."""
    if field.many_to_many:
        if not value:
            return "—"
        objects = field.related_model._base_manager.filter(pk__in=value)
        return "; ".join(str(item) for item in objects) or "—"
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        item = field.related_model._base_manager.filter(pk=value).first()
        return str(item) if item else str(value)
    if isinstance(field, models.BooleanField):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    text = strip_tags(str(value)).replace("\xa0", " ").strip()
    return Truncator(" ".join(text.split())).chars(300) or "—"


def diff_states(model, before, after, related_before=None, related_after=None):
    """[{label, language, before, after}] for every field that differs."""
    changes = []
    for field, code, original in compared_fields(model):
        if field.attname not in before and field.attname not in after:
            continue
        old = _normalise(field, before.get(field.attname))
        new = _normalise(field, after.get(field.attname))
        if old == new:
            continue
        changes.append(
            {
                "label": capfirst(original.verbose_name),
                "language": i18n.language_name(code) if code else "",
                "before": _display(field, old),
                "after": _display(field, new),
            }
        )
    for label, items in (related_after or {}).items():
        old_items = (related_before or {}).get(label, [])
        if sorted(old_items) != sorted(items):
            changes.append(
                {
                    "label": capfirst(label),
                    "language": "",
                    "before": "; ".join(old_items) or "—",
                    "after": "; ".join(items) or "—",
                }
            )
    return changes


def version_changes(version, previous):
    """What `version` changed compared with `previous` (None: the first version)."""
    before = previous.field_dict if previous is not None else {}
    related_before = related_state_of_version(previous) if previous is not None else {}
    return diff_states(
        version.content_type.model_class(),
        before,
        version.field_dict,
        related_before,
        related_state_of_version(version),
    )
