"""Image uploads: validated before they are stored.

A file is accepted only when Pillow can open and fully decode it as JPEG,
PNG, WebP or GIF, it is not larger than ``IMAGE_MAX_BYTES`` and it does not
have more than ``IMAGE_MAX_PIXELS`` pixels (decompression bombs).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image

ALLOWED_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_image(upload):
    """Validator for ImageField values; raises a translated ValidationError."""
    if upload is None:
        return
    size = getattr(upload, "size", None)
    if size is not None and size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            _("The image is %(size)s; the limit is %(limit)s."),
            code="image_too_large",
            params={
                "size": filesizeformat(size),
                "limit": filesizeformat(settings.IMAGE_MAX_BYTES),
            },
        )
    position = upload.tell() if hasattr(upload, "tell") else None
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            width, height = image.size
            if width * height > settings.IMAGE_MAX_PIXELS:
                raise ValidationError(
                    _("The image is %(width)s × %(height)s pixels; it may have at most %(limit)s pixels."),
                    code="image_too_many_pixels",
                    params={"width": width, "height": height, "limit": settings.IMAGE_MAX_PIXELS},
                )
            if image.format not in ALLOWED_IMAGE_FORMATS:
                raise ValidationError(
                    _("Upload a JPEG, PNG, WebP or GIF image."), code="image_format"
                )
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("The image has too many pixels."), code="image_too_many_pixels")
    except Exception:
        raise ValidationError(
            _("The file is not a valid image. Upload a JPEG, PNG, WebP or GIF image."),
            code="invalid_image",
        )
    finally:
        if position is not None:
            upload.seek(position)
