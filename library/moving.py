"""Moving images that items stored themselves into the library (used by the content apps' migrations).

``move_into_library`` turns every file of an image field into one library
image (a file used twice becomes one image), copies the texts the item kept
about it (alternative text, caption, credit, per language), points the item
at it and rewrites the item's saved versions (django-reversion) the same way,
so that the history stays readable and an old version can still be restored.
``move_out_of_library`` does the reverse for the migration's way back. The
files themselves stay where they are.
"""

import json

from PIL import Image as PILImage

from library.models import make_renditions

LANGUAGES = ("be", "sq", "en")


def _size(storage, name):
    try:
        with storage.open(name, "rb") as handle, PILImage.open(handle) as image:
            return image.size
    except (OSError, ValueError, SyntaxError, PILImage.DecompressionBombError):
        return (None, None)


def library_image(apps, name, texts, found):
    """The library image of the file `name` (made once, with `texts` {field_lang: text}); None without a file."""
    if not name:
        return None
    Image = apps.get_model("library", "Image")
    image = found[name] if name in found else Image.objects.filter(file=name).first()
    if image is not None:
        # The same file used by several items: the first texts found for each field and language stay.
        missing = {field: text for field, text in texts.items() if text and not getattr(image, field)}
        if missing:
            for field, text in missing.items():
                setattr(image, field, text)
            image.save(update_fields=list(missing))
    else:
        storage = Image._meta.get_field("file").storage
        if not storage.exists(name):
            found[name] = None
            return None
        width, height = _size(storage, name)
        image = Image(file=name, width=width, height=height, **{k: v or "" for k, v in texts.items()})
        image.save()
        image.renditions = make_renditions(storage, name)
        Image.objects.filter(pk=image.pk).update(renditions=image.renditions)
    found[name] = image
    return image


def _texts(values, alt=None, caption=None, credit=None):
    """{alt_text_be: ..., ...} from the item's own fields (`alt` is a field name with per-language copies)."""
    texts = {}
    for target, source in (("alt_text", alt), ("caption", caption)):
        if source:
            for code in LANGUAGES:
                texts[f"{target}_{code}"] = values.get(f"{source}_{code}") or ""
            texts[target] = values.get(source) or texts.get(f"{target}_en", "")
    if credit:
        for code in LANGUAGES:
            texts[f"credit_{code}"] = values.get(credit) or ""
        texts["credit"] = values.get(credit) or ""
    return texts


def _versions(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
    if content_type is None:
        return Version.objects.none()
    return Version.objects.filter(content_type=content_type, format="json")


def move_into_library(apps, app_label, model, old, new, alt=None, caption=None, credit=None, removed=()):
    """Point `new` (a ForeignKey to the library) at a library image of the file in `old`.

    `alt`, `caption`, `credit` name the item's fields whose text goes to the
    library image; `removed` lists every field name that the migration drops
    (taken out of the saved versions too).
    """
    Model = apps.get_model(app_label, model)
    found = {}
    names = [f for f in (alt, caption) if f]
    value_fields = ["pk", old, *names, *(f"{n}_{code}" for n in names for code in LANGUAGES)]
    if credit:
        value_fields.append(credit)
    for values in Model.objects.exclude(**{old: ""}).values(*value_fields).iterator():
        image = library_image(apps, values[old], _texts(values, alt, caption, credit), found)
        if image is not None:
            Model.objects.filter(pk=values["pk"]).update(**{new: image})
    for version in _versions(apps, app_label, model).iterator():
        data = json.loads(version.serialized_data)
        for entry in data:
            fields = entry.get("fields", {})
            image = library_image(apps, fields.get(old) or "", _texts(fields, alt, caption, credit), found)
            for name in {old, *removed}:
                fields.pop(name, None)
            fields[old] = image.pk if image else None
        version.serialized_data = json.dumps(data, ensure_ascii=False)
        version.save(update_fields=["serialized_data"])


def move_out_of_library(apps, app_label, model, old, new, alt=None, credit=None):
    """The way back: the item's own image field and texts from its library image."""
    Model = apps.get_model(app_label, model)
    Image = apps.get_model("library", "Image")
    for item in Model.objects.exclude(**{f"{new}__isnull": True}).select_related(new).iterator():
        image = getattr(item, new)
        setattr(item, old, image.file.name)
        if alt:
            for code in LANGUAGES:
                setattr(item, f"{alt}_{code}", getattr(image, f"alt_text_{code}"))
            setattr(item, alt, image.alt_text)
        if credit:
            setattr(item, credit, image.credit_en or image.credit)
        item.save()
    images = {image.pk: image for image in Image.objects.all()}
    for version in _versions(apps, app_label, model).iterator():
        data = json.loads(version.serialized_data)
        for entry in data:
            fields = entry.get("fields", {})
            image = images.get(fields.get(old))
            fields[old] = image.file.name if image else ""
            if alt:
                for code in LANGUAGES:
                    fields[f"{alt}_{code}"] = getattr(image, f"alt_text_{code}", "") if image else ""
                fields[alt] = image.alt_text if image else ""
            if credit:
                fields[credit] = (image.credit_en or image.credit) if image else ""
        version.serialized_data = json.dumps(data, ensure_ascii=False)
        version.save(update_fields=["serialized_data"])
