from modeltranslation.translator import TranslationOptions, register

from portal.models import MenuItem, Page, Topic


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name", "slug")


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "intro", "body")


@register(MenuItem)
class MenuItemTranslationOptions(TranslationOptions):
    fields = ("label",)
