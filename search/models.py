from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One item's searchable text in one language, kept up to date by search.indexing.

    The ``*_folded`` columns hold the text lower-cased, without accents and in
    Latin letters (see ``core.text.fold``), so that "Prishtinë",
    "prishtina" and "Прышціна" meet. On PostgreSQL ``vector`` holds the
    weighted tsvector of all the text and ``title_vector`` that of the title
    alone; they and ``title_folded`` (trigrams) have GIN indexes per language,
    created by the migrations on PostgreSQL only.
    """

    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    kind = models.CharField(_("type"), max_length=20)
    object_id = models.PositiveBigIntegerField(_("object ID"))
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=300)
    date = models.DateField(_("date"), null=True, blank=True)
    is_visible = models.BooleanField(_("visible"), default=True)
    publish_at = models.DateTimeField(_("publish time"), null=True, blank=True)
    expire_at = models.DateTimeField(_("expiry time"), null=True, blank=True)
    title_folded = models.CharField(max_length=300, blank=True, editable=False)
    lead_folded = models.TextField(blank=True, editable=False)
    body_folded = models.TextField(blank=True, editable=False)
    vector = SearchVectorField(null=True, editable=False)
    title_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        # The table keeps the name it had when the index lived in the portal app.
        db_table = "portal_searchentry"
        ordering = ["language", "kind", "object_id"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: search entry “…”")
        verbose_name = _("search entry")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete: search index")
        verbose_name_plural = _("search index")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "language"], name="searchentry_unique_item_language")
        ]
        indexes = [models.Index(fields=["language", "kind"], name="searchentry_language_kind")]

    def __str__(self):
        return f"{self.title} [{self.language}]"

    def get_absolute_url(self):
        return self.url


class SearchWord(models.Model):
    """A folded word of the index in one language: the dictionary that corrects typos.

    Filled by search.indexing (every word of an indexed entry; a rebuild
    recounts them from the vectors with ``ts_stat``). A query word that no
    indexed word starts with is replaced by the most similar word here
    (trigrams, the PostgreSQL documentation's recipe for spelling
    suggestions); on PostgreSQL the migration adds a trigram index and a
    prefix index per language.
    """

    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    word = models.CharField(_("word"), max_length=100)
    entries = models.PositiveIntegerField(_("entries"), default=1)

    class Meta:
        db_table = "search_word"
        ordering = ["language", "word"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: search word “…”")
        verbose_name = _("search word")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete: search words")
        verbose_name_plural = _("search words")
        constraints = [models.UniqueConstraint(fields=["language", "word"], name="searchword_unique_language_word")]

    def __str__(self):
        return f"{self.word} [{self.language}]"
