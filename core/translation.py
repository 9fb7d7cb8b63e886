from modeltranslation.translator import TranslationOptions, register

from core.models import Topic


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name", "slug")
