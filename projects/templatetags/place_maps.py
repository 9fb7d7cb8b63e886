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
def places_map_card(places, title, picture=None):
    """A project card's picture: its places as dots on the base map, else `picture`, else the title's first letter.

    The map comes first: it says where at a glance, with no words to translate.
    Decorative in every case (the card's title and text say what it is).
    """
    return {"map": maps.layout(list(places), countries=False), "picture": picture, "letter": str(title)[:1]}
