"""The image library: each image is stored once and chosen by news, galleries, partners and pages.

An ``Image`` keeps the file, its size, its alternative text, caption and
credit (translated in ``translation.py``) and a focal point: the spot, as
fractions of the width and height, that every cropped rendition keeps in
view.

Renditions are made once, when an image is saved with a new file or a new
focal point (``Image.save``), written next to the original through the
storage API and recorded in ``renditions``, so a page render reads only the
database: ``Image.renditions_for(kind, widths, fmt)`` gives their URLs and
sizes. The kinds are in ``KINDS``; templates ask for one with the
``image`` tag (``{% image item.image kind="card" %}``).
"""

import logging
import posixpath
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage

from core.compat import is_new_upload
from core.images import (
    EXTENSIONS,
    Rendition,
    open_source,
    parse_widths,
    render_rendition,
    renditions,
    strip_metadata,
    validate_image,
)
from core.text import absolute_url

logger = logging.getLogger(__name__)

# kind: (aspect ratio or None for the whole image, widths, formats)
KINDS = {
    "full": (None, (160, 320, 480, 800, 1200, 1600), ("WEBP",)),
    "full-jpeg": (None, (600, 1200), ("JPEG",)),
    "card": (3 / 2, (480, 800), ("WEBP",)),
    "social": (1200 / 630, (1200,), ("JPEG",)),
}
FORMAT_NAMES = {"webp": "WEBP", "jpeg": "JPEG", "jpg": "JPEG"}


def library_upload_to(instance, filename):
    # Images may belong to items that are not published yet: their address cannot be guessed.
    return f"library/{timezone.now():%Y}/{secrets.token_urlsafe(16)}/{filename}"


def rendition_key(kind, fmt):
    return f"{kind}.{fmt.lower()}"


def make_renditions(storage, name, focal_x=0.5, focal_y=0.5, previous=None):
    """Write the renditions of KINDS of the image `name` next to it; returns what to record.

    The names carry the focal point, so a new focal point gives new files
    (and new URLs, which caches cannot confuse with the old ones); the
    previous renditions that are not made again are deleted. Migrations call
    this too, with the storage of the historical model.
    """
    old = [entry[0] for entries in (previous or {}).values() for entry in entries]
    made = {}
    try:
        source = open_source(storage, name)
    except (OSError, ValueError, SyntaxError, PILImage.DecompressionBombError):
        logger.warning("Could not make renditions of %s", name, exc_info=True)
        # An unreadable source (a storage hiccup, a damaged file) must not cost the image the
        # renditions it has: keep them, and keep their files.
        return previous or {}
    if source is not None:
        root, _ext = posixpath.splitext(name)
        # Per mille, the precision the focal point is compared at: another point, other file names.
        tag = f"{round(focal_x * 1000):03d}{round(focal_y * 1000):03d}"
        for kind, (ratio, widths, formats) in KINDS.items():
            for fmt in formats:
                entries, seen = [], set()
                for width in widths:
                    data, real_width, real_height = render_rendition(source, width, ratio, (focal_x, focal_y), fmt)
                    if real_width in seen:
                        continue  # the original is narrower than this width: one copy is enough
                    seen.add(real_width)
                    target = f"{root}-{kind}-{real_width}w-{tag}.{EXTENSIONS[fmt]}"
                    if storage.exists(target):
                        storage.delete(target)
                    entries.append([storage.save(target, ContentFile(data)), real_width, real_height, len(data)])
                made[rendition_key(kind, fmt)] = entries
    keep = {entry[0] for entries in made.values() for entry in entries}
    for stale in old:
        if stale not in keep:
            storage.delete(stale)
    return made


class Image(models.Model):
    file = models.ImageField(
        _("file"),
        upload_to=library_upload_to,
        max_length=255,
        validators=[validate_image],
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(_("width"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True, editable=False)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("credit"), max_length=120, blank=True, help_text=_("Who took the photo or made the picture.")
    )
    focal_x = models.FloatField(
        _("focal point, across"),
        default=0.5,
        help_text=_("0 is the left edge, 1 the right edge. Click on the image to set it."),
    )
    focal_y = models.FloatField(
        _("focal point, down"),
        default=0.5,
        help_text=_("0 is the top edge, 1 the bottom edge. Click on the image to set it."),
    )
    renditions = models.JSONField(_("renditions"), default=dict, blank=True, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: image “…”")
        verbose_name = _("image")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete: images")
        verbose_name_plural = _("images")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="library_image_focal_point_inside",
            ),
        ]

    def __str__(self):
        label = self.alt_text or self.caption or posixpath.basename(self.file.name or "")
        return label or str(_("image"))

    def save(self, *args, **kwargs):
        if self.file and is_new_upload(self.file):
            # A new upload is stored without its EXIF, XMP and IPTC (where and when it was taken).
            cleaned = strip_metadata(self.file.file, self.file.name)
            if cleaned is not None:
                self.file = cleaned
        if self.file and (self.width is None or self.height is None):
            # A file stored with FieldFile.save(save=False) has no size yet; without one every load
            # of this row would open the file to measure it.
            self._meta.get_field("file").update_dimension_fields(self, force=True)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "width", "height"}
        previous = None
        if self.pk and not self._state.adding:
            previous = type(self)._base_manager.filter(pk=self.pk).values("file", "focal_x", "focal_y").first()
        super().save(*args, **kwargs)
        before = previous and (previous["file"], round(previous["focal_x"], 3), round(previous["focal_y"], 3))
        if self.file and (before != self._rendition_signature() or not self.renditions):
            self.make_renditions()

    def get_absolute_url(self):
        return self.file.url if self.file else ""

    def get_admin_url(self):
        return reverse("admin:library_image_change", args=[self.pk])

    def _rendition_signature(self):
        return (self.file.name or "", round(self.focal_x, 3), round(self.focal_y, 3))

    def make_renditions(self):
        """Write every rendition of KINDS and record them; old ones of this image are deleted."""
        self.renditions = make_renditions(
            self.file.storage, self.file.name, self.focal_x, self.focal_y, self.renditions
        )
        type(self)._base_manager.filter(pk=self.pk).update(renditions=self.renditions)

    def renditions_for(self, kind="full", widths=None, fmt="webp"):
        """Recorded renditions of `kind` as Rendition(url, width, height), smallest first; reads no file.

        `widths` keeps the ones whose requested width they answer (never wider
        than the original); a kind or format that was not made falls back to
        the whole image in WebP.
        """
        fmt = FORMAT_NAMES.get(str(fmt).lower(), "WEBP")
        if kind not in KINDS:
            kind = "full"
        entries = (self.renditions or {}).get(rendition_key(kind, fmt))
        if entries is None and fmt == "JPEG" and kind == "full":
            entries = (self.renditions or {}).get(rendition_key("full-jpeg", "JPEG"))
        if entries is None:
            entries = (self.renditions or {}).get(rendition_key("full", "WEBP"), [])
        if not entries:
            return []
        if widths:
            wanted = parse_widths(widths)
            largest = max(entry[1] for entry in entries)
            chosen = []
            for target in wanted:
                # the smallest recorded copy at least as wide as asked, else the largest
                fitting = [entry for entry in entries if entry[1] >= min(target, largest)]
                entry = min(fitting, key=lambda entry: entry[1]) if fitting else entries[-1]
                if entry not in chosen:
                    chosen.append(entry)
            entries = sorted(chosen, key=lambda entry: entry[1])
        storage = self.file.storage
        return [Rendition(storage.url(entry[0]), entry[1], entry[2]) for entry in entries]

    def enclosure(self):
        """(URL, bytes, MIME type) of the 1200-pixel JPEG, for feeds; None without renditions."""
        entries = (self.renditions or {}).get(rendition_key("full-jpeg", "JPEG")) or []
        if not entries or len(entries[-1]) < 4:
            return None
        name, _width, _height, size = entries[-1]
        return self.file.storage.url(name), size, "image/jpeg"


def image_url(field_file, width=1200, kind="full"):
    """An absolute URL of a JPEG rendition at most `width` wide (or of the original).

    A library image brings its recorded renditions (``kind`` "social" is the
    1200 × 630 crop around its focal point); no file is read.
    """
    if hasattr(field_file, "renditions_for"):
        options = field_file.renditions_for(kind, [width], "jpeg")
        return absolute_url(options[-1].url) if options else ""
    if not field_file or not getattr(field_file, "name", ""):
        return ""
    options = [option for option in renditions(field_file, [width], "jpeg") if option.width <= width]
    if options:
        return absolute_url(options[-1].url)
    try:
        return absolute_url(field_file.url)
    except ValueError:
        return ""
