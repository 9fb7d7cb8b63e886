from django.conf import settings


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        # The menu's entries per language, worked out once per render for the header and the footer
        # (portal.templatetags.portal_tags.menu_entries).
        "menu_memo": {},
    }
