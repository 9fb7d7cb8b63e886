"""Reading a WordPress export (WXR 1.1 and 1.2) in bounded memory.

``read(path)`` yields the channel's terms (categories, tags and the other taxonomies,
Polylang's among them) and then its items, one at a time: lxml's streaming parser hands
over each ``<item>`` when it ends, and the element is cleared and dropped before the next
one is read, so a 200 MB export needs the memory of its largest item, not of the file.

A WordPress export never has a document type declaration. A file with one is refused
before parsing, so that no entity is expanded (the "billion laughs" bomb) and no external
entity or DTD is fetched; the parser itself also resolves no entity and reaches no
network.
"""

import re
from dataclasses import dataclass, field

from lxml import etree

# The namespaces vary with the exporter's version (http or https, 1.0 to 1.2): recognised by their stem.
NAMESPACE_STEMS = {
    "wordpress.org/export/": "wp",
    "purl.org/rss/1.0/modules/content": "content",
    "wordpress.org/export/1.2/excerpt": "excerpt",
    "wordpress.org/export/1.1/excerpt": "excerpt",
    "wordpress.org/export/1.0/excerpt": "excerpt",
    "purl.org/dc/elements": "dc",
}
PROLOG_BYTES = 64 * 1024


class WXRError(Exception):
    """The file is not a WordPress export that can be read safely; the message says why."""

    def __init__(self, code, message, **params):
        super().__init__(message % params if params else message)
        self.code = code
        self.params = params


@dataclass
class Term:
    taxonomy: str  # category, post_tag, language, post_translations, term_language, term_translations, nav_menu, ...
    term_id: int
    slug: str
    name: str
    parent: str = ""
    description: str = ""


@dataclass
class Item:
    post_id: int
    post_type: str
    status: str
    title: str = ""
    link: str = ""
    guid: str = ""
    content: str = ""
    excerpt: str = ""
    slug: str = ""
    date: str = ""
    date_gmt: str = ""
    parent: int = 0
    menu_order: int = 0
    attachment_url: str = ""
    terms: list = field(default_factory=list)  # (taxonomy, slug, name)
    meta: dict = field(default_factory=dict)

    def terms_of(self, taxonomy):
        return [(slug, name) for tax, slug, name in self.terms if tax == taxonomy]


@dataclass
class Channel:
    title: str = ""
    link: str = ""
    language: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""


def _name(tag):
    """'wp:post_id' for '{https://wordpress.org/export/1.2/}post_id'; plain RSS names stay as they are."""
    if not isinstance(tag, str):
        return ""
    if tag[0] != "{":
        return tag
    uri, local = tag[1:].split("}", 1)
    prefix = ""
    for stem, name in NAMESPACE_STEMS.items():
        if stem in uri:
            prefix = name  # the longest match wins: excerpt's stem comes after the export's
    return f"{prefix}:{local}" if prefix else local


def check_prolog(handle):
    """Refuse a document type declaration (entity bombs, external entities) before anything is parsed."""
    start = handle.read(PROLOG_BYTES)
    handle.seek(0)
    if not start.strip():
        raise WXRError("empty", "The file is empty.")
    text = start.decode("utf-8", "replace")
    # Everything before the root element: the XML declaration, comments, processing instructions, a DOCTYPE.
    prolog = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    root = re.search(r"<[A-Za-z_]", prolog)
    head = prolog[: root.start()] if root else prolog
    if "<!DOCTYPE" in head.upper() or "<!ENTITY" in head.upper():
        raise WXRError(
            "doctype",
            "The file declares a document type or entities. WordPress exports never do; such a file can "
            "hide an entity bomb or read files from the server, so it is not read.",
        )


def _text(element):
    return element.text or ""


def _int(value, default=0):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def _term(element):
    name = _name(element.tag)
    values = {_name(child.tag): _text(child) for child in element}
    if name == "wp:category":
        return Term(
            "category",
            _int(values.get("wp:term_id")),
            values.get("wp:category_nicename", ""),
            values.get("wp:cat_name", ""),
            values.get("wp:category_parent", ""),
            values.get("wp:category_description", ""),
        )
    if name == "wp:tag":
        return Term(
            "post_tag",
            _int(values.get("wp:term_id")),
            values.get("wp:tag_slug", ""),
            values.get("wp:tag_name", ""),
            "",
            values.get("wp:tag_description", ""),
        )
    return Term(
        values.get("wp:term_taxonomy", ""),
        _int(values.get("wp:term_id")),
        values.get("wp:term_slug", ""),
        values.get("wp:term_name", ""),
        values.get("wp:term_parent", ""),
        values.get("wp:term_description", ""),
    )


def _item(element):
    item = Item(post_id=0, post_type="", status="")
    for child in element:
        name = _name(child.tag)
        if name == "title":
            item.title = _text(child)
        elif name == "link":
            item.link = _text(child).strip()
        elif name == "guid":
            item.guid = _text(child).strip()
        elif name == "content:encoded":
            item.content = _text(child)
        elif name == "excerpt:encoded":
            item.excerpt = _text(child)
        elif name == "wp:post_id":
            item.post_id = _int(_text(child))
        elif name == "wp:post_type":
            item.post_type = _text(child).strip()
        elif name == "wp:status":
            item.status = _text(child).strip()
        elif name == "wp:post_name":
            item.slug = _text(child).strip()
        elif name == "wp:post_date":
            item.date = _text(child).strip()
        elif name == "wp:post_date_gmt":
            item.date_gmt = _text(child).strip()
        elif name == "wp:post_parent":
            item.parent = _int(_text(child))
        elif name == "wp:menu_order":
            item.menu_order = _int(_text(child))
        elif name == "wp:attachment_url":
            item.attachment_url = _text(child).strip()
        elif name == "category":
            item.terms.append((child.get("domain", "category"), child.get("nicename", ""), _text(child)))
        elif name == "wp:postmeta":
            values = {_name(meta.tag): _text(meta) for meta in child}
            key = values.get("wp:meta_key", "")
            if key:
                item.meta[key] = values.get("wp:meta_value", "")
    return item


def read(handle):
    """Yield the Channel, then each Term and each Item of the export open in `handle` (binary), in file order."""
    check_prolog(handle)
    channel = Channel()
    channel_fields = {
        "title": "title",
        "link": "link",
        "language": "language",
        "wp:base_site_url": "base_site_url",
        "wp:base_blog_url": "base_blog_url",
        "wp:wxr_version": "wxr_version",
    }
    channel_sent = False
    depth = 0
    seen_rss = False
    parser = etree.iterparse(
        handle,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=True,  # a long post body is legitimate; entity expansion is refused above
        remove_comments=True,
        strip_cdata=True,
    )
    try:
        for event, element in parser:
            name = _name(element.tag)
            if event == "start":
                depth += 1
                if depth == 1:
                    if name != "rss":
                        raise WXRError("not_wxr", "This is an XML file, but not a WordPress export (no <rss> element).")
                    seen_rss = True
                continue
            depth -= 1
            if depth == 2 and name in channel_fields:
                setattr(channel, channel_fields[name], _text(element).strip())
            elif depth == 2 and name in ("wp:category", "wp:tag", "wp:term"):
                if not channel_sent:
                    channel_sent = True
                    yield channel
                yield _term(element)
                element.clear()
            elif depth == 2 and name == "item":
                if not channel_sent:
                    channel_sent = True
                    yield channel
                yield _item(element)
                # The item and the ones before it are no longer needed: dropped, memory stays bounded.
                element.clear()
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as error:
        raise WXRError(
            "syntax", "The file is not well-formed XML (line %(line)s): %(error)s", line=error.lineno, error=error.msg
        ) from error
    if not seen_rss:
        raise WXRError("not_wxr", "This is not a WordPress export.")
    if not channel.wxr_version:
        raise WXRError("not_wxr", "This is an RSS file, but not a WordPress export (no wxr_version).")
    if not channel_sent:
        yield channel
