"""Rich text cut into blocks for translators, and put back together from their translations.

A translated field becomes one unit; a rich text field one segment per block
(a paragraph, a heading, a list item, a table cell, a caption), a plain field a
single segment. Inside a block, the markup (bold, links, line breaks) becomes
numbered inline codes, so a CAT tool shows it as protected tags: ``<g>``/``<x/>``
in XLIFF 1.2, ``<pc>``/``<ph>`` in XLIFF 2.0. On the way back the codes are
replaced by the source's elements with their attributes (a translator can
move a link, never change where it points), and the translated blocks are put
into the source's structure. The admin form sanitises the result as it does
every save.
"""

import hashlib

from lxml import etree
from lxml import html as lxml_html

BLOCK_TAGS = frozenset(
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "table", "thead", "tbody",
        "tfoot", "tr", "td", "th", "figure", "figcaption", "pre", "div", "section", "hr", "caption",
    }
)  # fmt: skip
VOID_TAGS = frozenset({"br", "img", "hr", "wbr"})


class MarkupError(ValueError):
    """The translation's inline codes do not match the source's (a code lost, added or unknown)."""


def digest(value):
    """A short hash of a field's text, to tell at import whether it changed since the export."""
    return hashlib.sha256((value or "").encode("utf-8")).hexdigest()[:16]


def parse(value):
    """Rich text as a <div> element holding it."""
    return lxml_html.fragment_fromstring(value or "", create_parent="div")


def _elements(element):
    return [child for child in element if isinstance(child.tag, str)]


def _has_text(element):
    return bool((element.text or "").strip()) or any((child.tail or "").strip() for child in element)


def blocks(root):
    """The blocks of `root` that hold text, in document order."""
    found = []

    def visit(element):
        children = _elements(element)
        inline = any(child.tag not in BLOCK_TAGS for child in children)
        nested = any(child.tag in BLOCK_TAGS for child in children)
        if _has_text(element) or inline or (element is not root and not nested):
            found.append(element)
            return
        for child in children:
            visit(child)

    visit(root)
    return [block for block in found if block.text_content().strip()]


def is_rich(field):
    from core.richtext import RichTextField

    return isinstance(field, RichTextField)


def source_blocks(field, value):
    """[(block element or None, root)] for `value`: the blocks of rich text, else the text itself."""
    if not is_rich(field):
        return None, [value or ""]
    root = parse(value)
    return root, blocks(root)


# --- Inline codes ------------------------------------------------------------------


def code_map(block):
    """{code id: element} for the markup inside `block`, numbered from 1 in document order."""
    return {str(number): element for number, element in enumerate(block.iterdescendants(tag=etree.Element), 1)}


def fill_codes(target, block, ns, version):
    """Write the content of `block` (text and markup) into the XLIFF element `target` as inline codes."""
    ids = {element: key for key, element in code_map(block).items()}
    paired, lone = ("g", "x") if version == 1 else ("pc", "ph")

    def copy(source, out):
        out.text = source.text
        for child in _elements(source):
            if child.tag in VOID_TAGS:
                code = etree.SubElement(out, f"{{{ns}}}{lone}", id=ids[child])
                if version == 1:
                    code.set("ctype", _ctype(child.tag, lone=True))
            else:
                code = etree.SubElement(out, f"{{{ns}}}{paired}", id=ids[child])
                if version == 1:
                    code.set("ctype", _ctype(child.tag))
                copy(child, code)
            code.tail = child.tail

    for child in list(target):
        target.remove(child)
    copy(block, target)


CTYPES = {"strong": "bold", "em": "italic", "u": "underlined", "a": "link", "img": "image", "br": "lb"}


def _ctype(tag, lone=False):
    return CTYPES.get(tag, f"x-html-{tag}")


def has_codes(element):
    """True when the XLIFF element holds inline codes (markers such as <mrk> do not count)."""
    return any(etree.QName(node).localname in CODE_NAMES for node in element.iter() if isinstance(node.tag, str))


CODE_NAMES = frozenset({"g", "x", "pc", "ph", "bx", "ex", "bpt", "ept", "it", "sc", "ec"})


def plain_text(element):
    """The text of an XLIFF source or target element without its codes."""
    return "".join(element.itertext())


def read_codes(element, block):
    """The content of the XLIFF element `element` as HTML children of a copy of `block`'s tag.

    Raises MarkupError when a code is unknown, repeated or missing.
    """
    codes = code_map(block)
    used = []
    out = etree.Element(block.tag)

    def local(tag):
        return etree.QName(tag).localname if isinstance(tag, str) else None

    def copy(source, destination):
        _append_tail(destination, source.text)
        for child in source:
            name = local(child.tag)
            if name in ("g", "x", "pc", "ph"):
                key = child.get("id", "")
                if key not in codes or key in used:
                    raise MarkupError(key)
                used.append(key)
                original = codes[key]
                made = etree.SubElement(destination, original.tag, dict(original.attrib))
                if name in ("g", "pc"):
                    copy(child, made)
            elif name is not None:  # a marker (mrk, m) a tool added: its text counts
                copy(child, destination)
            _append_tail(destination, child.tail)

    copy(element, out)
    if set(used) != set(codes):
        raise MarkupError(",".join(sorted(set(codes) - set(used))))
    return out


def _append_tail(destination, text):
    if not text:
        return
    if len(destination):
        destination[-1].tail = (destination[-1].tail or "") + text
    else:
        destination.text = (destination.text or "") + text


def read_html(text, block):
    """A PO translation (HTML) as children of a copy of `block`'s tag; its tags must be the source's."""
    out = lxml_html.fragment_fromstring(text or "", create_parent=block.tag)
    wanted = sorted(element.tag for element in block.iterdescendants(tag=etree.Element))
    found = sorted(element.tag for element in out.iterdescendants(tag=etree.Element))
    if wanted != found:
        raise MarkupError("html")
    return out


def inner_html(element):
    return (element.text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in element
    )


def rebuild(root, translated):
    """The source's rich text with its blocks' content replaced: `translated` is [element] in block order."""
    for block, new in zip(blocks(root), translated, strict=True):
        tail = block.tail
        attributes = dict(block.attrib)
        for child in list(block):
            block.remove(child)
        block.text = new.text
        for child in list(new):
            block.append(child)
        block.attrib.clear()
        block.attrib.update(attributes)
        block.tail = tail
    return inner_html(root)
