"""Typos anywhere in a text are corrected from the dictionary of indexed words."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import override

from core.models import Status
from core.text import fold
from search.models import SearchWord
from tests.news.factories import NewsItemFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def search(client, language, query, **params):
    with override(language):
        url = reverse("portal:search")
    return client.get(url, {"q": query, **params})


def found(response):
    return [result["url"] for result in response.context["results"]]


@pytest.fixture
def documentation_project():
    return ProjectFactory(
        title_en="Civic oversight in the municipalities",
        description_en="<p>Training for observers of the municipal assemblies and their procurement.</p>",
        title_be="Грамадскі кантроль у муніцыпалітэтах",
        description_be="<p>Навучанне назіральнікаў за пасяджэннямі муніцыпальных сходаў.</p>",
        title_sq="Mbikëqyrja qytetare në komuna",
        description_sq="<p>Trajnim për vëzhguesit e kuvendeve komunale dhe prokurimit të tyre.</p>",
    )


@pytest.mark.parametrize(
    ("language", "typo", "written"),
    [
        ("en", "procurment", "procurement"),
        ("en", "obsrevers", "observers"),
        ("be", "назіральнікоў", None),  # akanne: о for а is no typo at all
        ("be", "назиральнікаў", None),  # и for і folds alike
        ("be", "назіральнкаў", "назіральнікаў"),
        ("sq", "vezhguesit", None),  # without ë
        ("sq", "prokurmit", "prokurimit"),
    ],
)
def test_a_typo_of_a_word_in_the_description_finds_the_project(client, documentation_project, language, typo, written):
    response = search(client, language, typo)
    assert found(response) == [documentation_project.get_absolute_url_for(language)]
    if written is None:
        assert not response.context["corrected_query"]
    else:
        assert response.context["corrected_query"] == written
        html = response.content.decode()
        correction = html[html.index('class="notice search-correction"') :].split("</p>", 1)[0]
        assert f">{written}</a>" in correction and "q=" in correction


def test_did_you_mean_links_to_the_corrected_query(client, documentation_project):
    response = search(client, "en", "civic procurment", type="project")
    assert response.context["corrected_query"] == "civic procurement"
    html = response.content.decode()
    assert '<a href="?q=civic+procurement&amp;type=project">civic procurement</a>' in html
    # The corrected query itself needs no correction.
    again = search(client, "en", "civic procurement")
    assert not again.context["corrected_query"]
    assert found(again) == found(response)


def test_correct_words_and_prefixes_are_left_alone(client, documentation_project):
    for query in ("procure", "observers", "municipal"):
        response = search(client, "en", query)
        assert found(response), query
        assert not response.context["corrected_query"]


def test_no_correction_from_words_only_drafts_contain(client):
    NewsItemFactory(title_en="Secret negotiations", body_en="<p>Codename Quetzalcoatl.</p>", status=Status.DRAFT)
    assert SearchWord.objects.filter(language="en", word=fold("quetzalcoatl")).exists()
    response = search(client, "en", "Quetzalcoatel")
    assert found(response) == []
    assert not response.context["corrected_query"]
    assert "Quetzalcoatl" not in response.content.decode()


def test_words_follow_saves_and_rebuilds(client):
    item = NewsItemFactory(title_en="Meeting", body_en="<p>The ombudsperson spoke.</p>")
    assert SearchWord.objects.filter(language="en", word=fold("ombudsperson")).exists()
    assert found(search(client, "en", "ombudspreson")) == [item.get_absolute_url_for("en")]
    item.body_en = "<p>The mayor spoke.</p>"
    item.save()
    call_command("rebuild_search_index", verbosity=0)
    assert not SearchWord.objects.filter(language="en", word=fold("ombudsperson")).exists()
    assert SearchWord.objects.get(language="en", word=fold("mayor")).entries == 1


@pytest.mark.parametrize("count", [2, 12])
def test_a_corrected_search_costs_the_same_queries(client, django_assert_max_num_queries, count):
    for number in range(count):
        NewsItemFactory(title_en=f"Meeting {number}", body_en="<p>Procurement rules were discussed.</p>")
    with django_assert_max_num_queries(14):
        response = search(client, "en", "procurment rules")
    assert response.context["corrected_query"] == "procurement rules"
    assert len(found(response)) == min(count, 10)


@pytest.fixture
def mitrovica_project():
    """A project whose places are named only in its list of places (its text says "Мітравіцы", "Mitrovicën")."""
    from tests.projects.factories import PlaceFactory

    project = ProjectFactory(
        title_en="Focus groups in the north",
        description_en="<p>Focus groups with residents.</p>",
        title_be="Фокус-групы на поўначы",
        description_be="<p>Фокус-групы ў Мітравіцы.</p>",
        title_sq="Fokus grupe në veri",
        description_sq="<p>Fokus grupe në Mitrovicën e Veriut.</p>",
    )
    project.places.add(
        PlaceFactory(name_en="North Mitrovica", name_be="Паўночная Мітравіца", name_sq="Mitrovica e Veriut")
    )
    call_command("rebuild_search_index", verbosity=0)
    return project


@pytest.mark.parametrize("language", ["be", "sq", "en"])
def test_a_typo_of_a_place_name_in_latin_letters_is_corrected_in_every_language(client, mitrovica_project, language):
    # The word is in every language's index in that language's spelling; the correction is written as the
    # visitor wrote the query, in Latin letters, even on /be/, where the pages write it in Cyrillic.
    response = search(client, language, "Mitrovca")
    assert found(response) == [mitrovica_project.get_absolute_url_for(language)]
    assert response.context["corrected_query"] == "Mitrovica"


@pytest.mark.parametrize(("language", "query"), [("be", "Mitrovicën"), ("en", "Mitrovicën"), ("sq", "Мітравіца")])
def test_another_form_of_a_name_is_found_without_a_correction(client, mitrovica_project, language, query):
    # The Albanian accusative, or the name in another script, is no misspelling: no "Did you mean".
    response = search(client, language, query)
    assert found(response) == [mitrovica_project.get_absolute_url_for(language)]
    assert not response.context["corrected_query"]
