import pytest
from django.urls import reverse
from django.utils import translation

from core.models import Status
from events.models import Event
from tests.conftest import LANGUAGES
from tests.events.factories import EventFactory, local
from tests.partners.factories import OrganisationFactory
from tests.projects.factories import PlaceFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "pass")
    client.force_login(user)
    return client


def form_data(**values):
    data = {
        "title_en": "Closing conference in Prishtina",
        "title_sq": "Konferenca përmbyllëse në Prishtinë",
        "title_be": "Заключная канферэнцыя ў Прышціне",
        "starts_at_0": "2031-10-14",
        "starts_at_1": "",
        "ends_at_0": "2031-10-15",
        "ends_at_1": "",
        "all_day": "on",
        "precision": "day",
        "event_status": "scheduled",
        "status": "published",
        "source_language": "en",
    }
    data.update(values)
    return {name: value for name, value in data.items() if value is not None}


def test_an_all_day_event_is_added_with_its_days_alone_in_one_form(admin_client, client):
    place, organiser, project = PlaceFactory(), OrganisationFactory(), ProjectFactory()
    response = admin_client.post(
        reverse("admin:events_event_add"),
        form_data(places=[place.pk], organisers=[organiser.pk], project=project.pk),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(title_en="Closing conference in Prishtina")
    assert event.status == Status.PUBLISHED and event.all_day
    assert (event.starts_at, event.ends_at) == (local(2031, 10, 14), local(2031, 10, 15))
    for language in LANGUAGES:
        page = client.get(f"/{language}/events/{getattr(event, f'slug_{language}')}/")
        assert page.status_code == 200
        assert getattr(event, f"title_{language}") in page.content.decode()


def test_times_are_read_in_the_site_time_zone(admin_client):
    response = admin_client.post(
        reverse("admin:events_event_add"),
        form_data(all_day=None, starts_at_1="10:00", ends_at_0="2031-10-14", ends_at_1="12:30"),
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.starts_at, event.ends_at) == (local(2031, 10, 14, 10, 0), local(2031, 10, 14, 12, 30))


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "The end cannot be before the start."), ("sq", "Mbarimi nuk mund të jetë para fillimit.")],
)
def test_an_end_before_the_start_is_refused_with_a_message_in_the_editor_language(admin_client, language, message):
    with translation.override(language):
        url = reverse("admin:events_event_add")
    response = admin_client.post(url, form_data(ends_at_0="2031-10-13"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert not Event.objects.exists()
    assert response.context["adminform"].form.errors["ends_at"] == [message]


def test_the_form_explains_the_time_zone(admin_client, settings):
    html = admin_client.get(reverse("admin:events_event_add")).content.decode()
    assert settings.TIME_ZONE in html
    assert "Calendar applications show them in each reader" in html


def test_changelist_filters_and_search(admin_client, django_assert_max_num_queries):
    EventFactory(title_en="Forum in Tirana", starts_at=local(2031, 10, 14, 10), ends_at=None)
    EventFactory(title_en="Focus group", event_status=Event.Status.CANCELLED)
    changelist = reverse("admin:events_event_changelist")
    html = admin_client.get(changelist).content.decode()
    assert "Forum in Tirana" in html and "14 October 2031, 10:00 CEST" in html
    for query in ("event_status__exact=cancelled", "year=2031", "year=junk", "q=Tirana", "status__exact=draft"):
        assert admin_client.get(f"{changelist}?{query}").status_code == 200
    assert "Forum in Tirana" not in admin_client.get(f"{changelist}?event_status__exact=cancelled").content.decode()
    for _n in range(10):
        EventFactory()
    with django_assert_max_num_queries(15):
        admin_client.get(changelist)
