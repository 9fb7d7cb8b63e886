"""Projects as IATI activity XML, version 2.03: ``/iati/activities.xml``.

One ``iati-activity`` per published project, with title and description in
each of our languages (``narrative xml:lang``), the organisations and their
IATI roles, status, dates, countries, places and documents. The reporting
organisation is configured with the ``IATI_REPORTING_ORG_*`` settings;
projects without their own identifier get ``<reporting-org ref>-<id>``.

Codelists: https://iatistandard.org/en/iati-standard/203/codelists/
"""

import datetime
import mimetypes
import tempfile
import xml.etree.ElementTree as ET  # we only build XML, never parse it

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import condition, require_safe

from core import cache as site_cache
from core.i18n import language_urls, url_in
from core.models import LANGUAGE_CODES
from core.text import absolute_url, plain_text
from partners.models import Organisation
from projects.models import Document, Phase, Project, ProjectPartner, Role

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# ProjectPartner.role -> IATI OrganisationRole codes
# (1 Funding, 2 Accountable, 3 Extending, 4 Implementing).
ROLE_CODES = {
    Role.FUNDING: ["1"],
    Role.LEAD: ["2", "4"],
    Role.ACCOUNTABLE: ["2"],
    Role.FUND_MANAGER: ["3"],
    Role.IMPLEMENTING: ["4"],
    Role.PARTNER: ["4"],
}
# Organisation.kind -> IATI OrganisationType codes.
ORGANISATION_TYPES = {
    Organisation.Kind.GOVERNMENT: "10",
    Organisation.Kind.NGO: "22",
    Organisation.Kind.INTERNATIONAL: "40",
    Organisation.Kind.BUSINESS: "70",
    Organisation.Kind.ACADEMIC: "80",
    Organisation.Kind.DONOR: "60",
    Organisation.Kind.MEDIA: "22",
}
# Phase -> IATI ActivityStatus (1 Pipeline, 2 Implementation, 4 Closed).
ACTIVITY_STATUS = {Phase.PLANNED: "1", Phase.ONGOING: "2", Phase.COMPLETED: "4"}
# Document.category -> IATI DocumentCategory.
DOCUMENT_CATEGORIES = {
    Document.Category.REPORT: "A07",  # Review of project performance and evaluation
    Document.Category.ASSESSMENT: "A01",  # Pre- and post-project impact appraisal
    Document.Category.BRIEF: "A08",  # Results, outcomes and outputs
    Document.Category.AGENDA: "A02",  # Objectives / purpose of activity
    Document.Category.OTHER: "A08",
}
# Place.kind -> IATI GeographicLocationClass (1 Administrative region, 2 Populated place).
LOCATION_CLASSES = {"municipality": "1", "city": "2", "region": "1", "country": "1"}
WGS84 = "http://www.opengis.net/def/crs/EPSG/0/4326"


def _iso_datetime(value):
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def _narratives(parent, tag, values, attrs=None):
    """<tag><narrative xml:lang="..">..</narrative>...</tag> for the non-empty values."""
    present = [(code, text.strip()) for code, text in values if text and text.strip()]
    if not present:
        return None
    element = ET.SubElement(parent, tag, attrs or {})
    for code, text in present:
        ET.SubElement(element, "narrative", {XML_LANG: code}).text = text
    return element


def _translations(obj, field, fallback_field=None):
    values = [(code, getattr(obj, f"{field}_{code}", "") or "") for code in LANGUAGE_CODES]
    if not any(text for _code, text in values) and fallback_field:
        return _translations(obj, fallback_field)
    return values


def activity_identifier(project):
    return project.iati_identifier or f"{settings.IATI_REPORTING_ORG_REF}-{project.pk}"


def _reporting_org(parent, tag="reporting-org", role=None):
    attrs = {"ref": settings.IATI_REPORTING_ORG_REF, "type": settings.IATI_REPORTING_ORG_TYPE}
    if role:
        attrs["role"] = role
    element = ET.SubElement(parent, tag, attrs)
    ET.SubElement(element, "narrative").text = settings.IATI_REPORTING_ORG_NAME
    return element


def _participating_orgs(activity, project):
    seen = set()
    for partner in project.partner_roles.all():
        organisation = partner.organisation
        for code in ROLE_CODES.get(partner.role, []):
            if (organisation.pk, code) in seen:
                continue
            seen.add((organisation.pk, code))
            attrs = {"role": code}
            if organisation.iati_identifier:
                attrs["ref"] = organisation.iati_identifier
            if organisation.kind in ORGANISATION_TYPES:
                attrs["type"] = ORGANISATION_TYPES[organisation.kind]
            element = ET.SubElement(activity, "participating-org", attrs)
            names = _translations(organisation, "name")
            for lang, name in names:
                if name:
                    ET.SubElement(element, "narrative", {XML_LANG: lang}).text = name
    for code in ROLE_CODES.get(project.our_role, []):
        _reporting_org(activity, "participating-org", role=code)


def _countries(project):
    countries = []
    for place in project.places.all():
        if place.country and place.country not in countries:
            countries.append(place.country)
    if not countries:
        for partner in project.partner_roles.all():
            if partner.role in (Role.LEAD, Role.IMPLEMENTING, Role.PARTNER):
                country = partner.organisation.country
                if country and country not in countries:
                    countries.append(country)
    return countries


def _percentages(count):
    """Equal shares that add up to exactly 100."""
    base = round(100 / count, 2)
    shares = [base] * count
    shares[-1] = round(100 - base * (count - 1), 2)
    return [f"{share:g}" for share in shares]


def _dates(activity, project, today):
    ET.SubElement(activity, "activity-date", {"type": "1", "iso-date": project.start_date.isoformat()})
    if project.start_date <= today:
        ET.SubElement(activity, "activity-date", {"type": "2", "iso-date": project.start_date.isoformat()})
    if project.end_date:
        ET.SubElement(activity, "activity-date", {"type": "3", "iso-date": project.end_date.isoformat()})
        if project.end_date < today:
            ET.SubElement(activity, "activity-date", {"type": "4", "iso-date": project.end_date.isoformat()})


def _locations(activity, project):
    for place in project.places.all():
        location = ET.SubElement(activity, "location", {"ref": f"{activity_identifier(project)}-place-{place.pk}"})
        _narratives(location, "name", _translations(place, "name"))
        if place.latitude is not None and place.longitude is not None:
            point = ET.SubElement(location, "point", {"srsName": WGS84})
            ET.SubElement(point, "pos").text = f"{place.latitude} {place.longitude}"
            ET.SubElement(location, "exactness", {"code": "2"})
        ET.SubElement(location, "location-class", {"code": LOCATION_CLASSES.get(place.kind, "2")})


def _document_url(project, document):
    """The document's public download address, in the project's source language."""
    return absolute_url(url_in(document, project.source_language))


def _document_links(activity, project):
    for document in project.documents.all():
        if not document.file:
            continue
        mime = document.content_type or mimetypes.guess_type(document.file.name)[0] or "application/octet-stream"
        link = ET.SubElement(activity, "document-link", {"format": mime, "url": _document_url(project, document)})
        _narratives(link, "title", _translations(document, "title")) or _narratives(
            link, "title", [("en", document.file.name.rsplit("/", 1)[-1])]
        )
        ET.SubElement(link, "category", {"code": DOCUMENT_CATEGORIES.get(document.category, "A08")})
        for language in LANGUAGE_CODES if document.language == "mul" else [document.language]:
            ET.SubElement(link, "language", {"code": language})
        if document.published_on:
            ET.SubElement(link, "document-date", {"iso-date": document.published_on.isoformat()})
    # The project's own page, in every language it exists in: "Activity web page".
    for code, url in language_urls(project).items():
        link = ET.SubElement(activity, "document-link", {"format": "text/html", "url": absolute_url(url)})
        _narratives(link, "title", [(code, getattr(project, f"title_{code}"))])
        ET.SubElement(link, "category", {"code": "A12"})
        ET.SubElement(link, "language", {"code": code})


def activity_element(project, today):
    activity = ET.Element(
        "iati-activity",
        {
            "last-updated-datetime": _iso_datetime(project.updated_at),
            XML_LANG: project.source_language or settings.LANGUAGE_CODE,
            "hierarchy": "1",
        },
    )
    ET.SubElement(activity, "iati-identifier").text = activity_identifier(project)
    _reporting_org(activity)
    _narratives(activity, "title", _translations(project, "title"))
    descriptions = [
        (code, plain_text(getattr(project, f"description_{code}", "")) or getattr(project, f"summary_{code}", "") or "")
        for code in LANGUAGE_CODES
    ]
    if not _narratives(activity, "description", descriptions, {"type": "1"}):
        _narratives(activity, "description", _translations(project, "title"), {"type": "1"})
    objectives = [
        (
            code,
            "\n".join(getattr(objective, f"text_{code}", "") or "" for objective in project.objectives.all()).strip(),
        )
        for code in LANGUAGE_CODES
    ]
    _narratives(activity, "description", objectives, {"type": "2"})
    _participating_orgs(activity, project)
    if not activity.findall("participating-org"):
        # The standard needs at least one participating organisation: we report what we run.
        _reporting_org(activity, "participating-org", role="4")
    ET.SubElement(activity, "activity-status", {"code": ACTIVITY_STATUS[project.phase_on(today)]})
    _dates(activity, project, today)
    countries = _countries(project)
    for country, share in zip(
        countries, _percentages(len(countries)) if len(countries) > 1 else [None] * len(countries), strict=True
    ):
        attrs = {"code": country}
        if share:
            attrs["percentage"] = share
        ET.SubElement(activity, "recipient-country", attrs)
    _locations(activity, project)
    _document_links(activity, project)
    return activity


def activities_queryset():
    return (
        Project.objects.published()
        .order_by("start_date", "pk")
        .prefetch_related(
            Prefetch(
                "partner_roles", queryset=ProjectPartner.objects.select_related("organisation").order_by("order", "pk")
            ),
            "places",
            "documents",
            "objectives",
        )
    )


def activities_chunks(projects, now=None):
    """The activity file piece by piece: one activity in memory at a time."""
    now = now or timezone.now()
    root = ET.Element(
        "iati-activities",
        {"version": "2.03", "generated-datetime": _iso_datetime(now), "linked-data-default": settings.SITE_URL + "/"},
    )
    opening = ET.tostring(root, encoding="unicode").replace(" />", ">")
    yield f'<?xml version="1.0" encoding="UTF-8"?>\n{opening}\n'.encode()
    today = timezone.localdate(now) if timezone.is_aware(now) else datetime.date.today()
    for project in projects:
        element = activity_element(project, today)
        ET.indent(element, level=1)
        yield b"  " + ET.tostring(element, encoding="utf-8", xml_declaration=False) + b"\n"
    yield b"</iati-activities>\n"


def stored_activities_file():
    """The name of the activity file of the current site version in the media storage, written if missing.

    Written once per site version (any content change makes a new one), from
    an iterator over the projects, so that neither the request nor the worker
    holds the whole file; every later request streams the stored file.
    """
    name = f"opendata/iati-activities-{site_cache.version()}.xml"
    if not default_storage.exists(name):
        with tempfile.TemporaryFile() as spool:
            for chunk in activities_chunks(activities_queryset().iterator(chunk_size=200)):
                spool.write(chunk)
            spool.seek(0)
            name = default_storage.save(name, File(spool))
        _, earlier = default_storage.listdir("opendata")
        for other in earlier:
            if other.startswith("iati-activities-") and f"opendata/{other}" != name:
                default_storage.delete(f"opendata/{other}")
    return name


def activities_etag(request):
    """The file is made once per site version (stored_activities_file): the version tells whether it changed."""
    return f'"iati-{site_cache.version()}"'


@require_safe
@condition(etag_func=activities_etag)
def activities_xml(request):
    """The stored activity file, cached by browsers and proxies exactly as long as the site's pages.

    Streamed, so the page cache does not keep it; the HTTP caching headers are the
    page cache's own (portal.page_cache): browsers ask again every time
    (PAGE_CACHE_MAX_AGE, 0) and get a 304 while the site version has not moved,
    proxies keep it PAGE_CACHE_SHARED_MAX_AGE seconds at most, and neither past the
    next scheduled publish. An unpublished project is gone from it at once.
    """
    if not Project.objects.published().exists():
        # The 2.03 schema needs at least one iati-activity; nothing published yet is "not found".
        raise Http404("No activities are published yet.")
    name = stored_activities_file()
    response = FileResponse(default_storage.open(name, "rb"), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="activities.xml"'
    response["Access-Control-Allow-Origin"] = "*"
    response["Last-Modified"] = http_date(default_storage.get_modified_time(name).timestamp())
    lifetime = site_cache.seconds_to_next_publish(default=settings.PAGE_CACHE_TIMEOUT)
    patch_cache_control(
        response,
        public=True,
        max_age=min(settings.PAGE_CACHE_MAX_AGE, lifetime),
        s_maxage=min(settings.PAGE_CACHE_SHARED_MAX_AGE, lifetime),
    )
    return response
