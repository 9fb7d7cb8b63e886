"""Migrating a database of the previous release: the rows, permissions and history of moved models stay.

Topics moved from the portal app to core, the search index from portal to
search; both keep their tables. The database is taken back to the last
migrations of the previous release, filled there through the historical
models, and migrated forward again.
"""

import datetime
import json

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from reversion.models import Version

from core.models import Topic
from news.models import NewsItem
from search.models import SearchEntry

PREVIOUS_RELEASE = [
    ("portal", "0007_collations"),
    ("news", "0003_slug_and_credit_help"),
    ("projects", "0004_gallery_image_dimensions"),
    ("partners", "0002_logo_dimensions"),
    ("core", None),
    ("search", None),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    # The state after those migrations; (app, None) means "none of the app's migrations".
    return executor.loader.project_state([target for target in targets if target[1]]).apps


@pytest.mark.django_db(transaction=True)
def test_topics_and_the_search_index_keep_rows_permissions_and_history():
    old = migrate(PREVIOUS_RELEASE)
    OldTopic = old.get_model("portal", "Topic")
    OldNewsItem = old.get_model("news", "NewsItem")
    OldSearchEntry = old.get_model("portal", "SearchEntry")
    OldContentType = old.get_model("contenttypes", "ContentType")
    OldPermission = old.get_model("auth", "Permission")
    OldGroup = old.get_model("auth", "Group")
    OldRevision = old.get_model("reversion", "Revision")
    OldVersion = old.get_model("reversion", "Version")

    topic = OldTopic.objects.create(name_en="Security", name_be="Бяспека", name_sq="Siguria", slug_en="security")
    item = OldNewsItem.objects.create(
        title_en="Delegation visit to Prishtina", slug_en="delegation-visit", date=datetime.date(2025, 4, 16)
    )
    item.topics.add(topic)
    OldSearchEntry.objects.create(language="en", kind="news", object_id=item.pk, title="Delegation visit", url="/x/")
    content_type, _created = OldContentType.objects.get_or_create(app_label="portal", model="topic")
    permission, _created = OldPermission.objects.get_or_create(
        codename="change_topic", content_type=content_type, defaults={"name": "Can change topic"}
    )
    OldGroup.objects.create(name="Topic editors").permissions.add(permission)
    revision = OldRevision.objects.create(date_created=datetime.datetime(2025, 4, 16, tzinfo=datetime.UTC))
    fields = {"name": "Security", "name_be": "Бяспека", "name_sq": "Siguria", "name_en": "Security"}
    fields |= {"slug": "security", "slug_be": "", "slug_sq": "", "slug_en": "security"}
    OldVersion.objects.create(
        revision=revision,
        object_id=str(topic.pk),
        content_type=content_type,
        db="default",
        format="json",
        serialized_data=json.dumps([{"model": "portal.topic", "pk": topic.pk, "fields": fields}]),
        object_repr="Security",
    )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()

    moved = Topic.objects.get(pk=topic.pk)
    assert (moved.name_be, moved.name_sq, moved.slug_en) == ("Бяспека", "Siguria", "security")
    assert list(NewsItem.objects.get(pk=item.pk).topics.all()) == [moved]
    assert SearchEntry.objects.filter(kind="news", object_id=item.pk).count() == 1
    assert ContentType.objects.get_for_model(Topic).pk == content_type.pk
    assert Group.objects.get(name="Topic editors").permissions.get().content_type.app_label == "core"
    version = Version.objects.get_for_object(moved).get()
    assert version.field_dict["name_be"] == "Бяспека"
    assert version.object == moved
