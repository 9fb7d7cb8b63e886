import pytest
from django.utils import translation

LANGUAGES = ["be", "sq", "en"]


@pytest.fixture(autouse=True)
def _reset_language():
    yield
    translation.activate("en")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
