"""The newsletter's mail: rendered in the subscriber's language and script, built as spam filters expect.

Every mail has a plain-text and an HTML part (multipart/alternative), a
``Message-ID`` on the site's domain and a ``Date`` (Django's EmailMessage adds
both), and no remote image, pixel or rewritten link: nothing tells the site who
opened what. Mail about a subscription (not the confirmation itself) carries
``List-Unsubscribe`` with an https address and ``List-Unsubscribe-Post:
List-Unsubscribe=One-Click`` (RFC 8058): the mail client unsubscribes with one
POST, no page to read.

Belarusian in Łacinka (``be-latn``) is the Cyrillic mail converted as the site
converts its pages (portal.latin): the text, and the links to Belarusian pages.
"""

from contextlib import contextmanager
from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from newsletter import tokens
from portal import latin, latin_names


def interface_language(code):
    """The catalogue a mail language is written from: Łacinka is converted from Belarusian."""
    return latin.SOURCE if code == latin.PREFIX else code


@contextmanager
def language(code):
    with translation.override(interface_language(code)):
        yield


def absolute(path, code):
    """The address of `path` (reversed in the mail's language) on the site, in Łacinka for be-latn."""
    if code == latin.PREFIX:
        path = latin.latin_path(path)
    return settings.SITE_URL + path


def link(name, code, **kwargs):
    with language(code):
        return absolute(reverse(name, kwargs=kwargs), code)


def convert_text(text, code):
    return latin.to_latin(latin_names.apply(text)) if code == latin.PREFIX else text


def convert_html(html, code):
    return latin.Converter(latin.known_hosts()).html(latin_names.apply(html)) if code == latin.PREFIX else html


def render(template, code, context):
    """(subject, text, html) of `newsletter/mail/<template>` in the language and script `code`."""
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, "mail_language": code, **context}
    with language(code):
        subject = render_to_string(f"newsletter/mail/{template}_subject.txt", context)
        text = render_to_string(f"newsletter/mail/{template}.txt", context)
        html = render_to_string(f"newsletter/mail/{template}.html", context)
    subject = " ".join(subject.split())
    return convert_text(subject, code), convert_text(text, code), convert_html(html, code)


def message_id_domain():
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def build(to, subject, text, html, unsubscribe_url=None, manage_url=None):
    headers = {"Message-ID": make_msgid(domain=message_id_domain())}
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    if manage_url:
        headers["List-Help"] = f"<{manage_url}>"
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def subscription_links(subscriber, code):
    return {
        "manage_url": link("newsletter:manage", code, token=tokens.make(subscriber, tokens.MANAGE)),
        "unsubscribe_url": link("newsletter:unsubscribe", code, token=tokens.make(subscriber, tokens.UNSUBSCRIBE)),
        "privacy_url": link("newsletter:privacy", code),
    }


def confirmation(subscriber):
    """The mail that asks to confirm (double opt-in): its only link confirms; nothing else is ever sent before."""
    code = subscriber.language
    context = {
        "confirm_url": link("newsletter:confirm", code, token=tokens.make(subscriber, tokens.CONFIRM)),
        "privacy_url": link("newsletter:privacy", code),
        "days": tokens.CONFIRM_DAYS,
    }
    return build(subscriber.email, *render("confirm", code, context))


def already_subscribed(subscriber):
    """Someone asked again for an address that is subscribed: its owner gets the link to the preferences."""
    code = subscriber.language
    links = subscription_links(subscriber, code)
    return build(
        subscriber.email,
        *render("already", code, links),
        unsubscribe_url=links["unsubscribe_url"],
        manage_url=links["manage_url"],
    )
