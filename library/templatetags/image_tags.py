"""Responsive images for templates.

Load with ``{% load image_tags %}``.

``{% image library_image [widths=...] [sizes=...] [alt=...] [class=...] [loading=...] [format=...] [kind=...] %}``
    One ``<img>`` with ``src``, ``srcset`` (resized renditions), ``sizes``,
    ``width``/``height`` (so the page does not jump while loading), ``alt``,
    ``loading`` and ``decoding="async"``. Nothing at all when there is no
    image.

    A library image (``library.Image``) brings its renditions, made when it
    was saved: the tag reads their names and sizes from the database and no
    file at all. A plain image field file still works (its renditions are
    made on first use and remembered in the cache).

    - ``widths``: candidate widths in pixels, "480,800,1200" (default
      480, 800, 1200, 1600); never wider than the original.
    - ``sizes``: the ``sizes`` attribute, e.g. "(min-width: 60rem) 46rem,
      100vw" (default "100vw").
    - ``alt``: the text alternative; by default the library image's
      alternative text in the page's language; ``alt=""`` means decorative.
    - ``class``: CSS classes of the ``<img>``.
    - ``loading``: "lazy" (default) or "eager" for the image at the top of
      the page.
    - ``format``: "webp" (default) or "jpeg".
    - ``kind``: "full" (default, the whole image), "card" (3:2, cropped
      around the focal point) or "social" (1200 × 630); library images only.

    Examples::

        {% image item.image widths="480,800" sizes="(min-width: 40rem) 20rem, 100vw" kind="card" class="card-img" %}
        {% image organisation.logo widths="160,320" sizes="10rem" alt=organisation.name %}

``{% image_url library_image [width=1200] [format="jpeg"] [kind="social"] %}``
    The URL of one rendition (e.g. for ``og:image``); "" without an image.
    Use ``{% image_url item.image width=1200 as url %}`` to keep it in a variable.
"""

from django import template
from django.utils.html import format_html

from core.images import parse_widths, renditions

register = template.Library()

LOADING = {"lazy", "eager"}


def image_options(source, widths, fmt="webp", kind="full"):
    """Renditions of a library image (recorded) or of an image field file (made on first use)."""
    if not source:
        return []
    if hasattr(source, "renditions_for"):
        return source.renditions_for(kind, widths, fmt)
    return renditions(source, parse_widths(widths), fmt)


@register.simple_tag
def image(source, widths=None, sizes="100vw", alt=None, loading="lazy", format="webp", kind="full", **attrs):
    options = image_options(source, widths, format, kind)
    if alt is None:
        alt = getattr(source, "alt_text", "")
    if not options:
        return ""
    largest = options[-1]
    default = next((option for option in options if option.width >= 800), largest)
    srcset = ", ".join(f"{option.url} {option.width}w" for option in options)
    css_class = attrs.get("class", "")
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" loading="{}" decoding="async"{}>',
        default.url,
        srcset,
        sizes or "100vw",
        largest.width,
        largest.height,
        alt or "",
        loading if loading in LOADING else "lazy",
        format_html(' class="{}"', css_class) if css_class else "",
    )


@register.simple_tag
def image_url(source, width=1200, format="webp", kind="full"):
    options = image_options(source, [width], format, kind)
    return options[-1].url if options else ""
