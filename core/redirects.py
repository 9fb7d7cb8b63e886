"""Old addresses keep working: a 301 to what they became (core.models.SlugAlias, its path rows).

Looked up only for a request that got a 404, or a redirect while it has no language prefix
(an old site's ``/?p=12`` and ``/2019/05/03/slug/`` are such: Django would first send them
to the visitor's language): a page that answers costs nothing here.
"""

from urllib.parse import unquote

from django.conf import settings

from core.models import SlugAlias

QUERY_KEYS = ("p", "page_id", "attachment_id", "cat", "tag")
PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


def address_keys(path, query):
    """The keys an old address may be stored under: ?p=ID alone, else the path with and without its last slash."""
    for key in QUERY_KEYS:
        value = query.get(key, "")
        if value.isdigit():
            return [f"/?{key}={int(value)}"]
    path = unquote(path)
    keys = [path]
    keys.append(path[:-1] if path.endswith("/") and len(path) > 1 else path + "/")
    return keys


def old_address_target(request, response):
    """Where an old address now is, when `response` says the site has no page there; else None.

    Asked by portal.middleware.CommonMiddleware for every answer: only a GET or
    HEAD that got a 404, or a redirect while its path has no language prefix,
    is looked up.
    """
    if request.method not in ("GET", "HEAD"):
        return None
    if response.status_code == 404 or (response.status_code in (301, 302) and not request.path.startswith(PREFIXES)):
        return find(request)
    return None


def find(request):
    keys = address_keys(request.path, request.GET)
    for old in SlugAlias.objects.filter(path__in=keys).select_related("content_type"):
        url = old.get_absolute_url()
        if url and url != request.path:
            return url
    return None
