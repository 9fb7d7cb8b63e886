"""Demo organisations (partners/fixtures/demo/organisations.yaml): the ones named in the pages Ura is modelled on."""

from core.demo import load, upsert_by_slug
from partners.models import Organisation


def seed(stdout=None):
    """Create or update the demo organisations; returns {English slug: Organisation}."""
    return {record["slug"]["en"]: upsert_by_slug(Organisation, record) for record in load("partners", "organisations")}
