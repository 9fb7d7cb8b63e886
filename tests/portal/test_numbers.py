"""Counts are grouped as each language writes them; numbers in links are not."""

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from tests.partners.factories import OrganisationFactory

NBSP = "\xa0"

NEWS_COUNT = Template(
    "{% load i18n %}{% blocktranslate count counter=n %}{{ counter }} news item{% plural %}"
    "{{ counter }} news items{% endblocktranslate %}"
)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "be",
            [
                (1, "1 навіна"),
                (1000, f"1{NBSP}000 навін"),
                (21001, f"21{NBSP}001 навіна"),
                (1234567, f"1{NBSP}234{NBSP}567 навін"),
            ],
        ),
        ("sq", [(1, "1 lajm"), (1000, "1.000 lajme"), (1234567, "1.234.567 lajme")]),
        ("en", [(1, "1 news item"), (1000, "1,000 news items"), (1234567, "1,234,567 news items")]),
    ],
)
def test_news_counts_have_thousands_separators(language, expected):
    with translation.override(language):
        for count, text in expected:
            assert NEWS_COUNT.render(Context({"n": count})) == text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "text"), [("be", f"1{NBSP}200 праектаў"), ("sq", "1.200 projekte"), ("en", "1,200 projects")]
)
def test_a_partner_card_groups_its_project_count(language, text):
    organisation = OrganisationFactory()
    organisation.project_count = 1200
    with translation.override(language):
        html = render_to_string("includes/partner_card.html", {"organisation": organisation})
    assert text in html


@pytest.mark.parametrize("language", ["be", "sq", "en"])
def test_page_numbers_in_links_are_not_grouped(language):
    paginator = Paginator(range(30000), 10)
    page = paginator.page(1500)
    with translation.override(language):
        html = render_to_string(
            "includes/pagination.html",
            {"is_paginated": True, "page_obj": page, "paginator": paginator, "query_prefix": "kind=event&"},
        )
    assert 'href="?kind=event&amp;page=1499"' in html
    assert 'href="?kind=event&amp;page=1501"' in html
