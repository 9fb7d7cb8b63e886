"""Every public route, in every language, with hostile values: never a 5xx.

The routes come from walking the URL resolver; a route added without sample
arguments here fails `test_every_public_route_is_fuzzed`. Values go into the
query string (each filter of the site, repeated as an array too) and into
every path argument.

How long the requests take is not asserted: on a loaded machine any limit fails
for reasons of its own. Speed is measured in bench/, against a floor of the same run.
"""

import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from events.models import Event
from news.models import NewsItem
from partners.models import Organisation
from portal.models import Page
from projects.models import Document, Project
from tests.conftest import LANGUAGES

PRIVATE_PREFIXES = ("admin/",)
PARAMETERS = (
    "kind",
    "year",
    "topic",
    "partner",
    "status",
    "donor",
    "country",
    "page",
    "q",
    "type",
    "p",
    "preview",
    # The events' list and calendar feeds.
    "when",
    "project",
    "place",
)
# Raw, already in URL form: %00 is NUL, %ff is not UTF-8.
HOSTILE = [
    "%00",
    "a%00b",
    "%ff",
    "%c0%af",
    "A" * 5000,
    quote("é" * 1500),
    "-1",
    "1e309",
    "9" * 400,
    quote("{{7*7}}{% debug %}"),
    quote("' OR 1=1--;select pg_sleep(5)"),
    quote("../../../../etc/passwd"),
    "%0d%0aX-Injected:%20yes",
    quote("\u202eevil"),
    quote("<script>alert(1)</script>"),
]
PATH_HOSTILE = ["A" * 5000, "a" * 300, "%00", "%ff", "..%2f..%2fetc%2fpasswd", "0", "-1", "9" * 40]


def public_routes(patterns=None, prefix=""):
    """(route, pattern) for every public URL pattern."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if route.lstrip("^").startswith(PRIVATE_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            yield from public_routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def sample_arguments():
    """Real values for each path argument, from the demo content."""
    project = Project.objects.published().filter(documents__isnull=False).first()
    return {
        "slug": [
            NewsItem.objects.published().first().slug,
            Event.objects.published().first().slug,
            Project.objects.published().first().slug,
            Organisation.objects.published().exclude(slug="").first().slug,
            Page.objects.published().first().slug,
        ],
        "project_document": (project.slug, Document.objects.filter(project=project).first().pk),
        "code": ["be-latn"],  # /language/<code>/
        "dataset": ["news", "events"],
        "section": ["news"],
        "path": ["does-not-exist.jpg"],
        "token": ["WzEsImsiXQ:1tAbCd:not-a-signature"],  # the newsletter's links (no subscriber in the demo)
        # /og/<kind>/<pk>-<language>.png: a news item's preview image
        "kind": ["news"],
        "pk": [NewsItem.objects.published().first().pk],
        "language": ["be-latn"],
    }


def fill(route, values):
    """The route with its arguments replaced, in order."""
    parts = re.split(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)", route.lstrip("^").rstrip("$"))
    out, names = [], []
    for index, part in enumerate(parts):
        if index % 3 == 0:
            out.append(part or "")
        elif part:
            names.append(part)
            out.append(str(values[len(names) - 1]))
    return "/" + "".join(out), names


def addresses(samples):
    """Every public route as concrete paths (one per language under the prefix): real and hostile arguments."""
    result = {}
    for route, _pattern in public_routes():
        bare = route.replace("en/", "", 1) if route.startswith("en/") else route
        i18n = route != bare or route.startswith(tuple(f"{code}/" for code in LANGUAGES))
        _path, names = fill(bare, ["x"] * 5)
        if names == ["slug", "pk"]:
            real = [samples["project_document"]]
        elif names == ["slug"]:
            real = [(slug,) for slug in samples["slug"]]
        elif names:
            real = [tuple(samples[name][0] for name in names)]
        else:
            real = [()]
        variants = list(real)
        for value in PATH_HOSTILE:
            variants += [
                tuple(value if i == position else real[0][i] for i in range(len(names)))
                for position in range(len(names))
            ]
        # Belarusian in Łacinka (/be-latn/) answers every Belarusian route too.
        prefixes = [f"{code}/" for code in (*LANGUAGES, "be-latn")] if i18n else [""]
        result[route] = ["/" + prefix + fill(bare, values)[0].lstrip("/") for prefix in prefixes for values in variants]
    return result


def check(client, url):
    response = client.get(url)
    assert response.status_code < 500, f"{response.status_code} for {url[:200]}"
    return response


@pytest.mark.django_db
def test_every_public_route_is_fuzzed(client, demo_content):
    routes = addresses(sample_arguments())
    assert len(routes) >= 15
    requests = 0
    for route, urls in routes.items():
        assert urls, route
        base_statuses = set()
        for url in urls:
            base_statuses.add(check(client, url).status_code)
            requests += 1
        for url in urls[: len(LANGUAGES)]:
            for value in HOSTILE:
                check(client, url + "?" + "&".join(f"{name}={value}" for name in PARAMETERS))
                requests += 1
            check(client, url + "?" + "&".join(f"{name}=a&{name}=b&{name}[]=c" for name in PARAMETERS))
            requests += 1
    assert requests > 500


# Host headers the site does not serve (the audit's variants): a 400, never a 500.
HOSTILE_HOSTS = ["evil.example.com", "127.0.0.1:80@evil.com", "", "[::1", "a" * 300, "localhost\x00.evil"]


@pytest.mark.django_db
def test_every_public_route_refuses_hosts_it_does_not_serve(demo_content):
    routes = addresses(sample_arguments())
    for urls in routes.values():
        for host in HOSTILE_HOSTS:
            client = Client(HTTP_HOST=host, HTTP_X_FORWARDED_PROTO="https")
            assert check(client, urls[0]).status_code == 400, (host[:40], urls[0][:200])
