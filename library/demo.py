"""Demo images: the content apps' demo pictures go into the library once, with their texts.

``demo_image(path, texts)`` finds the library image made from the file at
`path` (same name, same bytes) or makes it, and brings its alternative text,
caption and credit up to date; running it again changes nothing.
"""

from django.core.files.base import ContentFile

from core.demo import expand
from library.models import Image


def demo_image(path, texts):
    """The library image of the demo file `path`; `texts` like {"alt_text": {"be": ...}, "credit": "Ura"}."""
    data = path.read_bytes()
    values = expand({name: value if isinstance(value, dict) else value or "" for name, value in texts.items()})
    for name in ("credit",):
        if isinstance(texts.get(name), str):  # an untranslated credit is the same in every language
            values.update({f"{name}_{code}": texts[name] for code in ("be", "sq", "en")})
    for image in Image.objects.filter(file__endswith=f"/{path.name}"):
        if image.file.storage.exists(image.file.name):
            with image.file.open("rb") as handle:
                same = handle.read() == data
            if same:
                changed = [name for name, value in values.items() if getattr(image, name) != value]
                if changed:
                    for name in changed:
                        setattr(image, name, values[name])
                    image.save(update_fields=changed)
                return image
    image = Image(**values)
    # Written as it is (the demo pictures carry no metadata), so that the comparison above holds.
    image.file.save(path.name, ContentFile(data), save=False)
    image.save()
    return image
