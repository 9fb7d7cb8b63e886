"""Malformed XML, entity bombs and external entities: a clear error, nothing written, no file read."""

import os

import pytest
from django.core.management import CommandError, call_command

from core.models import SlugAlias
from moving import wxr
from moving.models import ImportedItem
from news.models import NewsItem

pytestmark = pytest.mark.django_db

HEAD = '<?xml version="1.0"?>\n'
RSS = (
    '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>'
    "<item><title>{title}</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type>"
    "<wp:status>publish</wp:status></item></channel></rss>"
)
BILLION_LAUGHS = (
    HEAD
    + '<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    + '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    + RSS.format(title="&lol3;")
)
EXTERNAL = HEAD + '<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>' + RSS.format(title="&secret;")
EXTERNAL_DTD = HEAD + '<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd">' + RSS.format(title="x")
# A DOCTYPE behind a comment is still found.
HIDDEN = HEAD + "<!-- a WordPress export -->\n<!doctype rss [<!ENTITY x 'y'>]>" + RSS.format(title="&x;")


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL, EXTERNAL_DTD, HIDDEN], ids=["bomb", "xxe", "dtd", "hidden"])
def test_a_document_type_is_refused_before_parsing_and_nothing_is_written(tmp_path, text):
    path = tmp_path / "export.xml"
    path.write_text(text)
    with pytest.raises(CommandError, match="declares a document type"):
        call_command("import_wordpress", str(path), "--no-progress")
    assert not NewsItem.objects.exists()
    assert not ImportedItem.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (HEAD + RSS.format(title="ok").replace("</item>", "", 1), "not well-formed XML"),
        (HEAD + "<feed><entry/></feed>", "not a WordPress export"),
        (HEAD + '<rss version="2.0"><channel><item><title>x</title></item></channel></rss>', "not a WordPress export"),
        ("", "empty"),
    ],
    ids=["broken", "atom", "plain-rss", "empty"],
)
def test_a_file_that_is_not_a_readable_export_gets_a_clear_error_and_writes_nothing(tmp_path, text, message):
    path = tmp_path / "export.xml"
    path.write_text(text)
    with pytest.raises(CommandError, match=message):
        call_command("import_wordpress", str(path), "--no-progress")
    assert not NewsItem.objects.exists()
    assert not SlugAlias.objects.exists()


def test_a_broken_file_found_half_way_writes_nothing_even_for_the_items_before(tmp_path):
    """The first pass reads the whole file before anything is written."""
    good = RSS.format(title="first")
    broken = good.replace("</channel></rss>", "<item><title>second</title><wp:post_id>2</oops></channel></rss>")
    path = tmp_path / "export.xml"
    path.write_text(HEAD + broken)
    with pytest.raises(CommandError, match="line"):
        call_command("import_wordpress", str(path), "--no-progress")
    assert not NewsItem.objects.exists()


def resident_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_the_reader_keeps_memory_bounded_by_dropping_each_item(tmp_path):
    """A 20 MB export is read with a few MB: each item is dropped once it is handed over."""
    body = "<p>" + "word " * 4000 + "</p>"
    path = tmp_path / "export.xml"
    with open(path, "w") as handle:
        handle.write(HEAD + '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"')
        handle.write(
            ' xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><wp:wxr_version>1.2</wp:wxr_version>'
        )
        for n in range(1000):
            handle.write(
                f"<item><title>t{n}</title><wp:post_id>{n}</wp:post_id><wp:post_type>post</wp:post_type>"
                f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
            )
        handle.write("</channel></rss>")
    assert path.stat().st_size > 20_000_000
    with open(path, "rb") as handle:
        count, growth, start = 0, 0, None
        for record in wxr.read(handle):
            if isinstance(record, wxr.Item):
                count += 1
                if count == 100:
                    start = resident_bytes()
                elif count % 100 == 0:
                    growth = max(growth, resident_bytes() - start)
    assert count == 1000
    # Kept items would grow the process by the file's 20 MB (more, as a tree).
    assert growth < 6_000_000
