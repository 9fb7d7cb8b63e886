"""What the public site adds to the editorial admin (editorial.tools): a link to the style guide."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def dashboard_links(request):
    if not request.user.is_staff:
        return []
    return [
        {
            "title": _("The public site"),
            "links": [{"text": _("Style guide: cards, type and colours"), "url": reverse("portal:style_guide")}],
        }
    ]
