from modeltranslation.translator import TranslationOptions, register

from portal.models import HomePage, MenuItem, Page, PagePerson


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "intro", "body", "sidebar")


@register(PagePerson)
class PagePersonTranslationOptions(TranslationOptions):
    fields = ("name", "role")


@register(MenuItem)
class MenuItemTranslationOptions(TranslationOptions):
    fields = ("label",)


@register(HomePage)
class HomePageTranslationOptions(TranslationOptions):
    fields = ("mission",)
