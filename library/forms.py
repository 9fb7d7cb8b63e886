"""Forms of the image library: several files in one upload, and an upload next to a chooser."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

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


def upload_images(files, credit="", user=None):
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
        image.save()
        created.append(image)
    return created, refused


def upload_field(label=None):
    """A file field for a new image next to a chooser: the file goes into the library."""
    return forms.ImageField(
        label=label or _("Or upload a new image"),
        required=False,
        validators=[validate_image],
        help_text=_("The file is added to the image library and chosen here; give it its alternative text there."),
    )


def attach_upload(form, obj, field, user):
    """Put the file of `form`'s `<field>_upload` into the library and choose it for `obj`."""
    upload = form.cleaned_data.get(f"{field}_upload")
    if not upload:
        return None
    created, _refused = upload_images([upload], user=user)
    if created:
        setattr(obj, field, created[0])
        return created[0]
    return None
