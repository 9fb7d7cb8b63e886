"""File storage: the local file system (the default) or an S3-compatible object store.

The local file system leaves nothing half-written behind.

Django's FileSystemStorage writes an upload chunk by chunk; when the disk
fills up (or a file size limit is hit) half-way, the truncated file stays in
MEDIA_ROOT with nothing pointing to it. This storage removes it before the
error goes on, so that a failed save leaves the media folder as it was. The
admin turns the error into a message on the form (editorial.workflow).

With AWS_STORAGE_BUCKET_NAME set, PublicS3Storage and PrivateS3Storage below
take over (portal.settings): no file is then read from or written to the disk.
"""

import os
import posixpath
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage as DjangoFileSystemStorage
from storages.backends.s3 import S3Storage


class FileSystemStorage(DjangoFileSystemStorage):
    def _save(self, name, content):
        path = self.path(name)
        existed = os.path.lexists(path)
        try:
            return super()._save(name, content)
        except OSError:
            if not existed and os.path.lexists(path):
                os.remove(path)
            raise


# --- Object storage (S3-compatible) ----------------------------------------------
# Used when AWS_STORAGE_BUCKET_NAME is set (portal.settings). Credentials, endpoint,
# region and CDN domain come from django-storages' own AWS_* settings.


class PublicS3Storage(S3Storage):
    """Public media (images, logos, renditions): served by the object store or a CDN.

    Names never change meaning: an upload never overwrites another (a new name
    instead), and every uploaded file gets a random folder, so an address cannot
    be guessed before the item is published and may be cached for a year.
    """

    default_cache_control = "public, max-age=31536000, immutable"

    def get_default_settings(self):
        defaults = super().get_default_settings()
        defaults.update(
            file_overwrite=False,
            querystring_auth=False,
            location=getattr(settings, "MEDIA_LOCATION", "media"),
            object_parameters={"CacheControl": self.default_cache_control},
        )
        return defaults

    def generate_filename(self, filename):
        # Called for uploads through a FileField (not for files the code saves itself,
        # such as renditions, whose names derive from their original's).
        filename = super().generate_filename(filename)
        folder, base = posixpath.split(filename)
        return posixpath.join(folder, secrets.token_urlsafe(12), base)


class PrivateS3Storage(S3Storage):
    """Files of items that may be unpublished (project documents).

    They live under their own prefix (or bucket: AWS_PRIVATE_STORAGE_BUCKET_NAME)
    that the bucket policy does not make public; the download view checks
    publication and then redirects to a URL signed for a short time.
    """

    def get_default_settings(self):
        defaults = super().get_default_settings()
        defaults.update(
            file_overwrite=False,
            querystring_auth=True,
            querystring_expire=getattr(settings, "PRIVATE_MEDIA_URL_SECONDS", 60),
            custom_domain=None,  # signed URLs go to the store itself, never through the CDN
            bucket_name=getattr(settings, "AWS_PRIVATE_STORAGE_BUCKET_NAME", "") or defaults["bucket_name"],
            location=getattr(settings, "PRIVATE_MEDIA_LOCATION", "private"),
            object_parameters={"CacheControl": "private, no-store"},
        )
        return defaults


def is_object_storage(storage):
    """True for the S3 storages: no paths, no MEDIA_ROOT, URLs that can be signed."""
    return isinstance(storage, S3Storage)
