"""Responsive images for templates.

Load with ``{% load image_tags %}``.

``{% image field_file [widths=...] [sizes=...] [alt=...] [class=...] [loading=...] [format=...] %}``
    One ``<img>`` with ``src``, ``srcset`` (resized renditions), ``sizes``,
    ``width``/``height`` (so the page does not jump while loading), ``alt``,
    ``loading`` and ``decoding="async"``. Nothing at all when the field is
    empty or the file cannot be read.

    - ``widths``: candidate widths in pixels, "480,800,1200" (default
      480, 800, 1200, 1600); never wider than the original.
    - ``sizes``: the ``sizes`` attribute, e.g. "(min-width: 60rem) 46rem,
      100vw" (default "100vw").
    - ``alt``: the text alternative in the visitor's language — pass the
      translated field (``alt=item.image_alt``); empty means decorative.
    - ``class``: CSS classes of the ``<img>``.
    - ``loading``: "lazy" (default) or "eager" for the image at the top of
      the page.
    - ``format``: "webp" (default) or "jpeg".

    Examples::

        {% image item.image widths="480,800" sizes="(min-width: 40rem) 20rem, 100vw" alt=item.image_alt class="card-img" %}
        {% image organisation.logo widths="160,320" sizes="10rem" alt=organisation.name %}

``{% image_url field_file [width=1200] [format="jpeg"] %}``
    The URL of one rendition (e.g. for ``og:image``); "" without an image.
    Use ``{% image_url item.image width=1200 as url %}`` to keep it in a variable.
"""

from django import template
from django.utils.html import format_html

from core.images import parse_widths, renditions

register = template.Library()

LOADING = {"lazy", "eager"}


@register.simple_tag
def image(field_file, widths=None, sizes="100vw", alt="", loading="lazy", format="webp", **attrs):
    options = renditions(field_file, parse_widths(widths), format)
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
def image_url(field_file, width=1200, format="webp"):
    options = renditions(field_file, parse_widths([width]), format)
    return options[-1].url if options else ""
