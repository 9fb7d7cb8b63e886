"""The private Django names core.compat relies on still mean what it expects (Django as in requirements.txt)."""

import pytest
from django.core.files.base import ContentFile

from core.compat import fill_prefetch_cache, is_new_upload
from library.models import Image
from projects.models import Objective
from tests.news.factories import image_bytes
from tests.projects.factories import ProjectFactory


@pytest.mark.django_db
def test_a_file_is_a_new_upload_until_it_is_stored(media_root):
    image = Image(file=ContentFile(image_bytes(), name="visit.jpg"), alt_text_en="A meeting")
    assert is_new_upload(image.file)
    image.save()
    assert not is_new_upload(image.file)
    assert not is_new_upload(Image.objects.get(pk=image.pk).file)


@pytest.mark.django_db
def test_a_filled_prefetch_cache_answers_without_a_query(django_assert_num_queries):
    project = ProjectFactory()
    unsaved = [Objective(project=project, text_en="Strengthen dialogue", order=1)]
    fill_prefetch_cache(project, "objectives", unsaved)
    with django_assert_num_queries(0):
        assert list(project.objectives.all()) == unsaved


def test_a_response_marked_logged_is_not_logged_again(caplog):
    from django.http import HttpResponse
    from django.utils.log import log_response

    from core.compat import mark_logged

    response = mark_logged(HttpResponse(status=503))
    with caplog.at_level("WARNING", logger="django.request"):
        log_response("Service Unavailable: %s", "/healthz", response=response)
        log_response("Service Unavailable: %s", "/healthz", response=HttpResponse(status=503))
    assert len([record for record in caplog.records if record.name == "django.request"]) == 1


def test_a_translation_with_overrides_answers_them_first_and_falls_back():
    from django.utils import translation

    from core.compat import install_django_translations, installed_django_translations, translation_with_overrides

    before = installed_django_translations()
    english = translation_with_overrides("en", {})
    belarusian = translation_with_overrides(
        "be", {"Search": "Шукаць тут", ("%(count)s news item", 0): "%(count)s навіна (тут)"}, fallback=english
    )
    try:
        install_django_translations({**before, "be": belarusian, "en": english})
        with translation.override("be"):
            assert translation.gettext("Search") == "Шукаць тут"
            assert translation.ngettext("%(count)s news item", "%(count)s news items", 1) == "%(count)s навіна (тут)"
            assert translation.gettext("A text no catalogue has") == "A text no catalogue has"
    finally:
        install_django_translations(before)
    assert installed_django_translations() is before
