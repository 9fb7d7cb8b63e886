"""Images: validated uploads, metadata stripped, resized renditions.

Uploads
    ``validate_image`` (an ImageField validator) accepts a file only when
    Pillow can open and fully decode it as JPEG, PNG, WebP or GIF, it is not
    larger than ``IMAGE_MAX_BYTES`` and it does not have more than
    ``IMAGE_MAX_PIXELS`` pixels (decompression bombs). Animated GIF and WebP
    files may have at most ``IMAGE_MAX_FRAMES`` frames and
    ``IMAGE_MAX_ANIMATION_PIXELS`` pixels in all frames together, which bounds
    the time re-encoding them takes.

    Every new file of the image library is re-encoded before it is written
    to storage (``strip_metadata``, called by ``library.models.Image.save()``;
    the library holds every image of the site). Re-encoding applies the EXIF orientation
    and writes the pixels only: EXIF (camera, GPS position, time), XMP, IPTC
    and comments are left behind. The people in these photos may be at risk;
    nothing about where or when a picture was taken leaves the editor's
    computer.

Renditions
    ``renditions(field_file, widths)`` returns resized copies (WebP by
    default) of an image, never wider than the original, written once under
    ``MEDIA_ROOT/renditions/`` and remembered in the cache. Templates use the
    ``image`` tag from ``library/templatetags/image_tags.py``::

        {% load image_tags %}
        {% image item.image widths="480,800,1200" sizes="(min-width: 60rem) 46rem, 100vw" alt=item.image_alt class="hero-image" %}

    which writes one ``<img>`` with ``src``, ``srcset``, ``sizes``, ``width``,
    ``height``, ``alt``, ``loading="lazy"`` and ``decoding="async"``; see the
    tag module for every option.
"""

import hashlib
import io
import logging
import posixpath
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

ALLOWED_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
DEFAULT_WIDTHS = (480, 800, 1200, 1600)
RENDITION_DIR = "renditions"
RENDITION_FORMATS = {"webp": "WEBP", "jpeg": "JPEG", "jpg": "JPEG"}
CACHE_SECONDS = 24 * 3600


# --- Validation ------------------------------------------------------------------


def validate_image(upload):
    """Validator for ImageField values; raises a translated ValidationError.

    In steps: the file's size, then what the image says of itself (pixels,
    format, frames) before a pixel is decoded, then the decoding itself. Files
    already in storage were checked when they were uploaded; forms re-run
    validators on every save, so those are not opened again.
    """
    if upload is None or getattr(upload, "_committed", False):
        return
    check_file_size(upload)
    try:
        position = upload.tell()
    except (AttributeError, OSError, ValueError):
        position = None
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            check_dimensions(image)
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("The image has too many pixels."), code="image_too_many_pixels") from None
    except Exception:
        raise ValidationError(
            _("The file is not a valid image. Upload a JPEG, PNG, WebP or GIF image."),
            code="invalid_image",
        ) from None
    finally:
        if position is not None:
            upload.seek(position)


def check_file_size(upload):
    size = getattr(upload, "size", None)
    if size is not None and size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            # Translators: %(size)s and %(limit)s are file sizes with their unit ("3,2 MB"), in the nominative
            _("The image is %(size)s; the limit is %(limit)s."),
            code="image_too_large",
            params={
                "size": filesizeformat(size),
                "limit": filesizeformat(settings.IMAGE_MAX_BYTES),
            },
        )


def check_dimensions(image):
    """Pixels, format and frames as the opened (not yet decoded) `image` states them."""
    width, height = image.size
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise ValidationError(
            ngettext_lazy(
                # Translators: the plural form follows %(limit)s, the largest number of pixels allowed.
                "The image is %(width)s × %(height)s pixels; it may have at most %(limit)s pixel.",
                "The image is %(width)s × %(height)s pixels; it may have at most %(limit)s pixels.",
                "limit",
            ),
            code="image_too_many_pixels",
            params={"width": width, "height": height, "limit": settings.IMAGE_MAX_PIXELS},
        )
    if image.format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(_("Upload a JPEG, PNG, WebP or GIF image."), code="image_format")
    # Animations cost every frame when they are re-encoded: count them all.
    frames = getattr(image, "n_frames", 1)
    if frames > settings.IMAGE_MAX_FRAMES or frames * width * height > settings.IMAGE_MAX_ANIMATION_PIXELS:
        raise ValidationError(
            _(
                # Translators: %(frames)s is the number of frames of an animated image; %(width)s × %(height)s
                # its size in pixels; %(max_frames)s and %(limit)s are limits. Phrase it so that no noun has to
                # agree with a number ("Frames: %(frames)s")
                "The animation has %(frames)s frames of %(width)s × %(height)s pixels; it may have at most "
                "%(max_frames)s frames and %(limit)s pixels in all frames together."
            ),
            code="image_too_many_frames",
            params={
                "frames": frames,
                "width": width,
                "height": height,
                "max_frames": settings.IMAGE_MAX_FRAMES,
                "limit": settings.IMAGE_MAX_ANIMATION_PIXELS,
            },
        )


# --- Metadata stripping ------------------------------------------------------------


def _encode(image, fmt):
    """`image` encoded as `fmt` with pixels (and colour profile) only."""
    buffer = io.BytesIO()
    icc = image.info.get("icc_profile")
    options = {"icc_profile": icc} if icc and fmt in {"JPEG", "PNG", "WEBP"} else {}
    if fmt == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(buffer, "JPEG", quality=88, optimize=True, progressive=True, **options)
    elif fmt == "PNG":
        image.save(buffer, "PNG", optimize=True, **options)
    elif fmt == "WEBP":
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if image.has_transparency_data else "RGB")
        image.save(buffer, "WEBP", quality=82, method=4, **options)
    else:  # GIF: first frame only when not animated, every frame otherwise
        image.save(buffer, "GIF", save_all=getattr(image, "is_animated", False))
    return buffer.getvalue()


def strip_metadata(file, name=None):
    """Re-encode the image in `file` without metadata.

    Returns a ContentFile named like the original (with the extension that
    matches the real format), or None when the file is not an image Pillow
    can decode (validation rejects those before they get this far).
    """
    name = name or getattr(file, "name", "") or "image"
    try:
        file.seek(0)
        with Image.open(file) as source:
            fmt = source.format
            if fmt not in ALLOWED_IMAGE_FORMATS:
                return None
            if fmt == "GIF" and getattr(source, "is_animated", False):
                source.info.pop("comment", None)
                source.info.pop("extension", None)
                data = _encode(source, fmt)
            else:
                source.load()
                image = ImageOps.exif_transpose(source)
                image.info = {key: value for key, value in source.info.items() if key == "icc_profile"}
                if fmt == "GIF" and "transparency" in source.info:
                    image.info["transparency"] = source.info["transparency"]
                data = _encode(image, fmt)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        logger.warning("Could not re-encode %s to strip its metadata", name)
        return None
    finally:
        try:
            file.seek(0)
        except (OSError, ValueError):
            pass
    root, _ext = posixpath.splitext(posixpath.basename(name))
    return ContentFile(data, name=f"{root}.{EXTENSIONS[fmt]}")


# --- Renditions --------------------------------------------------------------------


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


def parse_widths(widths):
    """ "480,800" or [480, 800] -> (480, 800); anything unusable -> the defaults."""
    if isinstance(widths, str):
        widths = widths.replace(" ", "").split(",")
    try:
        parsed = tuple(sorted({int(width) for width in widths or ()}))
    except (TypeError, ValueError):
        return DEFAULT_WIDTHS
    parsed = tuple(width for width in parsed if 16 <= width <= 4000)
    return parsed or DEFAULT_WIDTHS


def _rendition_name(name, width, fmt):
    root, _ext = posixpath.splitext(name)
    return f"{RENDITION_DIR}/{root}-{width}w.{EXTENSIONS[fmt]}"


def _generate(field_file, widths, fmt):
    storage = field_file.storage
    source_time = storage.get_modified_time(field_file.name)
    with storage.open(field_file.name, "rb") as handle, Image.open(handle) as source:
        if source.width * source.height > settings.IMAGE_MAX_PIXELS:
            raise ValueError("image has too many pixels")
        source.load()
        icc = source.info.get("icc_profile")
        image = ImageOps.exif_transpose(source)
        if image.mode not in ("RGB", "RGBA", "L"):
            image = image.convert("RGBA" if image.has_transparency_data else "RGB")
        original_width, original_height = image.size
        targets = sorted({min(width, original_width) for width in widths})
        result = []
        for width in targets:
            height = max(1, round(original_height * width / original_width))
            name = _rendition_name(field_file.name, width, fmt)
            if storage.exists(name) and storage.get_modified_time(name) < source_time:
                storage.delete(name)  # the original was replaced under the same name
            if not storage.exists(name):
                resized = image if width == original_width else image.resize((width, height), Image.LANCZOS)
                resized.info = {"icc_profile": icc} if icc else {}
                name = storage.save(name, ContentFile(_encode(resized, fmt)))
            result.append((name, width, height))
    return result


def renditions(field_file, widths=DEFAULT_WIDTHS, fmt="webp"):
    """Resized copies of the image in `field_file`, smallest first.

    Each is a Rendition(url, width, height); none is wider than the original.
    Files are written the first time they are asked for and remembered in the
    cache; an unreadable or missing original gives an empty list.
    """
    if not field_file or not getattr(field_file, "name", ""):
        return []
    widths = parse_widths(widths)
    fmt = RENDITION_FORMATS.get(str(fmt).lower(), "WEBP")
    digest = hashlib.sha1(f"{field_file.name}|{widths}|{fmt}".encode(), usedforsecurity=False).hexdigest()
    key = f"ura:renditions:{digest}"
    entries = cache.get(key)
    if entries is None:
        try:
            entries = _generate(field_file, widths, fmt)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            logger.warning("Could not make renditions of %s", field_file.name, exc_info=True)
            return []
        cache.set(key, entries, CACHE_SECONDS)
    storage = field_file.storage
    return [Rendition(storage.url(name), width, height) for name, width, height in entries]


# --- Renditions made once, with a focal point --------------------------------------


def focal_crop_box(width, height, ratio, focal_x=0.5, focal_y=0.5):
    """The largest box of aspect `ratio` (width / height) inside width × height, centred on the focal point.

    The focal point is given as fractions (0–1) of the width and height; the
    box keeps it as near the centre as the edges allow. Without a ratio the
    whole image is the box.
    """
    if not ratio:
        return (0, 0, width, height)
    if width / height > ratio:  # too wide: cut the sides
        box_width, box_height = max(1, round(height * ratio)), height
    else:  # too tall: cut top and bottom
        box_width, box_height = width, max(1, round(width / ratio))
    left = min(max(round(focal_x * width - box_width / 2), 0), width - box_width)
    top = min(max(round(focal_y * height - box_height / 2), 0), height - box_height)
    return (left, top, left + box_width, top + box_height)


def open_source(storage, name):
    """The image `name` from `storage`, decoded, oriented and in a mode every rendition format takes."""
    with storage.open(name, "rb") as handle, Image.open(handle) as source:
        if source.width * source.height > settings.IMAGE_MAX_PIXELS:
            raise ValueError("image has too many pixels")
        source.load()
        icc = source.info.get("icc_profile")
        image = ImageOps.exif_transpose(source)
        if image.mode not in ("RGB", "RGBA", "L"):
            image = image.convert("RGBA" if image.has_transparency_data else "RGB")
        image.info = {"icc_profile": icc} if icc else {}
        return image


def render_rendition(image, width, ratio=None, focal=(0.5, 0.5), fmt="WEBP"):
    """(bytes, width, height) of `image` cropped to `ratio` around `focal` and no wider than `width`."""
    box = focal_crop_box(image.width, image.height, ratio, *focal)
    cropped = image.crop(box) if box != (0, 0, image.width, image.height) else image
    width = min(width, cropped.width)
    height = max(1, round(cropped.height * width / cropped.width))
    resized = cropped if width == cropped.width else cropped.resize((width, height), Image.LANCZOS)
    resized.info = dict(image.info)
    return _encode(resized, fmt), width, height
