from django import template

from core.i18n import other_language
from projects import maps

register = template.Library()


@register.inclusion_tag("includes/places_map.html")
def places_map(places):
    """An SVG map of `places` over the shipped base map, with their names; nothing when none can be drawn."""
    places = list(places)
    drawn = maps.layout(places, lang_of=lambda place: other_language(place, "name"))
    return {"map": drawn, "places": places}
