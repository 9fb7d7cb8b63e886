"""Demo news (news/fixtures/demo/news.yaml): the Prishtina visit of April 2025
and the work around the projects and organisations the other demo modules
create. Facts come from the seed pages; the sentences are our own. The hero
pictures are files in news/fixtures/demo/media/; they go into the image
library with their alternative text, caption and credit.
"""

from core.demo import fixture_path, load, seed_topics, upsert_by_slug
from library.demo import demo_image
from news.models import NewsItem
from partners.models import Organisation
from projects.models import Project

RELATIONS = {"organisations": Organisation, "projects": Project}


def seed(stdout=None):
    topics = seed_topics()
    related = {name: {obj.slug_en: obj for obj in model.objects.all()} for name, model in RELATIONS.items()}
    related["topics"] = topics
    items = load("news", "news")
    created = 0
    for record in items:
        created += not NewsItem._base_manager.filter(slug_en=record["slug"]["en"]).exists()
        m2m = {name: [objects[key] for key in record.pop(name, [])] for name, objects in related.items()}
        image = record.pop("image", None)
        texts = {
            "alt_text": record.pop("image_alt", None) or {},
            "caption": record.pop("image_caption", None) or {},
            "credit": record.pop("image_credit", ""),
        }
        if image:
            record["image"] = demo_image(fixture_path("news", f"media/{image}"), texts)
        upsert_by_slug(NewsItem, record, m2m)
    if stdout is not None:
        stdout.write(f"News: {len(items)} items ({created} new), {len(topics)} topics.")
