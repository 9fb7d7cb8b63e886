"""Places on a map drawn from the shipped base map (projects.maps): no tile server, names in the page's language."""

import os
from types import SimpleNamespace

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation

from projects import maps
from tests.events.factories import EventFactory
from tests.projects.factories import PlaceFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def place(name, latitude, longitude, kind="municipality"):
    return SimpleNamespace(name=name, latitude=latitude, longitude=longitude, kind=kind)


@pytest.mark.parametrize("region", maps.REGIONS, ids=lambda region: region.slug)
def test_each_base_map_is_shipped_small_with_its_sources_note(region):
    svg = finders.find(region.base_map)
    assert svg and "Natural Earth" in open(svg, encoding="utf-8").read(400)
    assert os.path.getsize(svg) < 60_000
    sources = open(finders.find("maps/SOURCES.txt"), encoding="utf-8").read()
    assert "public domain" in sources and f"{region.slug}.svg" in sources


@pytest.mark.parametrize(
    ("places", "region"),
    [
        ([("Prishtina", 42.6629, 21.1655), ("Tirana", 41.3275, 19.8187)], "western-balkans"),
        ([("Vilnius", 54.6872, 25.2797), ("Warsaw", 52.2297, 21.0122)], "belarus-lithuania-poland"),
        ([("Minsk", 53.9006, 27.559)], "belarus-lithuania-poland"),
        ([("Minsk", 53.9006, 27.559), ("Prishtina", 42.6629, 21.1655)], "central-eastern-europe"),
        # a place beyond every map is left to the list of places; the rest are drawn
        ([("Vilnius", 54.6872, 25.2797), ("Brussels", 50.8503, 4.3517)], "belarus-lithuania-poland"),
    ],
)
def test_the_map_is_the_smallest_region_that_holds_the_places(places, region):
    drawn = maps.layout([place(*args) for args in places])
    assert drawn["base_map"] == f"maps/{region}.svg"
    assert "Brussels" not in [point.name for point in drawn["points"]]
    left, top, width, height = map(float, drawn["view_box"].split())
    for point in drawn["points"]:
        assert left <= point.x <= left + width and top <= point.y <= top + height
    assert 0 <= left and left + width <= drawn["base_width"]  # nothing shown past the base map's edges
    assert 0 <= top and top + height <= drawn["base_height"]


def test_nothing_is_drawn_for_places_beyond_every_map_and_a_country_stands_in_for_such_a_city():
    assert maps.layout([place("Brussels", 50.8503, 4.3517), place("Nowhere", None, None)]) is None
    drawn = maps.layout([place("Brussels", 50.8503, 4.3517), place("Belarus", 53.9006, 27.559, kind="country")])
    assert [point.name for point in drawn["points"]] == ["Belarus"]
    assert drawn["base_map"] == maps.NORTH_EAST.base_map


def test_country_names_are_translated_and_kept_clear_of_the_places():
    with translation.override("be"):
        drawn = maps.layout([place("Vilnius", 54.6872, 25.2797), place("Minsk", 53.9006, 27.559)])
    names = [country.name for country in drawn["countries"]]
    assert "Беларусь" in names and "Літва" in names
    font = drawn["country_font"]
    for country in drawn["countries"]:
        for point in drawn["points"]:
            assert abs(country.x - point.x) > font * 0.4 or abs(country.y - point.y) > font * 0.4
    assert maps.layout([place("Minsk", 53.9006, 27.559)], countries=False)["countries"] == []


def test_names_of_near_places_do_not_overlap_and_countries_give_way_to_cities():
    drawn = maps.layout(
        [
            place("North Mitrovica", 42.89139, 20.866),
            place("South Mitrovica", 42.8833, 20.8667),
            place("Prishtina", 42.6629, 21.1655),
            place("Gračanica", 42.6, 21.1933),
            place("Kosovo", 42.6629, 21.1655, kind="country"),
        ]
    )
    names = [point.name for point in drawn["points"]]
    assert sorted(names) == ["Gračanica", "North Mitrovica", "Prishtina", "South Mitrovica"]
    font = drawn["font"]
    lines = {(point.label_y, point.anchor) for point in drawn["points"]}
    assert len(lines) == 4  # no two names on the same line and side
    left, top, width, height = map(float, drawn["view_box"].split())
    for point in drawn["points"]:
        assert left <= point.x <= left + width and top <= point.y <= top + height
    assert font > 0 and drawn["base_map"] == maps.WESTERN_BALKANS.base_map
    assert [p.name for p in maps.layout([place("Kosovo", 42.66, 21.17, kind="country")])["points"]] == ["Kosovo"]


@pytest.mark.parametrize(("language", "name"), [("be", "Ліп’ян 1"), ("sq", "Lipjani 1"), ("en", "Lipjan 1")])
def test_a_project_page_draws_its_places_in_the_page_language(client, language, name):
    project = ProjectFactory()
    project.places.add(PlaceFactory(name_en="Lipjan 1", name_sq="Lipjani 1", name_be="Ліп’ян 1"))
    html = client.get(project.get_absolute_url_for(language)).content.decode()
    figure = html.split('<figure class="places-map">', 1)[1].split("</figure>", 1)[0]
    assert 'role="img" aria-labelledby="places-map-title places-map-desc"' in figure
    assert f'<desc id="places-map-desc">{name}</desc>' in figure
    assert f'text-anchor="start">{name}</text>' in figure
    assert {"be": "Косава", "sq": "Kosova", "en": "Kosovo"}[language] in figure  # the country's name, translated
    assert 'href="/static/maps/western-balkans.svg' in figure
    assert "http" not in figure.replace("http://www.w3.org", "")


def test_an_event_page_draws_its_place_and_a_place_without_coordinates_only_in_words(client):
    event = EventFactory(title_en="Public event in Lipjan")
    event.places.add(PlaceFactory(name_en="Lipjan"))
    assert '<figure class="places-map">' in client.get(event.get_absolute_url_for("en")).content.decode()
    event.places.set([PlaceFactory(name_en="Somewhere", latitude=None, longitude=None)])
    html = client.get(event.get_absolute_url_for("en")).content.decode()
    assert "places-map" not in html and "Somewhere" in html


@pytest.mark.parametrize(
    ("language", "city", "country"),
    [
        ("be", "Вільнюс", "Літва"),
        ("be-latn", "Vilnius", "Litva"),
        ("sq", "Vilnius", "Lituania"),
        ("en", "Vilnius", "Lithuania"),
    ],
)
def test_a_project_in_vilnius_is_drawn_on_the_northern_map_in_the_page_language(client, language, city, country):
    project = ProjectFactory()
    project.places.add(
        PlaceFactory(
            name_en="Vilnius",
            name_sq="Vilnius",
            name_be="Вільнюс",
            kind="city",
            latitude="54.68720",
            longitude="25.27970",
        )
    )
    url = project.get_absolute_url_for("be" if language == "be-latn" else language)
    html = client.get(url.replace("/be/", f"/{language}/", 1)).content.decode()
    figure = html.split('<figure class="places-map">', 1)[1].split("</figure>", 1)[0]
    assert 'href="/static/maps/belarus-lithuania-poland.svg' in figure
    assert f">{city}</text>" in figure and f">{country}</text>" in figure
    with translation.override("be" if language == "be-latn" else language):
        listing_url = reverse("projects:list").replace("/be/", f"/{language}/", 1)
    listing = client.get(listing_url).content.decode()
    card = listing.split('<div class="card-map"', 1)[1].split("</div>", 1)[0]
    assert "belarus-lithuania-poland.svg" in card and "<text" not in card  # a card's map has no words
