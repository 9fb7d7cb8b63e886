"""The site shell's demo content (portal/fixtures/demo/pages.yaml): static pages, the menu, the home page."""

from core.demo import expand, load, upsert, upsert_by_slug
from news.models import NewsItem
from portal.models import HomePage, MenuItem, Page


def seed(stdout=None):
    data = load("portal", "pages")
    pages = {record["slug"]["en"]: upsert_by_slug(Page, record) for record in data["pages"]}
    for item in data["menu"]:
        lookup = {"section": item.pop("section", ""), "page": pages.get(item.pop("page", None))}
        upsert(MenuItem, lookup, {"url": "", **item})
    return pages


def seed_home(stdout=None):
    """The mission sentence and the lead story; after the news, which it names."""
    record = dict(load("portal", "pages")["home"])
    slug = record.pop("lead_story")
    values = expand(record)
    values["lead_story"] = NewsItem.objects.filter(slug_en=slug).first()
    upsert(HomePage, {"pk": HomePage.SINGLETON_PK}, values)
