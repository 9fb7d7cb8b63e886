"""Social preview images (Open Graph): an item's title and its organisation's logo or monogram, per language.

Drawn with Pillow in DejaVu Sans, which has every letter of the four scripts
(ў, і, ł, ŭ, ë, ç), 1200 × 630 pixels as the networks ask. Made on the first
request and kept in the cache under the item's last change, the logo and the
language, so each is drawn once.
"""

import hashlib
import io
import textwrap
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BRAND, BRAND_DARK, ACCENT, TINT, INK = "#123a5e", "#0b2741", "#b4451f", "#dfeaf5", "#0b2741"
TIMEOUT = 30 * 24 * 3600


def _font(path, size):
    return ImageFont.truetype(str(path), size)


def _title_lines(title, draw, box_width):
    """The title in at most five lines, in the largest size from 64 to 40 pixels that fits."""
    for size in (64, 58, 52, 46, 40):
        font = _font(BOLD, size)
        average = draw.textlength("абвгдежзийклмнопрстуўabcdefghijklmnopqrstuvwxyzëç", font=font) / 51
        lines = textwrap.wrap(title, width=max(8, int(box_width / average)))
        if len(lines) <= 5:
            return font, lines
    lines = textwrap.wrap(title, width=max(8, int(box_width / average)))[:5]
    lines[-1] = lines[-1].rstrip(" ,.;:") + "…"
    return font, lines


def _logo(organisation):
    """The organisation's logo as an RGBA image at most 200 px, or None."""
    logo = getattr(organisation, "logo", None)
    if logo is None or not logo.file:
        return None
    try:
        with logo.file.open("rb") as handle:
            picture = Image.open(handle)
            picture.load()
    except (OSError, ValueError):
        return None
    picture = picture.convert("RGBA")
    picture.thumbnail((200, 200))
    return picture


def _badge(draw, canvas, organisation, left, top):
    """The logo on a white tile, or the monogram in a tinted circle (the site's design, docs/design.md)."""
    size = 220
    picture = _logo(organisation)
    if picture is not None:
        draw.rounded_rectangle((left, top, left + size, top + size), radius=24, fill="white")
        canvas.paste(picture, (left + (size - picture.width) // 2, top + (size - picture.height) // 2), picture)
        return
    monogram = organisation.monogram
    draw.ellipse((left, top, left + size, top + size), fill=TINT)
    for font_size in (72, 60, 48, 40, 32, 26):
        font = _font(BOLD, font_size)
        if draw.textlength(monogram, font=font) <= size - 36:
            break
    draw.text((left + size / 2, top + size / 2), monogram, font=font, fill=BRAND_DARK, anchor="mm")


def render(title, label, organisation=None, site_name=None):
    """PNG bytes: the kind of item (`label`), its title, the organisation's logo or monogram, the site's name."""
    canvas = Image.new("RGB", (WIDTH, HEIGHT), BRAND)
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, HEIGHT - 96, WIDTH, HEIGHT), fill=BRAND_DARK)
    draw.rectangle((0, 0, 16, HEIGHT), fill=ACCENT)
    text_left = 80
    text_width = WIDTH - text_left - (320 if organisation is not None else 80)
    draw.text((text_left, 64), label.upper(), font=_font(BOLD, 28), fill="#f0b429")
    font, lines = _title_lines(title, draw, text_width)
    y = 120
    for line in lines:
        draw.text((text_left, y), line, font=font, fill="white")
        y += int(font.size * 1.2)
    draw.text(
        (text_left, HEIGHT - 48), site_name or settings.SITE_NAME, font=_font(BOLD, 34), fill="white", anchor="lm"
    )
    if organisation is not None:
        _badge(draw, canvas, organisation, WIDTH - 300, 120)
    output = io.BytesIO()
    canvas.save(output, "PNG", optimize=True)
    return output.getvalue()


def cached_render(key_parts, title, label, organisation=None):
    """`render`, made once for `key_parts` (the item, its last change, the logo, the language)."""
    digest = hashlib.sha256(repr((key_parts, title, label)).encode()).hexdigest()[:32]
    key = f"ura:og-image:{digest}"
    png = cache.get(key)
    if png is None:
        png = render(title, label, organisation)
        cache.set(key, png, TIMEOUT)
    return png
