"""Demo events (events/fixtures/demo/events.yaml): the seed pages' focus groups, public events
and closing conference of the peacebuilding project, the 2023 Tirana forum, the Prishtina visit
of April 2025 and the regional forums of 2022, with the dates exactly as precise as the pages
give them. Runs after the projects and partners demos (it links to their records).
"""

from core.demo import load, seed_topics, upsert_by_slug
from events.models import Event
from partners.models import Organisation
from projects.models import Place, Project


def seed(stdout=None):
    topics = seed_topics()
    organisations = {obj.slug_en: obj for obj in Organisation.objects.all()}
    places = {obj.name_en: obj for obj in Place.objects.all()}
    projects = {obj.slug_en: obj for obj in Project.objects.all()}
    records = load("events", "events")
    created = 0
    for record in records:
        created += not Event._base_manager.filter(slug_en=record["slug"]["en"]).exists()
        m2m = {
            "places": [places[name] for name in record.pop("places", [])],
            "organisers": [organisations[slug] for slug in record.pop("organisers", [])],
            "partners": [organisations[slug] for slug in record.pop("partners", [])],
            "topics": [topics[slug] for slug in record.pop("topics", [])],
        }
        project = record.pop("project", None)
        record["project"] = projects[project] if project else None
        upsert_by_slug(Event, record, m2m)
    if stdout is not None:
        stdout.write(f"Events: {len(records)} events ({created} new).")
