"""The search page: /<lang>/search/?q=…&type=…&page=…"""

from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core.views import check_page_number, reads_query
from events.models import Event
from projects.models import Project
from search import query
from search.query import RESULTS_PER_PAGE, Search, SearchTerms, excerpt, highlight, kinds


class RankedResults:
    """The results of a `Search` as a sliceable sequence for the paginator.

    Ranking sorts primary keys only; the page's rows (with their long texts)
    are fetched afterwards.
    """

    def __init__(self, found):
        self.found, self.total = found, found.total

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        start, stop, _step = index.indices(self.total)
        return self.found.page(start, stop) if stop > start else []


def project_durations(entries):
    """{project id: duration} for the projects among `entries`: a project's result says when it runs as its
    page does ("8 months, May–December 2024", "2022", "since 2001"), not the first day of its start month."""
    ids = [entry.object_id for entry in entries if entry.kind == "project"]
    if not ids:
        return {}
    projects = Project.objects.filter(pk__in=ids).only("pk", "start_date", "end_date", "years_only")
    return {project.pk: project.duration for project in projects}


def event_dates(entries):
    """{event id: dates} for the events among `entries`, as precisely as they are known ("May–December 2024")."""
    ids = [entry.object_id for entry in entries if entry.kind == "event"]
    if not ids:
        return {}
    events = Event.objects.filter(pk__in=ids).only("pk", "starts_at", "ends_at", "all_day", "precision")
    return {event.pk: event.dates for event in events}


@reads_query("q", "type", "page")
@require_safe
def search_view(request):
    language = get_language()
    terms = SearchTerms.parse(request.GET.get("q", ""))
    kind = request.GET.get("type", "")
    page_asked = request.GET.get("page", "")
    check_page_number(page_asked)
    if not terms and page_asked not in ("", "1"):
        raise Http404("No results to page through")
    labels = dict(kinds())
    context = {
        "query": terms.raw,
        "truncated": terms.truncated,
        "kind": kind,
        "kinds": kinds(),
        "searched": bool(terms.raw),
    }
    if kind and kind not in labels:
        context.update(error=_("There is no such type of result."), kind="")
        return render(request, "search/search.html", context, status=400)
    if not terms:
        return render(request, "search/search.html", context)

    with transaction.atomic():
        found = Search(terms, language, kind)
        paginator = Paginator(RankedResults(found), RESULTS_PER_PAGE)
        try:
            page = paginator.page(page_asked or 1)
        except InvalidPage as error:
            raise Http404(str(error)) from error
        results = result_rows(page.object_list, found.terms)
    context.update(
        results=results,
        page_obj=page,
        paginator=paginator,
        is_paginated=paginator.num_pages > 1,
        total=found.total,
        more=found.capped,
        all_count=min(sum(found.counts.values()), query.COUNT_LIMIT),
        all_more=sum(found.counts.values()) > query.COUNT_LIMIT,
        facets=facets(found, terms, kind),
        approximate=found.approximate,
        corrected_query=found.terms.raw if found.corrected else "",
        corrected_url="?" + urlencode({"q": found.terms.raw, **({"type": kind} if kind else {})}),
        all_url="?" + urlencode({"q": terms.raw}),
        query_prefix=_query_prefix(terms.raw, kind),
    )
    return render(request, "search/search.html", context)


def result_rows(entries, terms):
    """The results of one page as the template shows them: the words found marked, projects with their years."""
    durations = project_durations(entries)
    dates = event_dates(entries)
    return [
        {
            "kind": entry.kind,
            "kind_label": _singular_label(entry.kind),
            "title": highlight(entry.title, terms),
            "excerpt": excerpt(entry.text, terms),
            "url": entry.url,
            "date": entry.date,
            "duration": durations.get(entry.object_id, "")
            if entry.kind == "project"
            else dates.get(entry.object_id, "")
            if entry.kind == "event"
            else "",
        }
        for entry in entries
    ]


def facets(found, terms, kind):
    """One link per kind of result, with its count (capped at COUNT_LIMIT)."""
    return [
        {
            "code": code,
            "label": label,
            "count": min(found.counts.get(code, 0), query.COUNT_LIMIT),
            "more": found.counts.get(code, 0) > query.COUNT_LIMIT,
            "current": code == kind,
            "url": "?" + urlencode({"q": terms.raw, "type": code}),
        }
        for code, label in kinds()
    ]


def _singular_label(kind):
    return {
        "news": _("News item"),
        # Translators: the type of a search result: a public event (conference, forum, visit)
        "event": pgettext_lazy("search result type", "Event"),
        "project": _("Project"),
        "partner": _("Partner"),
        "page": _("Page"),
    }.get(kind, "")


def _query_prefix(query, kind):
    params = {"q": query}
    if kind:
        params["type"] = kind
    return urlencode(params) + "&"
