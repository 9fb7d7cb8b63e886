"""Where copies go: SNAPSHOT_DESTINATIONS, each a folder or an S3-compatible bucket with its own
base address and host names. Each receives only the files whose content it does not have yet
(content hashes kept in the manifest), and loses the files the copy no longer has.

The setting's text (portal.settings), one destination a line (or separated by ";")::

    name  target  base-url  [host,host…]

``target`` is a folder (``/var/www/ura``) or ``s3://bucket/prefix``; a bucket's endpoint and
keys come from SNAPSHOT_S3_ENDPOINT_URL, SNAPSHOT_S3_ACCESS_KEY_ID, SNAPSHOT_S3_SECRET_ACCESS_KEY
and SNAPSHOT_S3_REGION_NAME (else the AWS_* media settings).
"""

import hashlib
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile

NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
# The addresses in a sitemap: each page's <loc>, and its language alternates (xhtml:link).
SITEMAP_LOC = re.compile(r"(?P<pre><loc>)(?P<url>[^<]+)(?P<post></loc>)")
SITEMAP_ALTERNATE = re.compile(r'(?P<pre><xhtml:link\s[^>]*?href=")(?P<url>[^"]+)(?P<post>"[^>]*/>)')


@dataclass(frozen=True)
class Destination:
    name: str
    target: str
    base_url: str
    hosts: tuple = field(default=())

    @property
    def is_bucket(self):
        return self.target.startswith("s3://")


def parse(text):
    """The destinations in the setting's text; ImproperlyConfigured names a wrong line."""
    found = []
    for line in re.split(r"[;\n]", text or ""):
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        if len(words) not in (3, 4) or not NAME.match(words[0]):
            raise ImproperlyConfigured(f"SNAPSHOT_DESTINATIONS: expected 'name target base-url [hosts]', got {line!r}")
        name, target, base_url = words[:3]
        if not (target.startswith(("s3://", "/"))):
            raise ImproperlyConfigured(f"SNAPSHOT_DESTINATIONS: {name}: a target is an absolute folder or s3://bucket")
        if not base_url.startswith(("http://", "https://")):
            raise ImproperlyConfigured(f"SNAPSHOT_DESTINATIONS: {name}: the base address starts with http(s)://")
        hosts = tuple(host for host in (words[3].split(",") if len(words) == 4 else ()) if host)
        if name in {destination.name for destination in found}:
            raise ImproperlyConfigured(f"SNAPSHOT_DESTINATIONS: {name} is named twice")
        found.append(Destination(name, target, base_url.rstrip("/"), hosts))
    return found


def configured():
    return parse(settings.SNAPSHOT_DESTINATIONS)


def digest(body):
    return hashlib.sha256(body).hexdigest()


class FolderTarget:
    def __init__(self, destination):
        self.root = Path(destination.target)

    def put(self, name, body):
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        partial.write_bytes(body)
        partial.replace(path)

    def delete(self, name):
        path = self.root / name
        if path.is_file():
            path.unlink()


class BucketTarget:
    def __init__(self, destination):
        from storages.backends.s3 import S3Storage

        bucket, _slash, prefix = destination.target.removeprefix("s3://").partition("/")

        def option(name):
            return getattr(settings, "SNAPSHOT_S3_" + name.removeprefix("S3_"), None) or getattr(
                settings, f"AWS_{name}", None
            )

        self.storage = S3Storage(
            bucket_name=bucket,
            location=prefix.strip("/"),
            endpoint_url=option("S3_ENDPOINT_URL"),
            region_name=option("S3_REGION_NAME"),
            access_key=option("ACCESS_KEY_ID"),
            secret_key=option("SECRET_ACCESS_KEY"),
            file_overwrite=True,
            querystring_auth=False,
            default_acl=None,
        )

    def put(self, name, body):
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type in ("application/json", "application/xml"):
            content_type += "; charset=utf-8"
        self.storage.object_parameters = {"ContentType": content_type, "CacheControl": "public, max-age=60"}
        self.storage.save(name, ContentFile(body))

    def delete(self, name):
        self.storage.delete(name)


def target_for(destination):
    return BucketTarget(destination) if destination.is_bucket else FolderTarget(destination)


def rewrite_sitemap_addresses(text, base_url, file_of):
    """A sitemap's addresses, its pages' and their language alternates', at a copy's base URL.

    `file_of(url)`: the copy's file for an address of the main site, or None when the copy has
    none. A page the copy lacks keeps its address; an alternate the copy lacks (the main site's
    language-choosing x-default, which a static copy cannot do) is left out.
    """

    def address(match, keep):
        name = file_of(match["url"].strip())
        if name is None:
            return match[0] if keep else ""
        return f"{match['pre']}{base_url}/{name.removesuffix('index.html')}{match['post']}"

    text = SITEMAP_LOC.sub(lambda match: address(match, keep=True), text)
    return SITEMAP_ALTERNATE.sub(lambda match: address(match, keep=False), text)


def rewrite_sitemap(body, destination, manifest):
    """A sitemap names absolute addresses: the destination's own, not the main site's."""

    def file_of(url):
        if not url.startswith(settings.SITE_URL):
            return None
        path, _mark, query = url.removeprefix(settings.SITE_URL).partition("?")
        found = (path or "/", query)
        return manifest.file(manifest.alias(found) or found)

    return rewrite_sitemap_addresses(body.decode(), destination.base_url, file_of).encode()


def send(destination, dest, manifest, names=None, search=True):
    """Bring a destination up to date with the copy in `dest`: only what changed. `names`: the
    files this run wrote or removed (None: compare every file, after a failure or the first time).
    Pagefind's index is compared whole (its files are named by their content), unless `search`
    is false (the pages go first, the index once rebuilt). Counts sent and deleted."""
    dest = Path(dest)
    target = target_for(destination)
    sent = deleted = 0
    held = manifest.sent_names(destination.name)
    if names is None:
        names = set(manifest.names()) | held
    pagefind = dest / "pagefind"
    if not search:
        names = {name for name in names if not name.startswith("pagefind/")}
    elif pagefind.is_dir():
        names = set(names) | {p.relative_to(dest).as_posix() for p in pagefind.rglob("*") if p.is_file()}
        names |= {name for name in held if name.startswith("pagefind/")}
    for name in sorted(names):
        path = dest / name
        if not path.is_file() or name.startswith("."):
            if name in held:
                target.delete(name)
                manifest.set_sent(destination.name, name, None)
                deleted += 1
            continue
        body = path.read_bytes()
        if name.startswith("sitemap") and name.endswith(".xml"):
            body = rewrite_sitemap(body, destination, manifest)
        fingerprint = digest(body)
        if manifest.sent_hash(destination.name, name) == fingerprint:
            continue
        target.put(name, body)
        manifest.set_sent(destination.name, name, fingerprint)
        sent += 1
    manifest.db.commit()
    return sent, deleted
