"""Places on a map drawn from the shipped base map (projects.maps): no tile server, names in the page's language."""

from types import SimpleNamespace

import pytest
from django.contrib.staticfiles import finders

from projects import maps
from tests.events.factories import EventFactory
from tests.projects.factories import PlaceFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def place(name, latitude, longitude, kind="municipality"):
    return SimpleNamespace(name=name, latitude=latitude, longitude=longitude, kind=kind)


def test_the_base_map_is_shipped_with_its_sources_note():
    svg = finders.find(maps.BASE_MAP)
    assert svg and "Natural Earth" in open(svg, encoding="utf-8").read(400)
    assert "public domain" in open(finders.find("maps/SOURCES.txt"), encoding="utf-8").read()


def test_names_of_near_places_do_not_overlap_and_countries_give_way_to_cities():
    drawn = maps.layout(
        [
            place("North Mitrovica", 42.89139, 20.866),
            place("South Mitrovica", 42.8833, 20.8667),
            place("Prishtina", 42.6629, 21.1655),
            place("Gračanica", 42.6, 21.1933),
            place("Kosovo", 42.6629, 21.1655, kind="country"),
            place("Vilnius", 54.68, 25.28),  # outside the region: in the list of places only
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
    assert font > 0 and maps.layout([place("Vilnius", 54.68, 25.28)]) is None
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
    assert 'href="/static/maps/western-balkans.svg' in figure
    assert "http" not in figure.replace("http://www.w3.org", "")


def test_an_event_page_draws_its_place_and_a_place_without_coordinates_only_in_words(client):
    event = EventFactory(title_en="Public event in Lipjan")
    event.places.add(PlaceFactory(name_en="Lipjan"))
    assert '<figure class="places-map">' in client.get(event.get_absolute_url_for("en")).content.decode()
    event.places.set([PlaceFactory(name_en="Somewhere", latitude=None, longitude=None)])
    html = client.get(event.get_absolute_url_for("en")).content.decode()
    assert "places-map" not in html and "Somewhere" in html
