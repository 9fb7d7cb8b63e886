from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language, get_language_info, override

from portal.models import MenuItem
from portal.richtext import render_rich_text

register = template.Library()


@register.filter
def rich_text(value):
    """Render stored rich text, sanitised again on the way out."""
    return render_rich_text(value)


def menu_entries(context):
    request = context.get("request")
    items = MenuItem.objects.select_related("page")
    entries = []
    path = request.path if request else ""
    for item in items:
        if item.page_id and not item.page.is_public:
            continue
        url = item.get_absolute_url()
        is_home = item.section == MenuItem.Section.HOME
        current = url == path if is_home else bool(url) and path.startswith(url) and url.startswith("/")
        entries.append({"label": item.get_label(), "url": url, "current": current, "footer": item.in_footer})
    return entries


@register.inclusion_tag("includes/menu.html", takes_context=True)
def main_menu(context):
    return {"entries": menu_entries(context)}


@register.inclusion_tag("includes/footer_menu.html", takes_context=True)
def footer_menu(context):
    return {"entries": [entry for entry in menu_entries(context) if entry["footer"]]}


def alternate_urls(context):
    """The same page in every language: (code, url, exists) triples."""
    request = context.get("request")
    obj = context.get("object")
    urls = []
    for code, _name in settings.LANGUAGES:
        url = None
        if obj is not None and hasattr(obj, "get_absolute_url_for"):
            url = obj.get_absolute_url_for(code)
            if url and request and request.GET:
                url = f"{url}?{request.GET.urlencode()}"
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        if not url:
            with override(code):
                url = reverse("portal:home")
        urls.append((code, url))
    return urls


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    current = get_language()
    languages = []
    for code, url in alternate_urls(context):
        info = get_language_info(code)
        languages.append(
            {
                "code": code,
                "name": info["name_local"][:1].upper() + info["name_local"][1:],
                "url": url,
                "current": code == current,
            }
        )
    return {"languages": languages}
