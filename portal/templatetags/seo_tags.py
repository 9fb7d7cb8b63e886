"""Search-engine and social-preview tags for the <head> of every page.

``{% seo_head %}`` renders ``includes/seo.html``: canonical URL, Open Graph
and Twitter card, the news feeds of the current language, the OpenSearch
link and the JSON-LD graph (see ``portal.seo``). ``{% seo_description %}``
is the page's description, for ``<meta name="description">``.
"""

from django import template

from portal.seo import page_meta

register = template.Library()


def _meta(context):
    """Computed once per render and shared by both tags."""
    if "_seo_meta" not in context.render_context:
        request = context.get("request")
        obj = context.get("object")
        context.render_context["_seo_meta"] = page_meta(request, obj) if request is not None else None
    return context.render_context["_seo_meta"]


@register.inclusion_tag("includes/seo.html", takes_context=True)
def seo_head(context):
    return {"seo": _meta(context), "SITE_NAME": context.get("SITE_NAME", "")}


@register.simple_tag(takes_context=True)
def seo_description(context):
    meta = _meta(context)
    return meta["description"] if meta else ""


@register.simple_tag(takes_context=True)
def page_address(context):
    """The page's canonical address (for the printout's footer)."""
    meta = _meta(context)
    return meta["canonical"] if meta else ""
