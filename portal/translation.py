from modeltranslation.translator import TranslationOptions, register

from portal.models import MenuItem, Page


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "intro", "body")


@register(MenuItem)
class MenuItemTranslationOptions(TranslationOptions):
    fields = ("label",)
