"""The operator's upload of a WordPress export (moving.admin)."""

import zipfile

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from moving import wxr
from moving.models import ImportRun
from news.models import NewsItem


class ImportRunForm(forms.ModelForm):
    media_base = forms.URLField(
        label=_("Address of the old site's uploads"),
        required=False,
        assume_scheme="https",
        help_text=_(
            "Optional, instead of the zip: the address of the old site's uploads folder, to download the files from."
        ),
    )
    kinds = forms.CharField(
        label=_("Categories as news kinds"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        # Formatted when the form is shown, in the operator's language.
        help_text=lazy(
            lambda: (
                # Translators: %(kinds)s is a list of the site's news kinds, as codes (visit, meeting, ...)
                _("One per line: the category's slug, =, a kind (%(kinds)s). Other categories become topics.")
                % {"kinds": ", ".join(NewsItem.Kind.values)}
            ),
            str,
        )(),
    )
    menu_names = forms.CharField(
        label=_("Menus"),
        required=False,
        help_text=_("The slugs of the menus that become the site's menu, separated by commas. The check lists them."),
    )

    class Meta:
        model = ImportRun
        fields = ("export_file", "uploads_archive", "media_base")
        help_texts = {
            "export_file": _("The file from Tools → Export → All content of the old site (.xml)."),
            "uploads_archive": _("Optional: a zip of the old site's wp-content/uploads folder."),
            "media_base": _(
                "Optional, instead of the zip: the address of the old site's uploads folder, to download the files from."
            ),
        }

    def clean_export_file(self):
        upload = self.cleaned_data["export_file"]
        if not upload.name.lower().endswith(".xml"):
            raise ValidationError(_("Choose the .xml file of a WordPress export."), code="not_xml")
        check_size(upload)
        return self.check_export(upload)

    def check_export(self, upload):
        try:
            wxr.check_prolog(upload)
        except wxr.WXRError as error:
            raise ValidationError(message_for(error), code=error.code) from error
        upload.seek(0)
        head = upload.read(wxr.PROLOG_BYTES)
        upload.seek(0)
        if b"<rss" not in head or b"wordpress.org/export" not in head:
            raise ValidationError(_("This is not a WordPress export."), code="not_wxr")
        return upload

    def clean_uploads_archive(self):
        upload = self.cleaned_data.get("uploads_archive")
        if upload:
            check_size(upload)
        if upload and not zipfile.is_zipfile(upload):
            raise ValidationError(_("The uploads must be a zip file."), code="not_zip")
        if upload:
            upload.seek(0)
        return upload

    def clean_kinds(self):
        mapping = {}
        for number, line in enumerate(self.cleaned_data["kinds"].splitlines(), start=1):
            if not line.strip():
                continue
            category, _eq, kind = (part.strip() for part in line.partition("="))
            if not category or kind not in NewsItem.Kind.values:
                raise ValidationError(
                    # Translators: %(number)s is a line number; %(kinds)s the news kinds as codes
                    _("Line %(number)s: write a category's slug, =, and one of %(kinds)s."),
                    code="kind",
                    params={"number": number, "kinds": ", ".join(NewsItem.Kind.values)},
                )
            mapping[category] = kind
        return mapping

    def clean_menu_names(self):
        return [name.strip() for name in self.cleaned_data["menu_names"].split(",") if name.strip()]

    def save(self, commit=True):
        run = super().save(commit=False)
        run.kind_map = self.cleaned_data["kinds"]
        run.menus = self.cleaned_data["menu_names"]
        if commit:
            run.save()
        return run


def check_size(upload):
    if upload.size > settings.IMPORT_MAX_BYTES:
        raise ValidationError(
            # Translators: %(size)s and %(limit)s are file sizes with their unit ("3,2 MB"), in the nominative
            _("The file is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(settings.IMPORT_MAX_BYTES)},
        )


def message_for(error):
    """A reader's WXRError in the operator's language."""
    messages = {
        "empty": _("The file is empty."),
        "doctype": _(
            "The file declares a document type or entities. WordPress exports never do; such a file can hide "
            "an entity bomb or read files from the server, so it is not read."
        ),
        "not_wxr": _("This is not a WordPress export."),
        # Translators: %(line)s is the number of the line where the XML breaks
        "syntax": _("The file is not well-formed XML (line %(line)s)."),
    }
    message = messages.get(error.code, _("The file could not be read."))
    return message % error.params if error.params else message
