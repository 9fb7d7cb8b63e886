"""The image library: renditions made once at save and cropped around the focal point, the admin, the roles."""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse
from PIL import Image as PILImage

from core.images import focal_crop_box
from library.models import Image
from news.models import NewsItem
from tests.library.factories import ImageFactory
from tests.news.factories import NewsItemFactory, gps_exif, image_bytes, uploaded_image

pytestmark = pytest.mark.django_db


def marked_image(size=(1200, 600), square=(0, 200, 0, 200)):
    """A black PNG with a white square at x0..x1, y0..y1."""
    picture = PILImage.new("RGB", size, (0, 0, 0))
    left, right, top, bottom = square
    picture.paste((255, 255, 255), (left, top, right, bottom))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return SimpleUploadedFile("marked.png", buffer.getvalue(), content_type="image/png")


def stored(image, key):
    """The decoded rendition `key` (e.g. "card.webp") of `image`, its largest copy."""
    name = image.renditions[key][-1][0]
    with image.file.storage.open(name) as handle:
        picture = PILImage.open(handle)
        picture.load()
        return picture.convert("RGB")


@pytest.fixture
def superuser_client(client):
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "pass"))
    return client


@pytest.mark.parametrize(
    ("size", "ratio", "focal", "box"),
    [
        ((1200, 600), 3 / 2, (0.5, 0.5), (150, 0, 1050, 600)),
        ((1200, 600), 3 / 2, (0.0, 0.5), (0, 0, 900, 600)),
        ((1200, 600), 3 / 2, (1.0, 0.5), (300, 0, 1200, 600)),
        ((600, 1200), 3 / 2, (0.5, 0.1), (0, 0, 600, 400)),
        ((600, 1200), 3 / 2, (0.5, 0.9), (0, 800, 600, 1200)),
        ((800, 600), None, (0.2, 0.2), (0, 0, 800, 600)),
    ],
)
def test_focal_crop_box_keeps_the_focal_point_inside(size, ratio, focal, box):
    assert focal_crop_box(*size, ratio, *focal) == box


def test_renditions_are_made_at_save_and_recorded(media_root):
    image = ImageFactory(file=uploaded_image(size=(1000, 600)))
    assert (image.width, image.height) == (1000, 600)
    assert [entry[1:3] for entry in image.renditions["full.webp"]] == [
        [160, 96],
        [320, 192],
        [480, 288],
        [800, 480],
        [1000, 600],
    ]
    assert [entry[1:3] for entry in image.renditions["card.webp"]] == [[480, 320], [800, 533]]
    assert [entry[1:3] for entry in image.renditions["social.jpeg"]] == [[1000, 525]]
    folder = image.file.name.rsplit("/", 1)[0]
    for entries in image.renditions.values():
        for name, width, _height, size in entries:
            assert name.startswith(folder + "/")  # next to the original
            assert image.file.storage.size(name) == size
            with image.file.storage.open(name) as handle:
                assert PILImage.open(handle).width == width
    assert Image.objects.get(pk=image.pk).renditions == image.renditions


def test_the_size_is_stored_however_the_file_was_given(media_root):
    from django.core.files.base import ContentFile

    image = Image(alt_text_en="Stored the way the demo loader stores")
    image.file.save("given.png", ContentFile(image_bytes("PNG", size=(300, 200))), save=False)
    image.save()
    # Stored, so that loading the row never opens the file to measure it.
    assert Image.objects.filter(pk=image.pk).values_list("width", "height").get() == (300, 200)


def test_a_page_render_reads_no_image_file(media_root):
    image = ImageFactory(file=uploaded_image(size=(1600, 900)))
    item = NewsItemFactory(image=image)
    # Take the original away: the tag only reads what the database recorded.
    image.file.storage.delete(image.file.name)
    item = NewsItem.objects.published().get(pk=item.pk)
    html = Template('{% load image_tags %}{% image item.image widths="480,800" kind="card" %}').render(
        Context({"item": item})
    )
    assert 'srcset="' in html and "-card-480w-" in html and "-card-800w-" in html
    assert 'width="800" height="533"' in html
    assert 'alt="People around a table"' in html


def test_the_card_crop_follows_the_focal_point(media_root):
    # A white square in the top-left corner of a wide black picture.
    image = ImageFactory(file=marked_image(square=(0, 200, 0, 200)), focal_x=0.05, focal_y=0.5)
    card = stored(image, "card.webp")
    assert card.size == (800, 533)
    assert min(card.getpixel((20, 20))) > 200  # the square is in the crop, at its left edge
    image.focal_x = 0.95
    image.save()
    card = stored(Image.objects.get(pk=image.pk), "card.webp")
    assert max(card.getpixel((20, 20))) < 50  # the left quarter of the picture is cut off now


def test_a_new_focal_point_replaces_the_old_renditions(media_root):
    image = ImageFactory(file=marked_image())
    before = [entry[0] for entries in image.renditions.values() for entry in entries]
    image.focal_x, image.focal_y = 0.1, 0.9
    image.save()
    after = [entry[0] for entries in image.renditions.values() for entry in entries]
    storage = image.file.storage
    assert set(before).isdisjoint(after)
    assert not any(storage.exists(name) for name in before)
    assert all(storage.exists(name) for name in after)
    # Saving texts only makes nothing again.
    image.alt_text_en = "A square"
    image.save()
    assert [entry[0] for entries in image.renditions.values() for entry in entries] == after


def test_the_social_crop_keeps_a_face_near_the_bottom(media_root):
    # A tall picture with the white "face" near the bottom: the 1200 × 630 crop must keep it.
    image = ImageFactory(file=marked_image(size=(1200, 1600), square=(500, 700, 1300, 1500)), focal_y=0.875)
    social = stored(image, "social.jpeg")
    assert social.size == (1200, 630)
    assert min(social.getpixel((600, 430))) > 200  # the square's centre, y 1400 of 1600


def test_multi_upload_stores_each_good_file_and_names_the_bad_ones(superuser_client, media_root):
    url = reverse("admin:library_image_upload")
    assert superuser_client.get(url).status_code == 200
    files = [
        uploaded_image("one.jpg", exif=gps_exif()),
        uploaded_image("two.png", fmt="PNG"),
        SimpleUploadedFile("evil.jpg", b"<?php system($_GET['c']); ?>", content_type="image/jpeg"),
    ]
    response = superuser_client.post(url, {"files": files, "credit": "Ura"})
    assert response.status_code == 200  # the form comes back to name what was refused
    html = response.content.decode()
    assert "evil.jpg" in html and "not a valid image" in html
    images = list(Image.objects.order_by("pk"))
    assert len(images) == 2
    assert [image.file.name.rsplit("/", 1)[1] for image in images] == ["one.jpg", "two.png"]
    assert all(image.uploaded_by.username == "admin" for image in images)
    assert all((image.credit_be, image.credit_sq, image.credit_en) == ("Ura",) * 3 for image in images)
    with images[0].file.open("rb") as handle:
        assert len(PILImage.open(handle).getexif()) == 0  # the GPS position is gone
    assert all(image.renditions["full.webp"] for image in images)


def test_multi_upload_of_good_files_goes_to_the_list_of_them(superuser_client, media_root):
    files = [uploaded_image("a.jpg"), uploaded_image("b.jpg")]
    response = superuser_client.post(reverse("admin:library_image_upload"), {"files": files})
    assert response.status_code == 302
    ids = sorted(Image.objects.values_list("pk", flat=True))
    assert response["Location"].endswith(f"?id__in={ids[0]},{ids[1]}") or response["Location"].endswith(
        f"?id__in={ids[1]},{ids[0]}"
    )
    listing = superuser_client.get(response["Location"])
    assert listing.status_code == 200
    assert listing.context["cl"].result_count == 2


def test_upload_without_files_says_so(superuser_client):
    response = superuser_client.post(reverse("admin:library_image_upload"), {})
    assert response.status_code == 200
    assert response.context["form"].errors["files"]


def test_the_list_shows_thumbnails_and_searches_every_language(
    superuser_client, media_root, django_assert_max_num_queries
):
    ImageFactory(alt_text_sq="Ura mbi lumin Ibër", alt_text_en="Bridge", caption_be="Мост у Мітравіцы")
    ImageFactory(alt_text_en="Round table", alt_text_sq="Tryezë", credit_en="Germin")
    for _n in range(8):
        ImageFactory()
    changelist = reverse("admin:library_image_changelist")
    with django_assert_max_num_queries(20):
        response = superuser_client.get(changelist)
    html = response.content.decode()
    assert html.count('class="library-thumbnail"') == 10
    assert reverse("admin:library_image_upload") in html
    for term, expected in (("Ibër", "Bridge"), ("Мітравіцы", "Bridge"), ("Germin", "Round table")):
        found = superuser_client.get(changelist, {"q": term}).context["cl"].result_list
        assert [str(image) for image in found] == [expected]


def test_the_focal_point_is_set_in_the_admin_and_used(superuser_client, media_root):
    image = ImageFactory(file=marked_image(square=(0, 200, 0, 200)))
    url = reverse("admin:library_image_change", args=[image.pk])
    page = superuser_client.get(url)
    html = page.content.decode()
    assert 'class="focal-point"' in html and "library/focal-point.js" in html
    assert 'name="focal_x"' in html and 'step="0.01"' in html  # the fallback without a script
    from tests.editorial.workflow_helpers import change_form_data

    data = change_form_data(page, focal_x="0.02", focal_y="0.5")
    response = superuser_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.02, 0.5)
    assert min(stored(image, "card.webp").getpixel((20, 20))) > 200
    data["focal_x"] = "1.5"
    assert superuser_client.post(url, data).status_code == 200  # outside 0–1: the form says so
    assert Image.objects.get(pk=image.pk).focal_x == 0.02


def test_news_chooses_an_image_from_the_library(superuser_client, media_root):
    image = ImageFactory(alt_text_en="Bridge at dusk")
    response = superuser_client.get(
        reverse("admin:autocomplete"),
        {"term": "dusk", "app_label": "news", "model_name": "newsitem", "field_name": "image"},
    )
    assert response.status_code == 200
    assert [result["id"] for result in response.json()["results"]] == [str(image.pk)]
    item = NewsItemFactory(image=image)
    change = superuser_client.get(reverse("admin:news_newsitem_change", args=[item.pk])).content.decode()
    assert image.renditions_for("full", [320])[0].url in change
    assert reverse("admin:library_image_change", args=[image.pk]) in change
    assert 'name="image_upload"' in change  # uploading in place still works


def make_translator(language):
    from editorial.roles import sync_roles
    from editorial.translators import sync_language_translator_groups

    sync_roles()
    sync_language_translator_groups()
    user = User.objects.create_user(f"t-{language}", f"{language}@ura.example.org", "pass", is_staff=True)
    user.groups.add(Group.objects.get(name=f"Translators ({language})"))
    return user


def test_a_translator_edits_the_texts_of_their_language_only(client, media_root):
    image = ImageFactory(alt_text_be="", alt_text_sq="Tryezë")
    client.force_login(make_translator("be"))
    url = reverse("admin:library_image_change", args=[image.pk])
    page = client.get(url)
    assert page.status_code == 200
    fields = set(page.context["adminform"].form.fields)
    assert {"alt_text_be", "caption_be", "credit_be"} <= fields
    assert not {"alt_text_sq", "alt_text_en", "file", "focal_x", "focal_y"} & fields
    from tests.editorial.workflow_helpers import change_form_data

    response = client.post(url, change_form_data(page, alt_text_be="Людзі за сталом", alt_text_sq="Hacked"))
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.alt_text_be, image.alt_text_sq) == ("Людзі за сталом", "Tryezë")
    assert client.get(reverse("admin:library_image_upload")).status_code == 403
    assert client.get(reverse("admin:library_image_add")).status_code == 403
    assert client.post(reverse("admin:library_image_delete", args=[image.pk]), {"post": "yes"}).status_code == 403
    assert Image.objects.filter(pk=image.pk).exists()


def test_an_editor_uploads_and_edits(client, media_root):
    from editorial.roles import sync_roles

    sync_roles()
    user = User.objects.create_user("vera", "vera@ura.example.org", "pass", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    response = client.post(reverse("admin:library_image_upload"), {"files": [uploaded_image("visit.jpg")]})
    assert response.status_code == 302
    assert Image.objects.get().uploaded_by == user


def test_an_image_in_use_cannot_be_deleted(superuser_client, media_root):
    image = ImageFactory()
    NewsItemFactory(image=image)
    response = superuser_client.post(reverse("admin:library_image_delete", args=[image.pk]), {"post": "yes"})
    assert response.status_code == 200  # the page lists what still uses it
    assert Image.objects.filter(pk=image.pk).exists()


def test_an_unreadable_file_keeps_the_renditions_it_has_and_raises_no_error(media_root):
    image = ImageFactory(file=SimpleUploadedFile("x.png", image_bytes("PNG")))
    recorded = image.renditions
    assert recorded
    storage = image.file.storage
    storage.delete(image.file.name)  # gone, or unreadable for now: a storage hiccup
    image.focal_x = 0.3
    image.save()
    assert Image.objects.get(pk=image.pk).renditions == recorded
    assert all(storage.exists(entry[0]) for entries in recorded.values() for entry in entries)
    html = Template("{% load image_tags %}{% image image %}").render(Context({"image": image}))
    assert "<img " in html


def test_make_renditions_fills_what_is_missing(media_root):
    from django.core.management import call_command

    image = ImageFactory()
    complete = ImageFactory()
    Image.objects.filter(pk=image.pk).update(renditions={})
    out = io.StringIO()
    call_command("make_renditions", stdout=out)
    assert "for 1 image" in out.getvalue()
    assert Image.objects.get(pk=image.pk).renditions.keys() == complete.renditions.keys()


def test_the_focal_control_shows_the_card_crop(superuser_client, media_root):
    image = ImageFactory(focal_x=0.2)
    html = superuser_client.get(reverse("admin:library_image_change", args=[image.pk])).content.decode()
    assert image.renditions_for("card", [480])[0].url in html
    assert "-card-480w-200500." in html  # the crop around the saved focal point
