from django.conf import settings


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        # What several tags of one render share, worked out once: the menu's entries per language for
        # the header and the footer, the languages of the page's item for the hreflang links, the
        # language switcher and the translation notice (portal.templatetags.portal_tags).
        "render_memo": {},
    }
