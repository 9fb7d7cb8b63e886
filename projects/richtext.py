"""Links to a project's documents in rich text, with the document's type, size and language.

An editor links a document by its address on the project's page
(``/<language>/projects/<slug>/documents/<id>/``, the download view); the
page shows after the link what a reader needs before downloading it:
"(PDF, 1,2 МБ, па-англійску)". Only documents of public projects are
described; any other link stays as it is (the download view decides).
"""

import re

from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from projects.models import Document, Project

DOCUMENT_LINK = re.compile(
    r'(<a href="(?:https?://[^/"]+)?/[a-z-]+/projects/[^/"]+/documents/(\d+)/"[^>]*>.*?</a>)', re.S
)


def with_document_facts(html):
    """`html` (rendered rich text) with each link to a public project's document followed by its facts."""
    if "/documents/" not in html:
        return mark_safe(html)  # rendered and sanitised by the caller
    ids = {int(pk) for _link, pk in DOCUMENT_LINK.findall(html)}
    if not ids:
        return mark_safe(html)  # as above
    documents = Document.objects.filter(pk__in=ids, project__in=Project.objects.published()).in_bulk()

    def described(match):
        document = documents.get(int(match.group(2)))
        if document is None:
            return match.group(1)
        facts = [document.type_label, filesizeformat(document.file_size), document.language_in_text()]
        return format_html(
            '{} <span class="document-meta">({})</span>',
            mark_safe(match.group(1)),
            ", ".join(filter(None, map(str, facts))),
        )

    return mark_safe(DOCUMENT_LINK.sub(described, html))  # the link was sanitised; the facts are escaped
