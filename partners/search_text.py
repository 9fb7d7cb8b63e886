"""What the site search finds of an organisation, in each language (search.indexing reads it)."""

from core.text import plain_text
from partners.models import Organisation

KIND = "partner"
MODEL = Organisation
PREFETCH = ()


def texts(organisation, code):
    name = getattr(organisation, f"name_{code}")
    acronym = getattr(organisation, f"acronym_{code}") or organisation.acronym_en or ""
    return {
        "title": f"{name} ({acronym})" if name and acronym and acronym not in name else name,
        "lead": "",
        "body": plain_text(getattr(organisation, f"description_{code}")),
        "date": None,
    }
