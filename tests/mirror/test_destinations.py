"""SNAPSHOT_DESTINATIONS as an operator writes it: a line a destination, mistakes named."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from mirror.destinations import Destination, parse


def test_lines_and_semicolons_give_destinations_with_their_hosts():
    text = """
        # the CDN copy
        cdn   s3://copies/ura   https://cdn.example.net/ura/   cdn.example.net,ura.example.info
        friend /var/www/ura https://friend.example.org ; backup /srv/backup https://backup.example.com
    """
    assert parse(text) == [
        Destination("cdn", "s3://copies/ura", "https://cdn.example.net/ura", ("cdn.example.net", "ura.example.info")),
        Destination("friend", "/var/www/ura", "https://friend.example.org"),
        Destination("backup", "/srv/backup", "https://backup.example.com"),
    ]
    assert parse("") == []


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("cdn s3://b", "expected"),
        ("Bad/Name /srv https://x.example", "expected"),
        ("cdn relative/folder https://x.example", "absolute folder"),
        ("cdn /srv ftp://x.example", "http(s)"),
        ("cdn /srv https://x.example; cdn /srv2 https://y.example", "named twice"),
    ],
)
def test_a_wrong_line_is_named(text, named):
    with pytest.raises(ImproperlyConfigured, match="SNAPSHOT_DESTINATIONS") as error:
        parse(text)
    assert named in str(error.value)
