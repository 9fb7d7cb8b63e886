"""Alphabetical lists follow each language's alphabet."""

import pytest

from core.i18n import sort_key
from tests.partners.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

NAMES = [
    # be, sq, en
    (
        "Інстытут супрацоўніцтва і развіцця",
        "Instituti për Bashkëpunim dhe Zhvillim",
        "Cooperation and Development Institute",
    ),
    ("«Партнёры Албанія» за змены і развіццё", "Partnerët Shqipëri për Ndryshim dhe Zhvillim", "Partners Albania"),
    ("Амбасада Албаніі ў Косава", "Ambasada e Shqipërisë në Kosovë", "Embassy of Albania in Kosovo"),
    ("Ўрад Албаніі", "Çështje qytetare", "Government of Albania"),
    ("Жаночы фонд", "Dardania", "Women's Fund"),
    ("Germin", "Germin", "Germin"),
]


def make_organisations():
    for be, sq, en in NAMES:
        OrganisationFactory(name_be=be, name_sq=sq, name_en=en)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        # і after з, quotes ignored; Latin after Cyrillic.
        ("be", ["Амбасада", "Жаночы", "Інстытут", "«Партнёры", "Ўрад", "Germin"]),
        # ç after c and before d.
        ("sq", ["Ambasada", "Çështje", "Dardania", "Germin", "Instituti", "Partnerët"]),
        ("en", ["Cooperation", "Embassy", "Germin", "Government", "Partners", "Women's"]),
    ],
)
def test_partner_directory_is_in_alphabetical_order(client, language, expected):
    make_organisations()
    response = client.get(f"/{language}/partners/")
    names = [getattr(organisation, f"name_{language}").split()[0] for organisation in response.context["object_list"]]
    assert names == expected


def test_python_sort_key_follows_the_alphabets():
    assert sorted(["Ўрад", "Ула", "Ірландыя", "Зара"], key=sort_key) == ["Зара", "Ірландыя", "Ула", "Ўрад"]
    assert sorted(["Dardania", "Çekia", "Cipro", "Ëmbëlsira", "Estonia"], key=sort_key) == [
        "Cipro",
        "Çekia",
        "Dardania",
        "Estonia",
        "Ëmbëlsira",
    ]
