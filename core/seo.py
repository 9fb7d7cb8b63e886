"""What a page tells search engines and social networks about its item: the helpers each model's
``structured_data(language)`` uses (news, projects, partners, pages).

portal.seo assembles the page-level graph (the site's own organisation, breadcrumbs) around what the item gives.
"""

from django.conf import settings
from django.utils.text import Truncator
from django.utils.translation import get_language

from core.i18n import url_in
from core.text import absolute_url

DESCRIPTION_LENGTH = 200


def describe(text, length=DESCRIPTION_LENGTH):
    return Truncator(" ".join(str(text or "").split())).chars(length)


def site_reference():
    """The site's own organisation, as the author and publisher of its pages (defined once per page)."""
    return {"@id": f"{settings.SITE_URL}/#organisation"}


def project_date(date, years_only):
    """A project's start or end as precisely as the site knows it: the month ("2024-05"), or the year for a
    project that shows years only ("2022"). Both are ISO 8601 dates, as schema.org takes them; the stored
    first day of the month is no fact about the project."""
    return str(date.year) if years_only else f"{date.year:04d}-{date.month:02d}"


def organisation_data(organisation):
    """An organisation as schema.org names it: a partner's page, a project's funder or member."""
    data = {
        "@type": "Organization",
        "name": str(organisation),
        "url": absolute_url(url_in(organisation, get_language())),
    }
    if organisation.website:
        data["sameAs"] = organisation.website
    return data
