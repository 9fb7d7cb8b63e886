# The browser and plain-HTTP settings of every end-to-end test.
from tests.e2e.test_editor_publishes import browser, http_settings  # noqa: F401
