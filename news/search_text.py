"""What the site search finds of a news item, in each language (search.indexing reads it)."""

from core.text import plain_text
from news.models import NewsItem

KIND = "news"
MODEL = NewsItem
PREFETCH = ("organisations",)


def texts(item, code):
    return {
        "title": getattr(item, f"title_{code}"),
        "lead": getattr(item, f"lead_{code}") or "",
        "body": plain_text(getattr(item, f"body_{code}")),
        # Found, not shown: the place and the organisations involved.
        "extra": [
            getattr(item, f"place_{code}") or "",
            *(getattr(org, f"name_{code}") or org.name_en or "" for org in item.organisations.all()),
        ],
        "date": item.date,
    }
