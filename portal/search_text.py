"""What the site search finds of a static page, in each language (search.indexing reads it)."""

from core.text import plain_text
from portal.models import Page

KIND = "page"
MODEL = Page
PREFETCH = ()


def texts(page, code):
    return {
        "title": getattr(page, f"title_{code}"),
        "lead": getattr(page, f"intro_{code}") or "",
        "body": plain_text(getattr(page, f"body_{code}")),
        "date": None,
    }
