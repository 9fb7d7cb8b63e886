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
from django.utils import timezone
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


class Send(models.Model):
    """One mailing: the items published in a period, to every subscriber of a rhythm who follows some of them."""

    class Kind(models.TextChoices):
        # Translators: a kind of mailing: what was just published, for subscribers of each publication
        EACH = "each", _("new publications")
        # Translators: a kind of mailing
        WEEKLY = "weekly", _("weekly digest")
        # Translators: a kind of mailing
        MONTHLY = "monthly", _("monthly digest")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    period_start = models.DateTimeField(_("published after"))
    period_end = models.DateTimeField(_("published until"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-period_end", "-pk"]
        # Translators: a model's name in the nominative: one mailing of the newsletter
        verbose_name = _("send")
        # Translators: a model's plural name in the nominative: mailings of the newsletter
        verbose_name_plural = _("sends")
        constraints = [
            models.UniqueConstraint(fields=["kind", "period_end"], name="newsletter_send_once_per_period"),
            models.CheckConstraint(
                condition=models.Q(period_end__gt=models.F("period_start")), name="newsletter_send_period"
            ),
        ]

    def __str__(self):
        if self.period_end is None:
            return str(self.get_kind_display())
        return f"{self.get_kind_display()} {timezone.localtime(self.period_end):%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("admin:newsletter_send_change", args=[self.pk])


class Delivery(models.Model):
    """One mail of a send to one subscriber in one language: claimed, then marked, in the database.

    A worker claims a row (``sending``, with its job's id) before it talks to the mail
    server, and marks it ``sent`` after the message's data is written but before the final
    dot that makes the server accept it (newsletter.delivery): a worker that dies before
    that commit leaves a row its retried job may send again (the server never accepted the
    message); after it, the row is never sent again.
    """

    class State(models.TextChoices):
        # Translators: a mail waiting in the queue
        QUEUED = "queued", _("queued")
        # Translators: a mail a worker is sending right now
        SENDING = "sending", _("sending")
        # Translators: a mail the mail server accepted
        SENT = "sent", _("sent")
        # Translators: a mail that could not be sent after several attempts
        FAILED = "failed", _("failed")
        # Translators: a mail the mail server refused for good (no such mailbox, ...)
        BOUNCED = "bounced", _("bounced")
        # Translators: a mail left out: nothing new for this subscriber, or the subscriber left
        SKIPPED = "skipped", _("skipped")

    send = models.ForeignKey(Send, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("send"))
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("subscriber")
    )
    language = models.CharField(_("language"), max_length=10)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    not_before = models.DateTimeField(_("not before"), null=True, blank=True)
    claimed_by = models.CharField(max_length=40, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # The mail server's answer, never the address.
    error = models.CharField(_("error"), max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]
        # Translators: a model's name in the nominative: one mail of a mailing to one subscriber
        verbose_name = _("delivery")
        # Translators: a model's plural name in the nominative
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["send", "subscriber", "language"], name="newsletter_delivery_once"),
        ]
        indexes = [models.Index(fields=["send", "state"], name="newsletter_delivery_state")]

    def __str__(self):
        return f"{self.send} · {self.language} · {self.get_state_display()}"

    def get_absolute_url(self):
        return self.send.get_absolute_url()
