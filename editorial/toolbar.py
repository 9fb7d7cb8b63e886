"""The rich-text toolbar (django-prose-editor) in the editor's language.

The editor takes its dialog texts from the admin's JavaScript catalogue
(``window.gettext``) but writes its button titles ("bold", "undo") in
English. The admin site's catalogue (``EditorialAdminSite.i18n_javascript``)
therefore carries these strings too, translated in the project's catalogues,
and editorial/languages.js puts them on the buttons.
"""

from django.utils.translation import gettext, gettext_noop
from django.views.i18n import JavaScriptCatalog

# Translators: titles of the buttons and menu entries of the rich-text editor's toolbar.
TOOLBAR_STRINGS = (
    gettext_noop("paragraph"),
    gettext_noop("Paragraph"),
    gettext_noop("Heading 2"),
    gettext_noop("Heading 3"),
    gettext_noop("Heading 4"),
    gettext_noop("Block style"),
    gettext_noop("bold"),
    gettext_noop("italic"),
    gettext_noop("unordered list"),
    gettext_noop("ordered list"),
    gettext_noop("blockquote"),
    gettext_noop("insert link"),
    gettext_noop("remove link"),
    gettext_noop("undo"),
    gettext_noop("redo"),
    gettext_noop("Edit Link"),
    gettext_noop("URL"),
    gettext_noop("Title"),
    gettext_noop("Update"),
    gettext_noop("Cancel"),
    gettext_noop("Insert"),
    gettext_noop("List properties"),
    gettext_noop("List type"),
    gettext_noop("Start at"),
    gettext_noop("Bullets"),
    gettext_noop("Decimal numbers"),
    gettext_noop("Lowercase letters"),
    gettext_noop("Uppercase letters"),
    gettext_noop("Lowercase Roman numerals"),
    gettext_noop("Uppercase Roman numerals"),
    gettext_noop("Toggle fullscreen"),
    # Images from the library (the Figure extension and its dialog)
    gettext_noop("figure"),
    gettext_noop("Insert Figure"),
    gettext_noop("Edit Figure"),
    gettext_noop("Edit Image"),
    gettext_noop("Image URL"),
    gettext_noop("Browse..."),
    gettext_noop("Alternative Text"),
    gettext_noop("Caption"),
    gettext_noop("Add caption"),
    gettext_noop("Remove caption"),
    gettext_noop("Reset all classes"),
    # Tables
    gettext_noop("Insert table"),
    gettext_noop("Table Properties"),
    gettext_noop("Rows"),
    gettext_noop("Columns"),
    gettext_noop("Include header row"),
    gettext_noop("Yes"),
    gettext_noop("No"),
    gettext_noop("Insert Table"),
    gettext_noop("Add column"),
    gettext_noop("Delete column"),
    gettext_noop("Add row"),
    gettext_noop("Delete row"),
    gettext_noop("Merge cells"),
    gettext_noop("Split cell"),
    gettext_noop("Toggle header cell"),
    gettext_noop("Delete table"),
)


class AdminJavaScriptCatalog(JavaScriptCatalog):
    """The admin's JavaScript catalogue, with the toolbar's strings in the active language."""

    def get_catalog(self):
        catalog = super().get_catalog()
        for text in TOOLBAR_STRINGS:
            translated = gettext(text)
            if translated != text or text not in catalog:
                catalog[text] = translated
        # The width choices of an image are "<title>: <choice>"; the editor writes the first one's choice in
        # English ("default"), which is the image as wide as the text.
        image = gettext("Image")
        catalog[f"{image}: default"] = f"{image}: {gettext('as wide as the text')}"
        return catalog
