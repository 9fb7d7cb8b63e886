"""Open data: the published news, events, projects and partners as JSON, per language.

``/<lang>/export/news.json``, ``events.json``, ``projects.json`` and ``partners.json`` list the
items that exist in that language, newest first, in pages of
``EXPORT_PAGE_SIZE`` (``?page=2``; ``next`` and ``previous`` link the pages).
Rich text is given as sanitised HTML, URLs are absolute.
"""

from django.core.cache import cache
from django.db.models import Prefetch, Q
from django.http import Http404, JsonResponse
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from core import cache as site_cache
from core.i18n import url_in
from core.richtext import rich_text_html
from core.text import absolute_url
from core.views import check_page_number, reads_query
from events.models import Event
from news.models import NewsItem
from partners.models import Organisation
from projects.models import Project, ProjectPartner

EXPORT_PAGE_SIZE = 100


def file_url(field_file):
    """The absolute URL of a file, or of a library image's original."""
    field_file = getattr(field_file, "file", field_file) if hasattr(field_file, "renditions_for") else field_file
    if not field_file:
        return None
    return absolute_url(field_file.url) or None


def _t(obj, field, code):
    """A translated field in `code` (no fallback: the export says what exists)."""
    return getattr(obj, f"{field}_{code}", "") or ""


def _ref(obj, code, name):
    """A related item: its name as the site shows it in `code` (with fallback) and its address there."""
    return {"id": obj.pk, name: str(obj), "url": absolute_url(url_in(obj, code)) or None}


def news_record(item, code):
    return {
        "id": item.pk,
        "url": absolute_url(url_in(item, code)),
        "title": _t(item, "title", code),
        "lead": _t(item, "lead", code),
        "body_html": rich_text_html(_t(item, "body", code)),
        "kind": item.kind,
        "kind_label": str(item.get_kind_display()),
        "date": item.date.isoformat(),
        "place": _t(item, "place", code),
        "image": file_url(item.image),
        "image_caption": _t(item, "image_caption", code) or (_t(item.image, "caption", code) if item.image_id else ""),
        "image_credit": _t(item.image, "credit", code) if item.image_id else "",
        "organisations": [_ref(org, code, "name") for org in item.organisations.all()],
        "projects": [_ref(project, code, "title") for project in item.projects.all()],
        "topics": [_t(topic, "name", code) for topic in item.topics.all() if _t(topic, "name", code)],
        "published": item.publish_at.isoformat(),
        "updated": item.updated_at.isoformat(),
        "source_language": item.source_language,
    }


def event_record(event, code):
    start, end = event.iso_dates()
    return {
        "id": event.pk,
        "uid": event.uid,
        "url": absolute_url(url_in(event, code)),
        "title": _t(event, "title", code),
        "lead": _t(event, "lead", code),
        "description_html": rich_text_html(_t(event, "description", code)),
        # As precisely as known: a moment with its offset, a day ("2023-10-14"), a month ("2024-05") or a year.
        "start": start,
        "end": end,
        "all_day": event.all_day,
        "precision": event.precision,
        "dates": event.dates,
        "status": event.event_status,
        "status_label": str(event.get_event_status_display()),
        "sequence": event.sequence,
        "places": [
            {"name": _t(place, "name", code) or place.name, "country": place.country or None}
            for place in event.places.all()
        ],
        "venue": _t(event, "venue", code),
        "online_url": event.online_url or None,
        "registration_url": event.registration_url or None,
        "project": _ref(event.project, code, "title") if event.project_id and event.project.is_public else None,
        "organisers": [_ref(org, code, "name") for org in event.organisers.all()],
        "partners": [_ref(org, code, "name") for org in event.partners.all()],
        "topics": [_t(topic, "name", code) for topic in event.topics.all() if _t(topic, "name", code)],
        "published": event.publish_at.isoformat(),
        "updated": event.updated_at.isoformat(),
        "source_language": event.source_language,
    }


def project_record(project, code):
    return {
        "id": project.pk,
        "iati_identifier": project.iati_identifier or None,
        "url": absolute_url(url_in(project, code)),
        "title": _t(project, "title", code),
        "summary": _t(project, "summary", code),
        "description_html": rich_text_html(_t(project, "description", code)),
        "start_date": project.start_date.isoformat(),
        "end_date": project.end_date.isoformat() if project.end_date else None,
        # The dates are stored as days; the project is known to the month, or to the year with years_only.
        "years_only": project.years_only,
        "duration": project.duration,
        "phase": project.phase,
        "our_role": project.our_role or None,
        "partners": [
            {
                **_ref(role.organisation, code, "name"),
                "role": role.role,
                "role_label": str(role.get_role_display()),
            }
            for role in project.partner_roles.all()
        ],
        "objectives": [
            _t(objective, "text", code) for objective in project.objectives.all() if _t(objective, "text", code)
        ],
        "places": [
            {
                "name": place.name,
                "kind": place.kind,
                "country": place.country or None,
                "latitude": float(place.latitude) if place.latitude is not None else None,
                "longitude": float(place.longitude) if place.longitude is not None else None,
            }
            for place in project.places.all()
        ],
        "documents": [
            {
                "title": document.title,
                # Documents are private files: the download view checks publication.
                "url": absolute_url(document.get_absolute_url()) if document.file else None,
                "language": document.language,
                "category": document.category,
                "size": document.file_size or None,
                "content_type": document.content_type or None,
                "published_on": document.published_on.isoformat() if document.published_on else None,
            }
            for document in project.documents.all()
        ],
        "topics": [_t(topic, "name", code) for topic in project.topics.all() if _t(topic, "name", code)],
        "contact": {
            "name": project.contact_name,
            "role": _t(project, "contact_role", code),
            "email": project.contact_email,
        }
        if project.contact_name or project.contact_email
        else None,
        "published": project.publish_at.isoformat(),
        "updated": project.updated_at.isoformat(),
        "source_language": project.source_language,
    }


def partner_record(organisation, code):
    return {
        "id": organisation.pk,
        "url": absolute_url(url_in(organisation, code)),
        "name": _t(organisation, "name", code),
        "acronym": organisation.acronym or "",
        "kind": organisation.kind or None,
        "kind_label": str(organisation.get_kind_display()) or None,
        "country": organisation.country or None,
        "website": organisation.website or None,
        "logo": file_url(organisation.logo),
        "description_html": rich_text_html(_t(organisation, "description", code)),
        "iati_identifier": organisation.iati_identifier or None,
        "updated": organisation.updated_at.isoformat(),
    }


# Each export: (queryset, title field, record, sort keys). The sort keys are the
# queryset's ordering, (field, descending), ending with the primary key.
NEWEST_FIRST = (("date", True), ("pk", True))
EXPORTS = {
    "news": (
        lambda: (
            # The organisations and projects the news page shows: published ones.
            NewsItem.objects.published().with_relations().order_by("-date", "-pk")
        ),
        "title",
        news_record,
        NEWEST_FIRST,
    ),
    "events": (
        lambda: Event.objects.published().with_relations().order_by("-starts_at", "-pk"),
        "title",
        event_record,
        (("starts_at", True), ("pk", True)),
    ),
    "projects": (
        lambda: (
            Project.objects.published()
            .prefetch_related(
                Prefetch("partner_roles", queryset=ProjectPartner.objects.select_related("organisation")),
                "objectives",
                "places",
                "documents",
                "topics",
            )
            .order_by("-start_date", "-pk")
        ),
        "title",
        project_record,
        (("start_date", True), ("pk", True)),
    ),
    "partners": (
        lambda: Organisation.objects.published().select_related("logo").order_by("pk"),
        "name",
        partner_record,
        (("pk", False),),
    ),
}


def page_starts(queryset, keys, per_page):
    """The sort keys of the first row of every page, and the number of rows.

    Read once per site version (the caller caches it): one pass over the sort
    keys only. Every page is then read from its first row's keys (keyset
    paging), with no OFFSET, so a page in the middle or at the end costs what
    the first does.
    """
    starts, count = [], 0
    for count, row in enumerate(queryset.values_list(*(name for name, _desc in keys)), start=1):
        if count % per_page == 1 or per_page == 1:
            starts.append(row)
    return {"starts": starts, "count": count}


def from_row(keys, values):
    """Rows at or after the row with these sort-key `values`, in the order of `keys`."""
    condition, equal = Q(), {}
    for (name, descending), value in zip(keys, values, strict=True):
        condition |= Q(**equal, **{f"{name}__{'lt' if descending else 'gt'}": value})
        equal[name] = value
    return condition | Q(**equal)


def page_number(value, pages):
    check_page_number(value)
    try:
        number = int(value or 1)
    except (TypeError, ValueError):
        raise Http404("That page number is not an integer") from None
    if not 1 <= number <= pages:
        raise Http404("That page contains no results")
    return number


@reads_query("page")
@require_safe
@cache_control(max_age=300, public=True)
def export_json(request, dataset):
    if dataset not in EXPORTS:
        raise Http404("Unknown data set")
    queryset_factory, title_field, record, keys = EXPORTS[dataset]
    code = get_language()
    queryset = queryset_factory().filter(**{f"{title_field}_{code}__gt": "", f"slug_{code}__gt": ""})
    # The first row of every page (and the count) once per site version and language;
    # then every page is read from its first row on (keyset paging, no OFFSET).
    size = EXPORT_PAGE_SIZE
    pages = cache.get_or_set(
        **site_cache.fragment(f"export-pages:{dataset}:{code}:{size}"),
        default=lambda: page_starts(queryset, keys, size),
    )
    starts = pages["starts"]
    number = page_number(request.GET.get("page"), max(1, len(starts)))
    items = list(queryset.filter(from_row(keys, starts[number - 1]))[:size]) if starts else []
    base = request.build_absolute_uri(request.path)
    data = {
        "language": code,
        "dataset": dataset,
        "count": pages["count"],
        "page": number,
        "pages": max(1, len(starts)),
        "next": f"{base}?page={number + 1}" if number < len(starts) else None,
        "previous": f"{base}?page={number - 1}" if number > 1 else None,
        "results": [record(item, code) for item in items],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Language"] = code
    response["Access-Control-Allow-Origin"] = "*"
    return response
