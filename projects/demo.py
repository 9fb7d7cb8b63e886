"""Demo projects (projects/fixtures/demo/projects.yaml): the ones described in
the seed pages, in three languages, with their places, partner roles,
objectives, activities, documents and gallery.

Facts (donors, durations, leads, roles, places, dates) come from the seed
pages; the sentences are our own. Places are found by their English name,
projects by their English slug, child rows by project and order. The report
(a PDF) and the pictures (maps drawn from the places' coordinates) are files
in projects/fixtures/demo/media/.
"""

from core.demo import copy_media, expand, fixture_path, load, seed_topics, upsert, upsert_by_slug
from library.demo import demo_image
from partners.models import Organisation
from projects.models import Activity, Document, GalleryImage, Objective, Place, Project, ProjectPartner

CHILDREN = ("roles", "objectives", "activities", "documents", "gallery")


def _sync_children(model, project, rows, file_field=None):
    """Upsert the project's ordered child rows (and their files); remove rows beyond the list."""
    for order, record in enumerate(rows, start=1):
        name = record.pop(file_field, None)
        obj, _changed = upsert(model, {"project": project, "order": order}, expand(record))
        if name:
            copy_media(obj, file_field, fixture_path("projects", f"media/{name}"))
    model._base_manager.filter(project=project, order__gt=len(rows)).delete()


def _sync_roles(project, roles, organisations):
    """The project's partner roles, in order; roles no longer listed are removed."""
    wanted = set()
    for order, row in enumerate(roles, start=1):
        lookup = {"project": project, "organisation": organisations[row["organisation"]], "role": row["role"]}
        upsert(ProjectPartner, lookup, {"order": order})
        wanted.add((lookup["organisation"].pk, row["role"]))
    for partner_role in ProjectPartner.objects.filter(project=project):
        if (partner_role.organisation_id, partner_role.role) not in wanted:
            partner_role.delete()


def seed(stdout=None):
    data = load("projects", "projects")
    topics = seed_topics()
    places = {}
    for record in data["places"]:
        places[record["name"]["en"]] = upsert(Place, {"name_en": record["name"]["en"]}, expand(record))[0]
    organisations = {org.slug_en: org for org in Organisation.objects.all()}

    created = 0
    projects = {}
    for record in data["projects"]:
        created += not Project._base_manager.filter(slug_en=record["slug"]["en"]).exists()
        children = {name: record.pop(name, []) for name in CHILDREN}
        m2m = {
            "places": [places[name] for name in record.pop("places")],
            "topics": [topics[key] for key in record.pop("topics")],
        }
        project = upsert_by_slug(Project, record, m2m)
        projects[project.slug_en] = project
        _sync_roles(project, children["roles"], organisations)
        _sync_children(Objective, project, children["objectives"])
        _sync_children(Activity, project, children["activities"])
        _sync_children(Document, project, children["documents"], file_field="file")
        gallery = [
            {
                "image": demo_image(
                    fixture_path("projects", f"media/{row['image']}"),
                    {
                        "alt_text": row.get("alt_text") or {},
                        "caption": row.get("caption") or {},
                        "credit": row.get("credit", ""),
                    },
                )
            }
            for row in children["gallery"]
        ]
        _sync_children(GalleryImage, project, gallery)

    if stdout is not None:
        stdout.write(f"Projects: {len(projects)} ({created} new), places: {len(places)}.")
    return projects
