from modeltranslation.translator import TranslationOptions, register

from projects.models import Activity, Document, GalleryImage, Objective, Place, Project


@register(Project)
class ProjectTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "description", "contact_role")


@register(Place)
class PlaceTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Objective)
class ObjectiveTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(Activity)
class ActivityTranslationOptions(TranslationOptions):
    fields = ("title", "place", "description")


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(GalleryImage)
class GalleryImageTranslationOptions(TranslationOptions):
    fields = ("caption",)
