"""The test settings, with the upload folders taken from the environment (the backup test's restored copy)."""

import os

from tests.settings import *  # noqa: F403

MEDIA_ROOT = os.environ["MEDIA_ROOT"]
PRIVATE_MEDIA_ROOT = os.environ["PRIVATE_MEDIA_ROOT"]
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
