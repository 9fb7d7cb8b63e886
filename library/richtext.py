"""Library images in rich text, as pages show them.

The editor stores an image from the library as ``<img src="…" alt="…"
data-file="<id>">``, usually in a ``<figure>`` with a caption (the editor's
own Figure extension and the picker, ``ImageAdmin.pick_view``). A page shows
it through the image's recorded renditions (``srcset``, lazy-loaded), with
the library's alternative text, caption and credit in the page's language
wherever the body does not give its own. An image that is no longer in the
library, or one that never was, is left out.
"""

import re

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext

from library.models import Image
from library.templatetags.image_tags import image as image_tag

# A figure with its image and caption, or an image on its own.
FIGURE_OR_IMAGE = re.compile(
    r'<figure(?: class="(?P<cls>[^"]*)")?>\s*(?P<img><img\b[^>]*>)\s*(?:<figcaption>(?P<caption>.*?)</figcaption>)?\s*</figure>'
    r"|(?P<lone><img\b[^>]*>)",
    re.S,
)
FILE_ID = re.compile(r'\bdata-file="(\d+)"')
ALT = re.compile(r'\balt="([^"]*)"')

# How each width choice is drawn: renditions to offer and the `sizes` that tell the browser which to take.
LAYOUTS = {
    "figure-left": ("480,800", "(min-width: 40rem) 18rem, 100vw"),
    "figure-right": ("480,800", "(min-width: 40rem) 18rem, 100vw"),
}
WIDE = ("480,800,1200,1600", "(min-width: 72rem) 46rem, (min-width: 48rem) 62vw, 100vw")


def _image_html(tag, images, layout):
    match = FILE_ID.search(tag)
    image = images.get(int(match.group(1))) if match else None
    if image is None:
        return None, None
    alt = ALT.search(tag)
    alt_text = alt.group(1) if alt and alt.group(1).strip() else None  # already escaped by the sanitiser
    widths, sizes = layout
    html = image_tag(image, widths=widths, sizes=sizes, alt=mark_safe(alt_text) if alt_text else None)
    return html, image


def _credit(image):
    if not image.credit:
        return ""
    return format_html(
        ' <span class="credit">{}</span>',
        # Translators: who took the photo or made the picture, under an image ("Image: Ana Hoxha")
        pgettext("image credit", "Image: %(credit)s") % {"credit": image.credit},
    )


def with_library_images(html):
    """`html` (sanitised rich text) with its library images drawn from their renditions; one query."""
    ids = {int(found) for found in FILE_ID.findall(html)}
    if not ids and "<img" not in html:
        return mark_safe(html)  # sanitised by the caller (core.richtext)
    images = Image.objects.in_bulk(ids) if ids else {}

    def figure(match):
        if match.group("lone"):
            return _image_html(match.group("lone"), images, WIDE)[0] or ""
        css_class = match.group("cls") or "figure"
        drawn, image = _image_html(match.group("img"), images, LAYOUTS.get(css_class, WIDE))
        if drawn is None:
            return ""
        caption = match.group("caption") or ""
        if not caption.strip() and image.caption:
            caption = format_html("{}", image.caption)
        caption = f"{caption}{_credit(image)}".strip()
        return format_html(
            '<figure class="body-figure {}">{}{}</figure>',
            css_class,
            drawn,
            format_html("<figcaption>{}</figcaption>", mark_safe(caption)) if caption else "",
        )

    html = FIGURE_OR_IMAGE.sub(figure, html)
    return mark_safe(html)  # sanitised by the caller; what is added here is escaped
