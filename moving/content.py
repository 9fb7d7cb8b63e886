"""A WordPress post body as Ura's rich text.

Block-editor comments go, classic-editor text gets its paragraphs back (what WordPress's
``wpautop`` does when it shows a post), shortcodes are converted or listed, and the result
goes through the project's sanitiser (core.richtext): what the rich-text editor cannot
hold (images, embeds, tables, scripts) does not survive. Images and linked files are
collected on the way, for the library and the file store.
"""

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.utils.translation import gettext_noop

from core.richtext import sanitize_html

BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)
# [name attrs]inner[/name] or [name attrs /] or [name attrs]; [[name]] is an escaped, literal shortcode.
SHORTCODE = re.compile(r"\[(\[?)([A-Za-z][\w-]*)((?:[^\]\"']|\"[^\"]*\"|'[^']*')*?)(/?)\](?:(.*?)\[/\2\])?(\]?)", re.S)
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")
IMG = re.compile(r"<img\b[^>]*>", re.I)
SRC = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
HREF = re.compile(r"""(<a\b[^>]*?\bhref\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.I)
BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|"
    "blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|"
    "footer|nav|figure|figcaption|details|menu|summary"
)
BLOCK_OPEN = re.compile(rf"<(?:{BLOCK_TAGS})[\s/>]", re.I)
OWN_LINE_URL = re.compile(r"^\s*(https?://[^\s<>\"]+)\s*$", re.M)
DOCUMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".odt", ".ods", ".xls", ".xlsx", ".ppt", ".pptx", ".rtf", ".csv")
# Shortcodes whose inner text is kept as it is (their own markup dropped).
TEXT_SHORTCODES = {"code", "sourcecode", "quote", "pullquote", "column", "columns", "one_half", "one_third"}


@dataclass
class Body:
    html: str
    images: list = field(default_factory=list)  # (url, alt, caption)
    gallery_ids: list = field(default_factory=list)  # attachment ids of [gallery ids="..."]
    documents: list = field(default_factory=list)  # links to files of the old site's uploads
    shortcodes: dict = field(default_factory=dict)  # name -> what became of it


def attributes(text):
    return {
        match.group(1).lower(): next(g for g in match.groups()[1:] if g is not None)
        for match in ATTRIBUTE.finditer(text)
    }


def autop(text):
    """wpautop, simplified: blank lines end paragraphs, single line breaks become <br>."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    chunks = re.split(r"\n\s*\n", text)
    out = []
    for chunk in chunks:
        chunk = chunk.strip()
        if not chunk:
            continue
        if BLOCK_OPEN.match(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", chunk) + "</p>")
    return "\n".join(out)


def convert(raw, uploads_prefixes=()):
    """`raw` post content as a Body; `uploads_prefixes` are the old site's upload URLs (for linked files)."""
    body = Body(html="")
    text = BLOCK_COMMENT.sub("", raw or "")
    text = COMMENT.sub("", text)

    def image(tag, caption=""):
        src = SRC.search(tag)
        if src:
            alt = ALT.search(tag)
            url = html.unescape(src.group(1) or src.group(2) or "")
            alt_text = html.unescape((alt.group(1) or alt.group(2) or "") if alt else "")
            body.images.append((url, alt_text, caption))

    def shortcode(match):
        escaped_open, name, attrs, _self_closing, inner, escaped_close = match.groups()
        if escaped_open and escaped_close:
            return match.group(0)[1:-1]  # [[gallery]] is the literal text [gallery]
        name_lower = name.lower()
        inner = inner or ""
        if name_lower in ("caption", "wp_caption"):
            tags = IMG.findall(inner)
            caption = IMG.sub("", re.sub(r"</?a\b[^>]*>", "", inner)).strip()
            caption = attributes(attrs).get("caption", caption)
            for tag in tags:
                image(tag, html.unescape(re.sub(r"<[^>]+>", "", caption)).strip())
            body.shortcodes.setdefault(name_lower, gettext_noop("image to the library, caption as its caption"))
            return ""
        if name_lower == "gallery":
            ids = [int(value) for value in re.findall(r"\d+", attributes(attrs).get("ids", ""))]
            body.gallery_ids.extend(ids)
            body.shortcodes.setdefault(name_lower, gettext_noop("images to the library"))
            return ""
        if name_lower in ("embed", "video", "audio", "playlist"):
            url = inner.strip() or attributes(attrs).get("src", "") or attributes(attrs).get("mp4", "")
            body.shortcodes.setdefault(name_lower, gettext_noop("a link to the embedded address"))
            if url.startswith(("http://", "https://")):
                escaped = html.escape(url)
                return f'\n\n<p><a href="{escaped}">{escaped}</a></p>\n\n'
            return ""
        if name_lower in TEXT_SHORTCODES:
            body.shortcodes.setdefault(name_lower, gettext_noop("its text kept, its markup dropped"))
            return inner
        body.shortcodes.setdefault(name_lower, gettext_noop("unknown: removed, its inner text kept"))
        return inner

    # Nested shortcodes: convert from the inside out (a few rounds are enough for real posts).
    for _round in range(3):
        new = SHORTCODE.sub(shortcode, text)
        if new == text:
            break
        text = new
    # Images outside captions.
    for tag in IMG.findall(text):
        image(tag)
    # A URL alone on its line is an oEmbed in WordPress: a link here.
    text = OWN_LINE_URL.sub(lambda m: f'<p><a href="{html.escape(m.group(1))}">{html.escape(m.group(1))}</a></p>', text)
    if not re.search(r"<p[\s>]", text, re.I):
        text = autop(text)
    for match in HREF.finditer(text):
        href = html.unescape(match.group(2) or match.group(3) or "")
        path = urlsplit(href).path.lower()
        if path.endswith(DOCUMENT_EXTENSIONS) and (
            not uploads_prefixes or any(href.startswith(prefix) for prefix in uploads_prefixes)
        ):
            body.documents.append(href)
    body.html = sanitize_html(text)
    return body


def rewrite_links(text, replacements):
    """`text` with each link to a key of `replacements` pointing at its value."""
    if not replacements:
        return text

    def swap(match):
        href = html.unescape(match.group(2) or match.group(3) or "")
        if href in replacements:
            return f'{match.group(1)}"{html.escape(replacements[href])}"'
        return match.group(0)

    return HREF.sub(swap, text)
