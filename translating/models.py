"""The translation memory (pairs of segments) and the glossary (terms in every language)."""

import hashlib
import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from translating.segments import normalise

LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES if code in ("be", "sq", "en")]


def text_hash(text):
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


class MemorySegment(models.Model):
    """One segment and its translation: learnt from a saved item (aligned by block and sentence) or from a TMX file."""

    CONTENT = "content"
    TMX = "tmx"
    ORIGINS = [
        (CONTENT, pgettext_lazy("origin of a memory segment", "content")),
        (TMX, pgettext_lazy("origin of a memory segment", "TMX file")),
    ]

    source_language = models.CharField(_("source language"), max_length=10, choices=LANGUAGE_CHOICES)
    target_language = models.CharField(_("target language"), max_length=10, choices=LANGUAGE_CHOICES)
    source_text = models.TextField(_("source text"))
    target_text = models.TextField(_("translation"))
    # The matching key (translating.segments.normalise) and a hash of it for exact matches.
    normalised = models.TextField(editable=False)
    source_hash = models.CharField(max_length=40, editable=False)
    origin = models.CharField(_("origin"), max_length=10, choices=ORIGINS, default=CONTENT)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64, blank=True)
    field = models.CharField(_("field"), max_length=100, blank=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("translation memory segment")
        verbose_name_plural = _("translation memory segments")
        ordering = ["source_language", "target_language", "normalised"]
        indexes = [
            models.Index(fields=["source_language", "target_language", "source_hash"], name="memory_exact"),
            models.Index(fields=["content_type", "object_id"], name="memory_origin"),
        ]

    def __str__(self):
        return f"{self.source_language}→{self.target_language}: {self.source_text[:60]}"

    def save(self, *args, **kwargs):
        self.prepare()
        super().save(*args, **kwargs)

    def prepare(self):
        """Fill the matching key and its hash (bulk_create skips save())."""
        self.normalised = normalise(self.source_text)
        self.source_hash = text_hash(self.normalised)
        return self


class GlossaryTerm(models.Model):
    """One concept with its term in each language, a note and the variants a translator must not use."""

    en = models.CharField(pgettext_lazy("glossary column", "English"), max_length=200, blank=True)
    be = models.CharField(pgettext_lazy("glossary column", "Belarusian"), max_length=200, blank=True)
    sq = models.CharField(pgettext_lazy("glossary column", "Albanian"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    forbidden_en = models.TextField(_("not in English"), blank=True, help_text=_("One variant per line."))
    forbidden_be = models.TextField(_("not in Belarusian"), blank=True, help_text=_("One variant per line."))
    forbidden_sq = models.TextField(_("not in Albanian"), blank=True, help_text=_("One variant per line."))
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["en", "pk"]

    def __str__(self):
        return self.en or self.be or self.sq or "—"

    def term(self, language):
        return getattr(self, language, "") if language in ("be", "sq", "en") else ""

    def forbidden(self, language):
        """The forbidden variants in `language`, one a line."""
        if language not in ("be", "sq", "en"):
            return []
        return [line.strip() for line in getattr(self, f"forbidden_{language}").splitlines() if line.strip()]

    def words(self, language):
        """The forms of the term in `language`: "выбраць (выберыце, выбранае)" gives the three."""
        value = self.term(language)
        head = re.sub(r"\(.*?\)", " ", value)
        inside = " ".join(re.findall(r"\((.*?)\)", value))
        forms = [*re.split(r"\s*[/;]\s*", head), *re.split(r"\s*[,;]\s*", inside)]
        return [form.strip(" .:") for form in forms if len(form.strip(" .:")) > 1]
