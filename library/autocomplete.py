"""The chooser's dropdown: a library image is labelled with its size and a missing alternative text."""

from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.utils.translation import get_language, gettext

from library.models import Image

LANGUAGES = ("be", "sq", "en")


def chooser_label(image):
    """What the chooser's dropdown says of a library image: its text, its size, and a missing alternative text."""
    label = str(image)
    if image.width and image.height:
        # Translators: an image's label in the chooser, then its width × height in pixels.
        label = gettext("%(label)s · %(width)d×%(height)d px") % {
            "label": label,
            "width": image.width,
            "height": image.height,
        }
    code = get_language()
    if not (getattr(image, f"alt_text_{code}") if code in LANGUAGES else image.alt_text):
        # Translators: said of an image in the chooser whose alternative text is empty in this language.
        label = gettext("%(label)s · no alternative text") % {"label": label}
    return label


class ChooserAutocompleteJsonView(AutocompleteJsonView):
    """The admin's autocomplete, where a library image is labelled with its size and missing alternative text."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, Image):
            result["text"] = chooser_label(obj)
        return result
