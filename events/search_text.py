"""What the site search finds of an event, in each language (search.indexing reads it)."""

from core.text import plain_text
from events.models import Event

KIND = "event"
MODEL = Event
PREFETCH = ("places", "organisers")


def texts(event, code):
    return {
        "title": getattr(event, f"title_{code}"),
        "lead": getattr(event, f"lead_{code}") or "",
        "body": plain_text(getattr(event, f"description_{code}")),
        # Found, not shown: the venue, the places and the organisers.
        "extra": [
            getattr(event, f"venue_{code}") or "",
            *(getattr(place, f"name_{code}") or place.name_en or "" for place in event.places.all()),
            *(getattr(org, f"name_{code}") or org.name_en or "" for org in event.organisers.all()),
        ],
        "date": event.first_day,
    }
