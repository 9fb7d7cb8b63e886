"""The snapshot destinations in the admin: read-only, for staff with the view permission, in
every language of the interface."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from mirror.models import Destination
from tests.editorial.workflow_helpers import editor, make_user, translator

pytestmark = pytest.mark.django_db

LIST = "/admin/mirror/destination/"


@pytest.fixture
def destinations():
    now = timezone.now()
    Destination.objects.create(name="cdn", target="s3://copy/ura", base_url="https://cdn.example.net", last_success=now)
    broken = Destination.objects.create(
        name="friend",
        target="/var/www/ura",
        base_url="https://friend.example.org",
        last_success=now - datetime.timedelta(hours=2),
        last_failure=now,
        last_error="PermissionError: [Errno 13] Permission denied: '/var/www/ura/en'",
    )
    return broken


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("be", ["Апошняе паспяховае абнаўленне", "збой", "абноўлена"]),
        ("sq", ["Përditësimi i fundit i suksesshëm", "dështon", "i përditësuar"]),
        ("en", ["Last successful update", "failing", "up to date"]),
    ],
)
def test_an_editor_sees_each_destination_s_state_in_their_language(
    client, destinations, language, words, django_assert_max_num_queries
):
    client.force_login(editor())
    client.cookies["django_language"] = language
    with django_assert_max_num_queries(12):
        response = client.get(LIST, headers={"accept-language": language})
    assert response.status_code == 200
    html = response.content.decode()
    for word in words:
        assert word in html, word
    detail = client.get(f"{LIST}{destinations.pk}/change/", headers={"accept-language": language}).content.decode()
    assert "Permission denied" in detail
    assert 'name="_save"' not in detail  # nothing to change


def test_nothing_is_added_changed_or_deleted_and_without_the_permission_nothing_is_seen(client, destinations):
    client.force_login(editor())
    assert client.get(f"{LIST}add/").status_code == 403
    assert client.post(f"{LIST}{destinations.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(f"{LIST}{destinations.pk}/change/", {"name": "x"}).status_code == 403
    assert Destination.objects.filter(name="friend").exists()
    client.force_login(translator())
    assert client.get(LIST).status_code == 403
    staff = make_user("someone")
    staff.user_permissions.add(Permission.objects.get(codename="view_destination"))
    client.force_login(staff)
    assert client.get(LIST).status_code == 200


@pytest.mark.parametrize("role", ["editor without publishing", "translator for one language"])
def test_other_roles_change_nothing_and_see_the_destinations_only_with_the_view_permission(client, destinations, role):
    from tests.editorial.test_every_path import be_translator, no_publish_editor

    user = no_publish_editor() if role == "editor without publishing" else be_translator()
    client.force_login(user)
    detail = f"{LIST}{destinations.pk}/change/"
    # Content permissions only: the destinations are not content, so they are not there at all.
    assert client.get(LIST).status_code == 403
    assert "/admin/mirror/destination/" not in client.get("/admin/").content.decode()
    assert client.get(detail).status_code == 403
    assert client.post(detail, {"name": "x", "target": "/srv/elsewhere"}).status_code == 403
    assert client.post(f"{LIST}{destinations.pk}/delete/", {"post": "yes"}).status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="view_destination"))
    client.force_login(type(user).objects.get(pk=user.pk))
    assert "/admin/mirror/destination/" in client.get("/admin/").content.decode()
    page = client.get(detail).content.decode()
    assert "Permission denied" in page and 'name="_save"' not in page  # read-only with the permission too
    assert client.post(detail, {"name": "x"}).status_code == 403
    assert client.post(f"{LIST}{destinations.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Destination.objects.get(pk=destinations.pk).name == "friend"


def test_the_editors_dashboard_lists_the_destinations_read_only(client, destinations):
    client.force_login(editor())
    index = client.get("/admin/").content.decode()
    assert "/admin/mirror/destination/" in index
    assert "/admin/mirror/destination/add/" not in index
