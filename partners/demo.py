"""Demo organisations (partners/fixtures/demo/organisations.yaml): the ones named in the pages Ura is modelled on.

A record carries only what those pages say; the fields it leaves out are empty, so that a
database seeded by an earlier version loses the kinds, countries, websites and descriptions
those versions invented.
"""

from django.db.models import ProtectedError

from core.demo import load, upsert_by_slug
from partners.models import Organisation

# What a record that does not name them has: nothing.
EMPTY = {"acronym": {}, "kind": "", "country": "", "website": "", "description": {}, "iati_identifier": ""}

# Organisations that earlier versions of the demo created although no seed page names them
# (UNDP, the European Union) or gives them a part (the German Marshall Fund, named only as the
# fund whose project BTD is). The demo projects, seeded after the organisations, drop their
# roles; seed_demo then calls retire(), which removes them from a database seeded before.
RETIRED = ("united-nations-development-programme", "european-union", "german-marshall-fund")


def seed(stdout=None):
    """Create or update the demo organisations; returns {English slug: Organisation}."""
    return {
        record["slug"]["en"]: upsert_by_slug(Organisation, {**EMPTY, **record})
        for record in load("partners", "organisations")
    }


def retire():
    """Remove the retired organisations, unless something outside the demo still refers to them."""
    removed = 0
    for organisation in Organisation.objects.filter(slug_en__in=RETIRED):
        try:
            organisation.delete()
        except ProtectedError:  # a project an editor made lists it: it stays
            continue
        removed += 1
    return removed
