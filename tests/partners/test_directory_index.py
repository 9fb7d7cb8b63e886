"""The partner directory reads a page in name order from an index, in every language (PostgreSQL)."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.utils import translation

from partners.views import OrganisationListView
from tests.conftest import LANGUAGES
from tests.partners.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def directory_plan(language, reverse=False):
    with translation.override(language):
        view = OrganisationListView()
        view.setup(RequestFactory().get(f"/{language}/partners/"))
        view.filter_form = view.get_filter_form()
        assert view.filter_form.is_valid()
        queryset = view.get_queryset()
        queryset = queryset.reverse() if reverse else queryset
        with connection.cursor() as cursor:
            # With sorting priced out, only an index on exactly the ORDER BY expression avoids a Sort.
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("SET LOCAL enable_seqscan = off")
            return queryset[:24].explain()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="collations and their indexes are PostgreSQL's")
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("reverse", [False, True], ids=["first pages", "last pages"])
def test_directory_page_comes_from_the_collated_name_index(language, reverse):
    OrganisationFactory.create_batch(30)
    plan = directory_plan(language, reverse)
    assert f"partners_org_name_{language}" in plan
    assert "Sort" not in plan.split("SubPlan")[0]
