import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Renditions are remembered in the cache; every test starts without them."""
    cache.clear()
    yield
    cache.clear()
