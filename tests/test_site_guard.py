"""Site-wide guard: every named public page answers in every language with exactly one <h1>.

The URLs come from walking the URL resolver, so a new page is covered as
soon as it is routed. Pages that take arguments (an item's slug) are covered
by their app's tests; machine-readable answers (feeds, exports, sitemaps)
must answer 200 too, without the <h1> rule.
"""

import re

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from tests.conftest import LANGUAGES

# Not public pages: the admin and the translators' catalogue editor (they need a login), and
# the mail providers' reports (they need the shared secret; tests/newsletter/test_provider_events.py),
# and the pages for staff under /<language>/staff/ (tests/portal/test_style_guide.py).
PRIVATE_PREFIXES = ("admin/", "mail-events/")
PRIVATE_SEGMENTS = ("staff/",)


def argument_free_names(patterns=None, namespace="", prefix=""):
    """Named URL patterns that take no arguments, as (full name, route)."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(PRIVATE_PREFIXES) or any(segment in route for segment in PRIVATE_SEGMENTS):
            continue
        if isinstance(entry, URLResolver):
            child = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from argument_free_names(entry.url_patterns, child, route)
        elif isinstance(entry, URLPattern) and entry.name and not entry.pattern.regex.groups:
            yield f"{namespace}{entry.name}", route


NAMES = sorted(dict(argument_free_names()))


def test_the_walk_finds_the_site():
    assert {
        "portal:home",
        "news:list",
        "events:list",
        "events:feed",
        "projects:list",
        "partners:list",
        "portal:search",
        "healthz",
    } <= set(NAMES)
    assert not any(name.startswith("admin") for name in NAMES)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", NAMES)
def test_every_named_page_answers_with_one_h1(client, demo_content, name, language):
    with translation.override(language):
        url = reverse(name)
    response = client.get(url)
    if response.status_code == 301:  # /favicon.ico, for browsers that ask for it, points to the static icon
        assert response["Location"].startswith(settings.STATIC_URL), url
        return
    assert response.status_code == 200, url
    if response["Content-Type"].startswith("text/html"):
        html = response.content.decode()
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url
        assert f'<html lang="{language}"' in html or not url.startswith(f"/{language}/"), url


@pytest.mark.django_db
@pytest.mark.parametrize("name", NAMES)
def test_every_named_belarusian_page_answers_in_lacinka_with_one_h1(client, demo_content, name):
    with translation.override("be"):
        url = reverse(name)
    if not url.startswith("/be/"):
        return  # not a page of a language (sitemap, health check)
    url = "/be-latn/" + url[len("/be/") :]
    response = client.get(url)
    assert response.status_code == 200, url
    if response["Content-Type"].startswith("text/html"):
        html = response.content.decode()
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url
        assert '<html lang="be-Latn"' in html, url
