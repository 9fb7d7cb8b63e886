"""Rich text shared by news, projects and pages.

Editors write in a ProseMirror editor (django-prose-editor), never raw HTML.
The HTML it produces is cleaned with an allow-list (nh3) when the model is
saved, whatever path the value took (admin form, shell, import), and again
when it is rendered, so nothing stored is trusted.
"""

import html
from functools import lru_cache

import nh3
from django.conf import settings
from django.utils.safestring import mark_safe
from django_prose_editor.config import allowlist_from_extensions, expand_extensions
from django_prose_editor.fields import ProseEditorField
from modeltranslation.fields import TranslationFieldDescriptor

from core.text import NAME_MARKUP


@lru_cache(maxsize=1)
def _cleaner():
    allow = allowlist_from_extensions(expand_extensions(settings.DJANGO_PROSE_EDITOR_DEFAULT_EXTENSIONS))
    attributes = {tag: set(attrs) for tag, attrs in allow.get("attributes", {}).items()}
    attributes.setdefault("a", set()).discard("rel")
    attributes["a"].discard("target")
    return nh3.Cleaner(
        tags=set(allow["tags"]),
        attributes=attributes,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def sanitize_html(html):
    """Return `html` with everything outside the editor's allow-list removed."""
    if not html:
        return ""
    cleaned = _cleaner().clean(str(html)).strip()
    if cleaned in {"<p></p>", "<p><br></p>"}:
        return ""
    return cleaned


def rich_text_html(value):
    """Stored rich text as it is published: sanitised again, and each name an editor marked with its
    Latin spelling ([[Леартай Холлай|Leartaj Hollaj]]) as <span data-latin="Leartaj Hollaj">Леартай
    Холлай</span>, which the Łacinka pages read (portal.latin_names). The mark is plain text in the
    editor, so it survives every edit."""

    def marked(match):
        latin = html.escape(html.unescape(match.group(2)).strip())
        return f'<span data-latin="{latin}">{match.group(1).strip()}</span>'

    return NAME_MARKUP.sub(marked, sanitize_html(value))


def render_rich_text(value):
    """Rich text for a template, marked safe."""
    return mark_safe(rich_text_html(value))  # sanitised by nh3 in rich_text_html


class RichTextField(ProseEditorField):
    """A text field edited with the rich-text editor and sanitised on save."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", dict(settings.DJANGO_PROSE_EDITOR_DEFAULT_EXTENSIONS))
        kwargs["sanitize"] = sanitize_html
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        # The untranslated column of a translated field is read through
        # modeltranslation's fallback; writing the value back would store another
        # language's text as the current language's translation.
        if not isinstance(getattr(type(model_instance), self.attname, None), TranslationFieldDescriptor):
            setattr(model_instance, self.attname, value)
        return value

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        kwargs.pop("extensions", None)
        return name, "core.richtext.RichTextField", args, kwargs
