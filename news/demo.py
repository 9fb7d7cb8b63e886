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

# Items that earlier versions of the demo created and that stated dates, statements or
# results the seeds do not contain: a new run removes them from a database seeded before.
RETIRED = (
    "kosovo-ready-to-host-belarusian-journalists-and-bloggers",
    "consultations-on-the-new-belarusian-passport",
    "kosovo-chamber-of-commerce-invites-belarusian-business",
    "grassroots-peacebuilding-project-starts-in-kosovo",
    "focus-groups-in-mitrovica-and-prishtina-gracanica",
    "report-on-interethnic-cooperation-in-kosovo",
    "public-events-in-five-multiethnic-municipalities",
    "closing-conference-on-interethnic-cooperation",
    "kcss-to-lead-security-consultations-for-the-tirana-forum",
    "stakeholder-consultations-on-regional-security-cooperation",
    "covid-19-and-civil-society-regional-assessment-published",
    "coordination-body-and-osce-mission-discuss-community-rights",
    "international-partners-and-development-in-presevo-bujanovac-and-medveda",
    # An announcement of the site itself with an invented date, and a draft that attributed a
    # statement to a real office: no seed page gives either.
    "ura-publishes-in-belarusian-albanian-and-english",
    "statement-on-the-assembly-group-for-a-democratic-belarus",
)


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
    retired = [item for item in NewsItem._base_manager.filter(slug_en__in=RETIRED)]
    for item in retired:
        item.delete()  # one by one: the delete signals drop the search entries and pages
    if stdout is not None:
        stdout.write(f"News: {len(items)} items ({created} new, {len(retired)} retired), {len(topics)} topics.")
