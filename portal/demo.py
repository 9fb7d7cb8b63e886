"""The site shell's demo content (portal/fixtures/demo/pages.yaml): static pages, then the menu."""

from core.demo import load, upsert, upsert_by_slug
from portal.models import MenuItem, Page


def seed(stdout=None):
    data = load("portal", "pages")
    pages = {record["slug"]["en"]: upsert_by_slug(Page, record) for record in data["pages"]}
    for item in data["menu"]:
        lookup = {"section": item.pop("section", ""), "page": pages.get(item.pop("page", None))}
        upsert(MenuItem, lookup, {"url": "", **item})
    return pages
