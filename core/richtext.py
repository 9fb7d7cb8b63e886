"""Rich text shared by news, projects and pages.

Editors write in a ProseMirror editor (django-prose-editor), never raw HTML.
The HTML it produces is cleaned with an allow-list (nh3) when the model is
saved, whatever path the value took (admin form, shell, import), and again
when it is rendered, so nothing stored is trusted.
"""

from functools import lru_cache

import nh3
from django.conf import settings
from django.utils.safestring import mark_safe
from django_prose_editor.config import allowlist_from_extensions, expand_extensions
from django_prose_editor.fields import ProseEditorField
from modeltranslation.fields import TranslationFieldDescriptor


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


def render_rich_text(html):
    """Sanitise again on the way out and mark the result safe for templates."""
    return mark_safe(sanitize_html(html))  # cleaned by nh3 just above


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
