"""Regenerate the slugs that the 2026 romanisation writes differently, keeping the old ones.

Until 2026 core.text wrote х as "ch" (the same as ч) and dropped dashes ("14–15" gave
"1415"). A data migration of each content app calls ``reslug`` for its models: a slug
that was generated from its title by the old rules (the title's old slug, possibly with
a "-2" suffix) is generated again by today's rules; an editor's own slug is left alone.
Each replaced slug is kept as a core.SlugAlias, which the detail pages answer with a 301.
"""

import re
import unicodedata

from django.conf import settings

from core.text import BELARUSIAN_TO_LATIN, slugify_any

_LEGACY_TABLE = {**BELARUSIAN_TO_LATIN, "х": "ch"}
_VOWELS = set("аеёіиоуўыэюя")
_IOTATED = {"е": "je", "ё": "jo", "ю": "ju", "я": "ja"}


def legacy_slugify(text, max_length=80):
    """core.text.slugify_any as it was before 2026 (frozen here for the migrations)."""
    out, previous = [], ""
    for char in str(text):
        lower = char.lower()
        if lower in _IOTATED and (not previous or previous in _VOWELS or previous in "ьў’'ʼ" or not previous.isalpha()):
            latin = _IOTATED[lower]
        else:
            latin = _LEGACY_TABLE.get(lower, char)
        out.append(latin)
        previous = lower
    text = unicodedata.normalize("NFKD", "".join(out))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(text) > max_length:
        text = text[:max_length].rsplit("-", 1)[0] or text[:max_length]
    return text.strip("-")


def reslug(apps, app_label, model_name, source_field="title", max_length=80):
    languages = [code for code, _name in settings.LANGUAGES]
    model = apps.get_model(app_label, model_name)
    content_type_model = apps.get_model("contenttypes", "ContentType")
    alias_model = apps.get_model("core", "SlugAlias")
    content_type, _created = content_type_model.objects.get_or_create(app_label=app_label, model=model_name.lower())
    manager = model._base_manager
    for obj in manager.order_by("pk").iterator():  # the oldest item keeps the plain slug
        changed = []
        for code in languages:
            slug_field, source = f"slug_{code}", getattr(obj, f"{source_field}_{code}", "") or ""
            old = getattr(obj, slug_field, "") or ""
            if not old or not source:
                continue
            legacy = legacy_slugify(source, max_length)
            if old != legacy and not re.fullmatch(re.escape(legacy) + r"-\d+", old):
                continue  # chosen by an editor
            base = slugify_any(source, max_length)
            if not base or base == legacy:
                continue
            candidate, number = base, 2
            while manager.exclude(pk=obj.pk).filter(**{slug_field: candidate}).exists():
                candidate, number = f"{base}-{number}", number + 1
            setattr(obj, slug_field, candidate)
            alias_model.objects.get_or_create(content_type=content_type, object_id=obj.pk, language=code, slug=old)
            changed.append(slug_field)
        if changed:
            obj.save(update_fields=changed)
