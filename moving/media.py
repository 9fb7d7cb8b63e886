"""Where the old site's files come from: a copy of wp-content/uploads, a zip of it, or the old site itself.

Each source answers ``fetch(url)`` with ``(bytes, "")`` or ``(None, problem)`` (a message id): a missing
file is reported, never fatal. Downloads have a time limit, a size limit and a few
retries with growing pauses; a local copy is never read outside its folder.
"""

import time
import zipfile
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import requests
from django.utils.translation import gettext_noop

MAX_BYTES = 50 * 1024 * 1024


def uploads_tail(url):
    """'2019/05/photo.jpg' of '.../wp-content/uploads/2019/05/photo.jpg'; '' for any other address."""
    path = unquote(urlsplit(url).path)
    if "/uploads/" not in path:
        return ""
    return path.split("/uploads/", 1)[1].lstrip("/")


class FolderSource:
    def __init__(self, folder, max_bytes=MAX_BYTES):
        self.folder = Path(folder).resolve()
        self.max_bytes = max_bytes

    def fetch(self, url):
        tail = uploads_tail(url)
        if not tail:
            return None, gettext_noop("not a file of the uploads")
        path = (self.folder / tail).resolve()
        if not path.is_relative_to(self.folder):
            return None, gettext_noop("outside the uploads folder")
        if not path.is_file():
            return None, gettext_noop("not in the uploads folder")
        if path.stat().st_size > self.max_bytes:
            return None, gettext_noop("too large")
        return path.read_bytes(), ""


class ZipSource:
    """A zip of wp-content/uploads (or of wp-content, or of the site): members found by the part after uploads/."""

    def __init__(self, path_or_file, max_bytes=MAX_BYTES):
        self.archive = zipfile.ZipFile(path_or_file)
        self.max_bytes = max_bytes
        self.members = {}
        for info in self.archive.infolist():
            if info.is_dir():
                continue
            name = info.filename.replace("\\", "/")
            tail = name.split("uploads/", 1)[1] if "uploads/" in name else name
            self.members.setdefault(tail.lstrip("/"), info)

    def fetch(self, url):
        tail = uploads_tail(url)
        info = self.members.get(tail) if tail else None
        if info is None:
            return None, gettext_noop("not in the uploads archive")
        if info.file_size > self.max_bytes:
            return None, gettext_noop("too large")
        with self.archive.open(info) as member:
            data = member.read(self.max_bytes + 1)
        if len(data) > self.max_bytes:
            return None, gettext_noop("too large")
        return data, ""


class HTTPSource:
    """Files downloaded from the old site (`base` replaces the export's own address, e.g. a staging copy)."""

    def __init__(self, base, timeout=(5, 30), max_bytes=MAX_BYTES, attempts=3, pause=1.0, session=None):
        self.base = base.rstrip("/") + "/"
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.attempts = attempts
        self.pause = pause
        self.session = session or requests.Session()

    def address(self, url):
        tail = uploads_tail(url)
        if not tail:
            return None
        return urljoin(self.base, tail)

    def fetch(self, url):
        address = self.address(url)
        if address is None:
            return None, gettext_noop("not a file of the uploads")
        problem = ""
        for attempt in range(self.attempts):
            if attempt:
                time.sleep(self.pause * 2 ** (attempt - 1))
            try:
                with self.session.get(address, timeout=self.timeout, stream=True) as response:
                    if response.status_code == 404:
                        return None, gettext_noop("not found (404)")
                    if response.status_code >= 500:
                        problem = gettext_noop("the server answered with an error")
                        continue
                    if response.status_code != 200:
                        return None, gettext_noop("the server refused it")
                    if int(response.headers.get("Content-Length") or 0) > self.max_bytes:
                        return None, gettext_noop("too large")
                    chunks, size = [], 0
                    for chunk in response.iter_content(64 * 1024):
                        size += len(chunk)
                        if size > self.max_bytes:
                            return None, gettext_noop("too large")
                        chunks.append(chunk)
                    return b"".join(chunks), ""
            except requests.RequestException:
                problem = gettext_noop("the download failed")
        return None, problem
