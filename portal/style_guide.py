"""The living style guide: the public site's parts as visitors see them, for staff.

Everything on the page is drawn by the site's own templates (the card includes, the
pagination) and stylesheet, from content that is published, so it cannot drift from the
site. The design tokens are read from the stylesheet itself: a token added to
``static/css/ura.css`` shows up here (``static/css/style-guide.css`` gives each colour its
swatch; a test checks that none is missing). The rules behind them are in docs/design.md.
"""

import re
from functools import cache

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.staticfiles import finders
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from events.models import Event
from news.models import NewsItem
from partners.models import Organisation
from portal import latin
from projects.models import Phase, Project

TOKEN = re.compile(r"^\s*--([a-z0-9-]+)\s*:\s*([^;]+);", re.MULTILINE)
ROOT = re.compile(r":root\s*{(.*?)}", re.DOTALL)

# What each colour is for; a token without a role here is shown by its name and value.
COLOUR_ROLES = {
    "ink": _("Text"),
    "ink-soft": _("Secondary text: meta lines, captions"),
    "paper": _("Background"),
    "paper-tint": _("Tinted background: tags, boxes"),
    "line": _("Borders and rules"),
    "brand": _("Header, headings, placeholder letters"),
    "brand-dark": _("Dark brand colour: text on tints"),
    "accent": _("The mark’s accent"),
    "link": _("Links"),
    "ok": _("Ongoing projects, confirmations"),
    "tint-1": _("Placeholders and monograms (first of three)"),
    "tint-2": _("Placeholders and monograms (second of three)"),
    "tint-3": _("Placeholders and monograms (third of three)"),
}
# What each step of the type scale is for.
STEP_ROLES = {
    "step--1": _("Meta lines, facts on cards"),
    "step-0": _("Body text"),
    "step-1": _("Card titles"),
    "step-2": _("Section headings"),
    "step-3": _("Page titles"),
}


@cache
def tokens():
    """The custom properties of the stylesheet's ``:root``: [(name, value)] in its order."""
    path = finders.find("css/ura.css")
    with open(path, encoding="utf-8") as stylesheet:
        root = ROOT.search(stylesheet.read())
    return [(name, value.strip()) for name, value in TOKEN.findall(root.group(1) if root else "")]


def is_colour(value):
    return bool(re.fullmatch(r"#[0-9a-fA-F]{3,8}", value))


def samples():
    """One published item of each kind a card shows: with a picture and without, and so on."""
    news = NewsItem.objects.published().select_related("image").order_by("-date", "-publish_at", "-pk")
    organisations = Organisation.objects.published().exclude(slug="").select_related("logo").order_by("-pk")
    return {
        # Lists of one (or none), as the card tag takes them.
        "news_with_image": list(news.filter(image__isnull=False)[:1]),
        "news_without_image": list(news.filter(image__isnull=True)[:1]),
        "latest_news": list(news[:3]),
        "project": list(Project.objects.published().prefetch_related("partner_roles__organisation")[:1]),
        "event": list(Event.objects.published().with_places().order_by("-starts_at")[:1]),
        "partner_with_logo": list(organisations.filter(logo__isnull=False)[:1]),
        "partner_without_logo": list(organisations.filter(logo__isnull=True)[:1]),
    }


@never_cache
@require_safe
@staff_member_required
def style_guide(request):
    found = samples()
    headline = (found["news_with_image"] or found["news_without_image"] or [None])[0]
    scripts = []
    if headline is not None:
        scripts = [
            # Translators: a script's name, in the style guide's specimen of the four ways the site is written
            (pgettext_lazy("script", "Belarusian, Cyrillic"), "be-Cyrl", headline.title_be),
            (pgettext_lazy("script", "Belarusian, Łacinka"), "be-Latn", latin.to_latin(headline.title_be or "")),
            (pgettext_lazy("script", "Albanian"), "sq", headline.title_sq),
            (pgettext_lazy("script", "English"), "en", headline.title_en),
        ]
    all_tokens = tokens()
    context = {
        **found,
        "headline": headline,
        "scripts": [(name, code, text) for name, code, text in scripts if text],
        "colours": [(name, value, COLOUR_ROLES.get(name, "")) for name, value in all_tokens if is_colour(value)],
        "steps": [(name, value, STEP_ROLES.get(name, "")) for name, value in all_tokens if name.startswith("step-")],
        "spaces": [(name, value) for name, value in all_tokens if name.startswith("space-")],
        "phases": Phase,
        # Without a published item lacking a picture, the placeholders themselves, in their three tints.
        "news_kinds": NewsItem.Kind.choices,
        # A list of thirty things on its second page: the pagination as a list shows it.
        "page_obj": Paginator(range(30), 10).page(2),
        "is_paginated": True,
    }
    context["paginator"] = context["page_obj"].paginator
    response = render(request, "portal/style_guide.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
