"""Readers who follow the site by e-mail: what is stored about them, and nothing more.

A subscriber is an address, its preferences (languages and scripts, topics,
projects, rhythm), when it asked and when it confirmed (the consent), and where
it asked from (the newsletter page or a page's footer). No name, no client
address, no browser, no history of what was opened: the mail has no trackers.
Unsubscribing deletes the row.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import Topic
from portal import latin
from projects.models import Project


def mail_languages():
    """(code, name) of every language a subscriber may read mail in: the site's, and Belarusian in Łacinka."""
    choices = []
    for code, name in settings.LANGUAGES:
        choices.append((code, name))
        if code == latin.SOURCE:
            # Translators: Belarusian written in the Latin alphabet (Łacinka), in a list of languages
            choices.append((latin.PREFIX, _("Belarusian (Łacinka)")))
    return choices


def new_key():
    return secrets.token_urlsafe(24)


class Subscriber(models.Model):
    class Rhythm(models.TextChoices):
        # Translators: how often a subscriber gets mail: one mail for each published item
        EACH = "each", _("each publication")
        # Translators: how often a subscriber gets mail
        WEEKLY = "weekly", _("weekly digest")
        # Translators: how often a subscriber gets mail
        MONTHLY = "monthly", _("monthly digest")

    class State(models.TextChoices):
        # Translators: a subscriber who has not yet followed the link in the confirmation mail
        PENDING = "pending", _("waiting for confirmation")
        # Translators: a confirmed subscriber who receives mail
        ACTIVE = "active", _("active")
        # Translators: a subscriber whose address the mail server refused too many times
        DISABLED = "disabled", _("disabled after delivery errors")

    class Source(models.TextChoices):
        # Translators: where a subscriber asked to subscribe: the newsletter page
        PAGE = "page", _("newsletter page")
        # Translators: where a subscriber asked to subscribe: the form at the foot of every page
        FOOTER = "footer", _("page footer")

    email = models.EmailField(_("e-mail address"), max_length=254)
    languages = models.JSONField(_("languages"), default=list)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    projects = models.ManyToManyField(Project, verbose_name=_("projects"), blank=True, related_name="+")
    rhythm = models.CharField(_("rhythm"), max_length=10, choices=Rhythm.choices, default=Rhythm.WEEKLY)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.PAGE)
    requested_at = models.DateTimeField(_("asked to subscribe at"), auto_now_add=True)
    consented_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # A random key inside every link of this subscriber's mail (newsletter.tokens): a new one
    # makes all links sent before worthless.
    key = models.CharField(max_length=40, default=new_key, editable=False)
    # Consecutive permanent delivery errors; at settings.NEWSLETTER_BOUNCE_LIMIT the address is disabled.
    bounces = models.PositiveSmallIntegerField(_("delivery errors"), default=0)

    class Meta:
        ordering = ["email"]
        # Translators: a model's name in the nominative; the admin puts it after a colon ("Added: subscriber “…”")
        verbose_name = _("subscriber")
        # Translators: a model's plural name in the nominative; the admin puts it after a colon ("Delete: subscribers")
        verbose_name_plural = _("subscribers")
        constraints = [models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_email_unique")]

    def __str__(self):
        return self.email

    def get_absolute_url(self):
        return reverse("newsletter:subscribe")

    @property
    def language(self):
        """The first language chosen: the one of the confirmation and of the pages it leads to."""
        return (self.languages or [settings.LANGUAGE_CODE])[0]
