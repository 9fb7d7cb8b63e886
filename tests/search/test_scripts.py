"""Names and words meet across Cyrillic, Łacinka, Albanian and English spellings."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from core.text import fold
from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db


# Each pair folds alike: the rule on the left, a Cyrillic form and a Latin one.
PAIRS = [
    ("ч / č", "Чарнобыль", "Čarnobyl"),
    ("ч / ç", "Грачаніцэ", "Graçanicë"),
    ("ч / cz", "Чачэрск", "Czaczersk"),
    ("я / ja", "Вязынка", "Vjazynka"),
    ("я / ia", "Вязынка", "Viazynka"),
    ("ю / ju", "Юрыдычны", "Jurydyčny"),
    ("ю / iu", "Юрыдычны", "Iurydyčny"),
    ("е / je", "Лепель", "Lepjel"),
    ("е / ie", "Лепель", "Lepiel"),
    ("ё / jo", "Лёва", "Ljova"),
    ("ё / io", "Лёва", "Liova"),
    ("akanne а / о", "Масква", "Moskva"),
    ("х / h", "Хатынь", "Hatyn"),
    ("х / kh", "Хатынь", "Khatyn"),
    ("х / ch (Łacinka)", "Хатынь", "Chatyń"),
    ("г / h", "Гродна", "Hrodna"),
    ("г / g", "Гродна", "Grodno"),
    ("ў / ŭ", "Магілёў", "Mahiloŭ"),
    ("ў / u", "Магілёў", "Mahilou"),
    ("ль / ł", "Лукашэнка", "Łukašenka"),
    ("ль / l", "Вільня", "Vilnia"),
    ("ш / sh", "Прышціна", "Prishtina"),
    ("ш / š, soft ці / ci", "Прышціна", "Pryšcina"),
    ("ц / ts", "Ціханоўская", "Tsikhanouskaya"),
    ("apostrophe", "Ліп’ян", "Lipjan"),
]


@pytest.mark.parametrize(("rule", "cyrillic", "latin"), PAIRS, ids=[pair[0] for pair in PAIRS])
def test_each_pair_folds_alike(rule, cyrillic, latin):
    assert fold(cyrillic) == fold(latin)


def search(client, language, query):
    with override(language):
        url = reverse("portal:search")
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return [result["url"] for result in response.context["results"]]


@pytest.fixture
def places():
    """The Pristina visit and three more names, each written as every language writes it."""
    names = {
        "pristina": ("Прышціна", "Prishtinë", "Pristina"),
        "gracanica": ("Грачаніца", "Graçanicë", "Gračanica"),
        "lipjan": ("Ліп’ян", "Lipjan", "Lipjan"),
        "viacorka": ("Вячорка", "Viaçorka", "Viačorka"),
    }
    items = {}
    for key, (be, sq, en) in names.items():
        items[key] = NewsItemFactory(
            title_be=f"Сустрэча: {be}",
            title_sq=f"Takim: {sq}",
            title_en=f"Meeting: {en}",
            lead_be="Дэлегацыя правяла сустрэчу.",
            lead_sq="Delegacioni zhvilloi një takim.",
            lead_en="The delegation held a meeting.",
        )
    return items


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        # On the Belarusian site, Latin spellings (Serbian, Albanian, Łacinka) of Cyrillic names.
        ("be", "Prishtina", "pristina"),
        ("be", "Gračanica", "gracanica"),
        ("be", "Hračanica", "gracanica"),
        ("be", "Graçanicë", "gracanica"),
        ("be", "Lipjan", "lipjan"),
        ("be", "Viačorka", "viacorka"),
        # On the other sites, Cyrillic names.
        ("sq", "Грачаніца", "gracanica"),
        ("sq", "Ліп’ян", "lipjan"),
        ("sq", "Прышціна", "pristina"),
        ("sq", "Вячорка", "viacorka"),
        ("en", "Грачаніца", "gracanica"),
        ("en", "Ліп’ян", "lipjan"),
        ("en", "Прышціна", "pristina"),
        ("en", "Hračanica", "gracanica"),
    ],
)
def test_names_are_found_across_scripts(client, places, language, query, expected):
    urls = search(client, language, query)
    assert urls[:1] == [places[expected].get_absolute_url_for(language)]


@pytest.mark.parametrize("language", ["be", "sq", "en"])
@pytest.mark.parametrize(
    ("cyrillic", "lacinka"),
    [("Прышціна", "Pryšcina"), ("Грачаніца", "Hračanica"), ("Ліп’ян", "Lipjan"), ("Вячорка", "Viačorka")],
)
def test_a_lacinka_query_finds_what_the_cyrillic_one_finds(client, places, language, cyrillic, lacinka):
    assert search(client, language, lacinka) == search(client, language, cyrillic) != []


def test_lacinka_words_of_a_belarusian_text(client):
    item = NewsItemFactory(
        title_be="Навіны дыяспары: сустрэча ў Вільні",
        lead_be="Жыхары Магілёва і Гродна абмеркавалі журналісцкія праекты.",
    )
    url = item.get_absolute_url_for("be")
    for query in ("naviny", "dyjaspary", "Vilni", "Mahiloŭ", "Hrodna", "žurnalisckija", "žycharoŭ"):
        assert url in search(client, "be", query), query
