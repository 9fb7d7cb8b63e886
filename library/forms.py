"""Forms of the image library: several files in one upload, and an upload next to a chooser."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import language_name_in_text
from core.images import validate_image
from library.models import Image


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Any number of files; each is checked on its own by the view, so one bad file does not stop the rest."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleImageField, self).clean(file, initial) for file in files]


class MultiUploadForm(forms.Form):
    files = MultipleImageField(
        label=_("Images"),
        help_text=_("Choose one or more JPEG, PNG, WebP or GIF files. Each is checked and stored once."),
    )
    credit = forms.CharField(
        label=_("Credit for all of them"),
        max_length=120,
        required=False,
        help_text=_("Who took the photos, in every language; it can be changed per image later."),
    )


def upload_images(files, credit="", user=None, alt_texts=None):
    """Validate each file and store the good ones; returns (images, [(file name, messages)])."""
    created, refused = [], []
    languages = ("be", "sq", "en")
    for upload in files:
        try:
            validate_image(upload)
        except ValidationError as error:
            refused.append((getattr(upload, "name", ""), error.messages))
            continue
        image = Image(file=upload, uploaded_by=user if user and user.is_authenticated else None)
        for code in languages:
            setattr(image, f"credit_{code}", credit)
            if alt_texts and alt_texts.get(code):
                setattr(image, f"alt_text_{code}", alt_texts[code])
        image.save()
        created.append(image)
    return created, refused


LANGUAGES = ("be", "sq", "en")
FIELD_LABELS = {
    "be": _("Alternative text (Belarusian)"),
    "sq": _("Alternative text (Albanian)"),
    "en": _("Alternative text (English)"),
}


def upload_field(label=None):
    """A file field for a new image next to a chooser: the file goes into the library."""
    return forms.ImageField(
        label=label or _("Or upload a new image"),
        required=False,
        validators=[validate_image],
        help_text=_("The file is added to the image library and chosen here, with the texts below."),
    )


def alt_text_field(code):
    return forms.CharField(
        label=FIELD_LABELS[code],
        max_length=Image._meta.get_field("alt_text").max_length,
        required=False,
        help_text=_(
            "What the image shows, for people who cannot see it. Needed for an uploaded file; "
            "for a chosen image it fills in a text the library does not have yet."
        ),
    )


def credit_field():
    return forms.CharField(
        label=_("Credit of the uploaded image"),
        max_length=Image._meta.get_field("credit").max_length,
        required=False,
        help_text=_("Who took the photo, in every language; it can be changed per language in the library."),
    )


def upload_field_names(field, credit=False):
    """The names of `<field>_upload` and the fields that go with it, in the order of the form."""
    return (
        f"{field}_upload",
        *(f"{field}_alt_{code}" for code in LANGUAGES),
        *((f"{field}_credit",) if credit else ()),
    )


class LibraryUploadFormMixin:
    """A model form with a library chooser, an upload field and its alternative texts.

    `library_fields` names the choosers (``("image",)``); `library_languages`
    is None for an editor, or the languages a translator may write: the other
    texts and the upload are shown but cannot be changed.
    """

    library_fields = ()
    library_languages = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.library_languages is None:
            return
        for field in self.library_fields:
            for name in upload_field_names(field, credit=True):
                code = name.rsplit("_", 1)[-1]
                if name in self.fields and code not in self.library_languages:
                    self.fields[name].disabled = True

    def clean(self):
        cleaned_data = super().clean()
        for field in self.library_fields:
            if not cleaned_data.get(f"{field}_upload"):
                continue
            for code in LANGUAGES:
                name = f"{field}_alt_{code}"
                if name in self.fields and not (cleaned_data.get(name) or "").strip():
                    self.add_error(
                        name,
                        ValidationError(
                            # Translators: %(language)s is a language name inside a sentence.
                            _("Give the uploaded image its alternative text in %(language)s."),
                            code="alt_text_missing",
                            params={"language": language_name_in_text(code)},
                        ),
                    )
        return cleaned_data

    def attach_uploads(self, obj, user):
        """Each chooser's upload into the library, chosen for `obj` (attach_upload), before `obj` is saved.

        Only a chooser of one image (a foreign key: a news item's picture, a partner's logo); the photos
        added to a project's gallery become rows of their own after the project is saved (projects.admin).
        """
        for field in self.library_fields:
            if isinstance(obj._meta.get_field(field), models.ForeignKey):
                attach_upload(self, obj, field, user)


def attach_upload(form, obj, field, user):
    """Put the file of `form`'s `<field>_upload` into the library and choose it for `obj`.

    The alternative texts (and credit) of the form go on the new image; without
    an upload they fill in the texts the chosen image does not have yet.
    """
    data = form.cleaned_data
    texts = {code: (data.get(f"{field}_alt_{code}") or "").strip() for code in LANGUAGES}
    upload = data.get(f"{field}_upload")
    if not upload:
        image = getattr(obj, field, None)
        missing = {
            code: text for code, text in texts.items() if text and image and not getattr(image, f"alt_text_{code}")
        }
        if missing:
            for code, text in missing.items():
                setattr(image, f"alt_text_{code}", text)
            image.save(update_fields=[f"alt_text_{code}" for code in missing])
        return None
    credit = (data.get(f"{field}_credit") or "").strip()
    created, _refused = upload_images([upload], credit=credit, user=user, alt_texts=texts)
    if not created:
        return None
    setattr(obj, field, created[0])
    return created[0]
