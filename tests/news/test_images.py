import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.utils import translation
from PIL import Image

from core.images import parse_widths, renditions, strip_metadata, validate_image
from tests.library.factories import ImageFactory
from tests.news.factories import NewsItemFactory, gps_exif, image_bytes, uploaded_image

pytestmark = pytest.mark.django_db


def stored_image(field_file):
    with field_file.storage.open(field_file.name, "rb") as handle:
        data = handle.read()
    image = Image.open(io.BytesIO(data))
    image.load()
    return image, data


def test_strip_metadata_removes_gps_and_camera_from_jpeg():
    original = image_bytes("JPEG", exif=gps_exif())
    assert Image.open(io.BytesIO(original)).getexif().get(0x8825)  # the test image does carry GPS
    cleaned = strip_metadata(io.BytesIO(original), "holiday.jpeg")
    assert cleaned.name == "holiday.jpg"
    image = Image.open(io.BytesIO(cleaned.read()))
    assert image.format == "JPEG"
    assert len(image.getexif()) == 0
    assert "exif" not in image.info
    assert b"Secret Camera" not in cleaned.file.getvalue()


def test_strip_metadata_applies_the_orientation_before_dropping_it():
    original = image_bytes("JPEG", size=(300, 200), exif=gps_exif(orientation=6))  # rotated 90°
    cleaned = strip_metadata(io.BytesIO(original), "rotated.jpg")
    image = Image.open(io.BytesIO(cleaned.read()))
    assert image.size == (200, 300)
    assert len(image.getexif()) == 0


def test_strip_metadata_removes_png_text_and_fixes_a_wrong_extension():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Location", "42.66N 21.16E")
    original = image_bytes("PNG", pnginfo=info)
    cleaned = strip_metadata(io.BytesIO(original), "logo.jpg")
    assert cleaned.name == "logo.png"
    data = cleaned.read()
    assert b"42.66N" not in data
    assert Image.open(io.BytesIO(data)).format == "PNG"


def test_strip_metadata_leaves_what_is_not_an_image():
    assert strip_metadata(io.BytesIO(b"not an image at all"), "x.jpg") is None


def test_uploaded_hero_image_is_stored_without_metadata(media_root):
    upload = uploaded_image("pristina.jpg", exif=gps_exif())
    item = ImageFactory(file=upload)
    item.refresh_from_db()
    image, data = stored_image(item.file)
    assert item.file.name.startswith("library/") and item.file.name.endswith(".jpg")
    assert len(image.getexif()) == 0
    assert b"Secret Camera" not in data
    assert image.size == (1000, 600)


def test_an_existing_image_is_not_re_encoded_on_every_save(media_root):
    item = ImageFactory(file=uploaded_image())
    name = item.file.name
    before = item.file.storage.open(name).read()
    item.alt_text_en = "Edited"
    item.save()
    assert item.file.name == name
    assert item.file.storage.open(name).read() == before


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_valid_images_pass_validation(fmt):
    validate_image(uploaded_image(f"x.{fmt.lower()}", fmt=fmt))


def test_validation_rejects_a_file_that_is_not_an_image():
    with pytest.raises(ValidationError) as error:
        validate_image(SimpleUploadedFile("x.jpg", b"<html>hello</html>", content_type="image/jpeg"))
    assert error.value.code == "invalid_image"


def test_validation_rejects_truncated_images():
    data = image_bytes("JPEG", size=(800, 800))
    with pytest.raises(ValidationError):
        validate_image(SimpleUploadedFile("x.jpg", data[: len(data) // 3], content_type="image/jpeg"))


def test_validation_rejects_too_many_pixels(settings):
    settings.IMAGE_MAX_PIXELS = 100 * 100
    with pytest.raises(ValidationError) as error:
        validate_image(uploaded_image(size=(200, 200)))
    assert error.value.code == "image_too_many_pixels"


@pytest.mark.parametrize(
    ("language", "limit", "ending"),
    [
        ("be", 1, "1 піксель."),
        ("be", 2, "2 пікселі."),
        ("be", 5, "5 пікселяў."),
        ("be", 21, "21 піксель."),
        ("be", 22, "22 пікселі."),
        ("be", 111, "111 пікселяў."),
        ("sq", 1, "1 piksel."),
        ("sq", 5, "5 piksela."),
        ("en", 1, "1 pixel."),
        ("en", 5, "5 pixels."),
    ],
)
def test_the_pixel_limit_message_agrees_with_the_limit(settings, language, limit, ending):
    settings.IMAGE_MAX_PIXELS = limit
    with translation.override(language), pytest.raises(ValidationError) as error:
        validate_image(uploaded_image(size=(20, 20)))
    with translation.override(language):
        message = error.value.messages[0]
    assert message.endswith(ending)
    assert "20 × 20" in message


def test_validation_rejects_too_many_bytes(settings):
    settings.IMAGE_MAX_BYTES = 100
    with pytest.raises(ValidationError) as error:
        validate_image(uploaded_image())
    assert error.value.code == "image_too_large"


def test_validation_rejects_other_formats():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, "BMP")
    with pytest.raises(ValidationError) as error:
        validate_image(SimpleUploadedFile("x.bmp", buffer.getvalue(), content_type="image/bmp"))
    assert error.value.code == "image_format"


def test_renditions_are_resized_webp_never_wider_than_the_original(media_root):
    item = ImageFactory(file=uploaded_image(size=(1000, 600)))
    result = renditions(item.file, (480, 800, 1200, 1600))
    assert [(r.width, r.height) for r in result] == [(480, 288), (800, 480), (1000, 600)]
    storage = item.file.storage
    for rendition in result:
        name = rendition.url.removeprefix("/media/")
        assert name.startswith("renditions/library/")
        with storage.open(name) as handle:
            image = Image.open(handle)
            assert image.format == "WEBP"
            assert image.width == rendition.width
            assert len(image.getexif()) == 0


def test_renditions_are_made_once(media_root):
    item = ImageFactory(file=uploaded_image(size=(900, 900)))
    first = renditions(item.file, (480,))
    name = first[0].url.removeprefix("/media/")
    mtime = item.file.storage.get_modified_time(name)
    from django.core.cache import cache

    cache.clear()
    second = renditions(item.file, (480,))
    assert first == second
    assert item.file.storage.get_modified_time(name) == mtime


def test_renditions_of_a_missing_or_broken_file_are_empty(media_root):
    item = ImageFactory(file=uploaded_image())
    item.file.storage.delete(item.file.name)
    assert renditions(item.file, (480,)) == []
    item.file.save("broken.jpg", ContentFile(b"not an image"), save=False)
    assert renditions(item.file, (480,)) == []
    assert renditions(None) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("480,800", (480, 800)),
        ("800, 480, 800", (480, 800)),
        ([1200], (1200,)),
        ("abc", (480, 800, 1200, 1600)),
        ("", (480, 800, 1200, 1600)),
        ("1,99999", (480, 800, 1200, 1600)),
    ],
)
def test_parse_widths(value, expected):
    assert parse_widths(value) == expected


def render(template, **context):
    return Template("{% load image_tags %}" + template).render(Context(context))


def test_image_tag_writes_a_responsive_lazy_img(media_root):
    item = NewsItemFactory(image=ImageFactory(file=uploaded_image(size=(1600, 900))))
    html = render(
        '{% image item.image widths="480,800,1200" sizes="(min-width: 60rem) 46rem, 100vw" alt=alt class="hero" %}',
        item=item,
        alt='Prishtina "at dusk" <b>',
    )
    assert html.startswith("<img ")
    assert 'srcset="/media/library/' in html
    assert "480w" in html and "800w" in html and "1200w" in html and "1600w" not in html
    assert 'sizes="(min-width: 60rem) 46rem, 100vw"' in html
    assert 'width="1200" height="675"' in html
    assert 'alt="Prishtina &quot;at dusk&quot; &lt;b&gt;"' in html
    assert 'loading="lazy"' in html and 'decoding="async"' in html
    assert 'class="hero"' in html
    assert "-full-800w-" in html.split('src="')[1].split('"')[0]  # recorded at save, no file read


def test_image_tag_options(media_root):
    item = NewsItemFactory(image=ImageFactory(file=uploaded_image(size=(600, 400))))
    html = render('{% image item.image loading="eager" format="jpeg" %}', item=item)
    assert (
        'loading="eager"' in html
        and ".jpg 600w" in html
        and 'alt="People around a table"' in html
        and "class=" not in html
    )
    assert 'loading="lazy"' in render('{% image item.image loading="whatever" %}', item=item)


def test_image_tag_without_an_image_writes_nothing():
    item = NewsItemFactory()
    assert render("{% image item.image %}", item=item) == ""
    assert render("{% image_url item.image %}", item=item) == ""


def test_image_url_tag(media_root):
    item = NewsItemFactory(image=ImageFactory(file=uploaded_image(size=(1600, 900))))
    url = render('{% image_url item.image width=1200 format="jpeg" as og %}{{ og }}', item=item)
    assert url.startswith("/media/library/") and url.endswith(".jpg") and "-1200w-" in url


def animated_gif(frames, size):
    images = [Image.new("RGB", size, ((index * 37) % 256, (index * 11) % 256, index % 256)) for index in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, "GIF", save_all=True, append_images=images[1:], duration=40, loop=0)
    return SimpleUploadedFile("animation.gif", buffer.getvalue(), content_type="image/gif")


def test_a_small_animation_passes():
    validate_image(animated_gif(10, (200, 150)))


def test_an_animation_with_too_many_pixels_in_all_frames_is_refused():
    # 60 frames of 1000 × 1000: each frame is within IMAGE_MAX_PIXELS, together they are not.
    upload = animated_gif(60, (1000, 1000))
    with pytest.raises(ValidationError) as error:
        validate_image(upload)
    assert error.value.code == "image_too_many_frames"


def test_an_animation_with_too_many_frames_is_refused(settings):
    settings.IMAGE_MAX_FRAMES = 20
    with pytest.raises(ValidationError) as error:
        validate_image(animated_gif(21, (8, 8)))
    assert error.value.code == "image_too_many_frames"
