"""File storage that leaves nothing half-written behind.

Django's FileSystemStorage writes an upload chunk by chunk; when the disk
fills up (or a file size limit is hit) half-way, the truncated file stays in
MEDIA_ROOT with nothing pointing to it. This storage removes it before the
error goes on, so that a failed save leaves the media folder as it was. The
admin turns the error into a message on the form (editorial.workflow).
"""

import os

from django.core.files.storage import FileSystemStorage as DjangoFileSystemStorage


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
