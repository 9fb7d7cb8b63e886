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


@register.inclusion_tag("includes/places_map_card.html")
def places_map_card(places, title):
    """A card's picture when it has none: its places as dots on the base map, else the title's first letter.

    Decorative either way (the card's title and text say what it is).
    """
    return {"map": maps.layout(list(places)), "letter": str(title)[:1]}
