"""Moving the images that items kept themselves into the library: nothing is lost, the history stays readable.

The database is taken back to the migrations before the library, filled there
through the historical models (with real files and saved versions), and
migrated forward; then back again.
"""

import datetime
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from reversion.models import Version

from library.models import Image
from news.models import NewsItem
from partners.models import Organisation
from projects.models import GalleryImage
from tests.news.factories import image_bytes

BEFORE_LIBRARY = [
    ("news", "0005_list_order_index"),
    ("projects", "0006_private_documents"),
    ("partners", "0003_organisation_translation_help"),
    ("portal", "0010_menu_link_validation"),
    ("library", None),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state([target for target in targets if target[1]]).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_existing_images_move_into_the_library_and_back(media_root):
    old = migrate(BEFORE_LIBRARY)
    OldNewsItem = old.get_model("news", "NewsItem")
    OldOrganisation = old.get_model("partners", "Organisation")
    OldProject = old.get_model("projects", "Project")
    OldGallery = old.get_model("projects", "GalleryImage")
    OldContentType = old.get_model("contenttypes", "ContentType")
    OldRevision = old.get_model("reversion", "Revision")
    OldVersion = old.get_model("reversion", "Version")

    hero = default_storage.save("news/2025/bridge.jpg", ContentFile(image_bytes(size=(1600, 900))))
    logo = default_storage.save("partners/logos/2025/qkss.png", ContentFile(image_bytes("PNG", size=(400, 200))))
    photo = default_storage.save("projects/gallery/2025/x1/viti.jpg", ContentFile(image_bytes(size=(1200, 800))))
    hero_bytes = default_storage.open(hero).read()

    item = OldNewsItem.objects.create(
        title_en="Delegation visit to Prishtina",
        slug_en="delegation-visit",
        date=datetime.date(2025, 4, 16),
        image=hero,
        image_alt="Bridge at dusk",
        image_alt_en="Bridge at dusk",
        image_alt_sq="Ura në muzg",
        image_alt_be="Мост увечары",
        image_caption_en="Prishtina in April",
        image_caption_sq="Prishtina në prill",
        image_credit="Ura",
    )
    second = OldNewsItem.objects.create(
        title_en="Second", slug_en="second", date=datetime.date(2025, 4, 17), image=hero
    )
    bare = OldNewsItem.objects.create(title_en="No picture", slug_en="no-picture", date=datetime.date(2025, 4, 18))
    organisation = OldOrganisation.objects.create(
        name="QKSS",
        name_en="Kosovar Centre for Security Studies",
        name_sq="Qendra Kosovare për Studime të Sigurisë",
        slug_en="qkss",
        logo=logo,
    )
    project = OldProject.objects.create(
        title_en="Peacebuilding", slug_en="peacebuilding", start_date=datetime.date(2024, 1, 1)
    )
    gallery = OldGallery.objects.create(
        project=project,
        image=photo,
        caption_en="Round table in Viti",
        alt_text_en="People around a table",
        alt_text_sq="Njerëz rreth tryezës",
        credit="KCSF",
    )
    content_type, _created = OldContentType.objects.get_or_create(app_label="news", model="newsitem")
    revision = OldRevision.objects.create(date_created=datetime.datetime(2025, 4, 16, tzinfo=datetime.UTC))
    fields = {
        "title_en": "Delegation visit to Prishtina",
        "image": hero,
        "image_alt_en": "Bridge at dusk",
        "image_credit": "Ura",
        "date": "2025-04-16",
    }
    OldVersion.objects.create(
        revision=revision,
        object_id=str(item.pk),
        content_type=content_type,
        db="default",
        format="json",
        serialized_data=json.dumps([{"model": "news.newsitem", "pk": item.pk, "fields": fields}]),
        object_repr="Delegation visit",
    )

    migrate(latest())
    ContentType.objects.clear_cache()

    moved = NewsItem.objects.select_related("image").get(pk=item.pk)
    image = moved.image
    assert image.file.name == hero and default_storage.open(hero).read() == hero_bytes  # the file is kept as it was
    assert (image.alt_text_en, image.alt_text_sq, image.alt_text_be) == (
        "Bridge at dusk",
        "Ura në muzg",
        "Мост увечары",
    )
    assert (image.caption_en, image.caption_sq) == ("Prishtina in April", "Prishtina në prill")
    assert (image.credit_en, image.credit_sq, image.credit_be) == ("Ura", "Ura", "Ura")
    assert (image.width, image.height) == (1600, 900)
    assert moved.image_caption_en == "Prishtina in April"  # the item's own caption stays
    assert image.renditions["full.webp"] and image.renditions["card.webp"] and image.renditions["social.jpeg"]
    assert NewsItem.objects.get(pk=second.pk).image_id == image.pk  # one file, one library image
    assert NewsItem.objects.get(pk=bare.pk).image_id is None
    logo_image = Organisation.objects.get(pk=organisation.pk).logo
    assert logo_image.file.name == logo and logo_image.alt_text_sq == "Qendra Kosovare për Studime të Sigurisë"
    row = GalleryImage.objects.select_related("image").get(pk=gallery.pk)
    assert row.image.file.name == photo and row.image.alt_text_sq == "Njerëz rreth tryezës"
    assert row.image.credit_en == "KCSF" and row.caption_en == "Round table in Viti"
    assert Image.objects.count() == 3

    version = Version.objects.get_for_object(moved).get()
    assert version.field_dict["image_id"] == image.pk  # the old version points at the library image
    assert version.field_dict["title_en"] == "Delegation visit to Prishtina"
    assert "image_alt_en" not in json.loads(version.serialized_data)[0]["fields"]
    # field_dict deserialises the version with today's model: the restore and compare views read it so.

    back = migrate(BEFORE_LIBRARY)
    BackItem = back.get_model("news", "NewsItem")
    restored = BackItem.objects.get(pk=item.pk)
    assert restored.image.name == hero and restored.image_alt_sq == "Ura në muzg" and restored.image_credit == "Ura"
    assert back.get_model("partners", "Organisation").objects.get(pk=organisation.pk).logo.name == logo
    assert back.get_model("projects", "GalleryImage").objects.get(pk=gallery.pk).image.name == photo
    back_version = back.get_model("reversion", "Version").objects.get(pk=version.pk)
    assert json.loads(back_version.serialized_data)[0]["fields"]["image"] == hero
    migrate(latest())
