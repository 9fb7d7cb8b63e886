"""The demo events: the seed pages' facts only, every page answering in every language and in Łacinka."""

import re

import pytest
from django.utils import translation

from events.models import Event

pytestmark = pytest.mark.django_db

PAGES = ("be", "be-latn", "sq", "en")


def test_the_demo_has_the_seeds_events_with_the_dates_they_give(demo_content):
    events = {event.slug_en: event for event in Event.objects.published()}
    forum = events["tirana-civil-society-and-think-tank-forum-2023"]
    with translation.override("en"):
        assert forum.dates == "14–15 October 2023"
        assert [place.name for place in forum.places.all()] == ["Tirana"]
    with translation.override("sq"):
        assert forum.dates == "14–15 tetor 2023"
    public = [slug for slug in events if slug.startswith("public-event-in-")]
    assert len(public) == 5
    for slug in (
        *public,
        "focus-groups-in-north-and-south-mitrovica",
        "closing-conference-on-interethnic-cooperation-in-kosovo",
    ):
        with translation.override("en"):
            assert events[slug].dates == "May–December 2024", slug
        assert events[slug].precision == "month"
    visit = events["delegation-of-belarus-democratic-forces-visits-prishtina"]
    with translation.override("be"):
        assert visit.dates == "красавік 2025"


@pytest.mark.parametrize("language", PAGES)
def test_every_demo_event_page_answers_with_one_h1_and_no_invented_day(client, demo_content, language):
    for event in Event.objects.published():
        slug = getattr(event, f"slug_{'be' if language == 'be-latn' else language}")
        response = client.get(f"/{language}/events/{slug}/")
        assert response.status_code == 200, slug
        html = response.content.decode()
        assert len(re.findall(r"<h1[\s>]", html)) == 1, slug
        if event.precision != "day":
            assert not re.search(r"<time[^>]*>\d{1,2}[ .]", html), slug
    listing = client.get(f"/{language}/events/?when=past")
    assert listing.status_code == 200
