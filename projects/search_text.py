"""What the site search finds of a project, in each language (search.indexing reads it)."""

from core.text import plain_text
from projects.models import Project

KIND = "project"
MODEL = Project
PREFETCH = ("partner_roles__organisation", "places")


def texts(project, code):
    names = [
        getattr(role.organisation, f"name_{code}") or role.organisation.name_en or ""
        for role in project.partner_roles.all()
    ]
    names += [getattr(place, f"name_{code}") or place.name_en or "" for place in project.places.all()]
    return {
        "title": getattr(project, f"title_{code}"),
        "lead": getattr(project, f"summary_{code}") or "",
        "body": plain_text(getattr(project, f"description_{code}")),
        # Found, not shown: the partners and places.
        "extra": names,
        "date": project.start_date,
    }
