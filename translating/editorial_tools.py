"""What the translators' files add to the editorial admin (editorial.tools): a list action and dashboard links."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from translating import views


@admin.action(description=_("Export for translation (XLIFF or PO)"), permissions=["view"])
def export_for_translation(modeladmin, request, queryset):
    return redirect(views.export_url_for_selection(request, queryset))


LIST_ACTIONS = [export_for_translation]


def dashboard_links(request):
    if not views.translatable_languages(request.user):
        return []
    return [
        {
            "title": _("Translators' files"),
            "links": [
                {
                    "text": _("Export content for translation in a CAT tool (XLIFF, PO)"),
                    "url": reverse("translating:exchange-export"),
                },
                {"text": _("Import a translated file"), "url": reverse("translating:exchange-import")},
            ],
        }
    ]
