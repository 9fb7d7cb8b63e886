from modeltranslation.translator import TranslationOptions, register

from library.models import Image


@register(Image)
class ImageTranslationOptions(TranslationOptions):
    fields = ("alt_text", "caption", "credit")
