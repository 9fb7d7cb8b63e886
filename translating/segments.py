"""Segmentation of translated text: blocks of rich text, sentences of a block.

One segmentation for the translation memory and for translators' files, so a
segment learnt from a saved item is the segment a CAT tool sees:

- `blocks(html)`: the inner HTML of each block of rich text (a paragraph, a
  list item, a heading, a quotation, a table cell, a caption, preformatted
  text), in document order. A block that holds other blocks (a list item
  with paragraphs) is not a segment itself: its innermost blocks are. Text
  without markup is one block.
- `sentences(text)`: the sentences of a block's plain text.
- `normalise(text)`: the key a segment is matched by (plain text, lower case,
  spaces collapsed).
"""

import re

from core.text import plain_text

BLOCK_TAGS = frozenset(
    ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "th", "figcaption", "pre", "dt", "dd")
)
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
# A sentence ends with . ! ? or … (closing quotes or brackets may follow), then a space and a capital letter,
# a digit or an opening quote. An initial ("J. Smith") or a usual abbreviation ("Dr.") does not end a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?…])([\"'»”’)\]]*)\s+(?=[«„“\"'(\[]?[^\W_a-zß-ÿа-ыэ-ёђ-џ])")

_ABBREVIATION = re.compile(
    r"(?:^|\s)(?:[^\W\d_]|dr|mr|mrs|ms|st|prof|e\.g|i\.e|etj|nr|vol|no|p|pp|sh|вул|г|гг|с|др|праф|інш|напр)\.$",
    re.IGNORECASE,
)


def _is_markup(text):
    return bool(_TAG.search(text))


def blocks(html):
    """The inner HTML of each innermost block of `html`, stripped, empty blocks left out."""
    text = str(html or "")
    if not text.strip():
        return []
    if not _is_markup(text):
        return [text.strip()]
    found = []
    stack = []  # [(tag, start of inner HTML, holds a block)]
    for match in _TAG.finditer(text):
        closing, tag, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if tag not in BLOCK_TAGS or self_closing:
            continue
        if not closing:
            if stack:
                stack[-1][2] = True
            stack.append([tag, match.end(), False])
            continue
        # Close the nearest open block of this tag (and any unclosed ones inside it).
        while stack:
            open_tag, start, holds_block = stack.pop()
            if open_tag == tag:
                if not holds_block:
                    inner = text[start : match.start()].strip()
                    if plain_text(inner):
                        found.append(inner)
                break
    if not found and plain_text(text):
        return [text.strip()]
    return found


def sentences(text):
    """The sentences of `text` (plain text: a block's markup is taken out first)."""
    plain = plain_text(text) if _is_markup(str(text or "")) else re.sub(r"\s+", " ", str(text or "")).strip()
    if not plain:
        return []
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(plain):
        end = match.end(1)
        parts.append(plain[start:end].strip())
        start = match.end()
    parts.append(plain[start:].strip())
    merged = []
    for part in parts:
        if merged and _ABBREVIATION.search(merged[-1]):
            merged[-1] = f"{merged[-1]} {part}"
        elif part:
            merged.append(part)
    return merged


def normalise(text):
    """The matching key of a segment: its plain text in lower case, spaces collapsed."""
    return plain_text(text).lower()
