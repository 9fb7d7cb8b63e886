"""Foreign names and acronyms in Łacinka: in their own Latin spelling (portal.latin_names)."""

import re

import pytest

from core.richtext import rich_text_html
from core.text import plain_text
from news.models import NewsItem
from partners.models import Organisation
from portal import latin, latin_names
from projects.models import Place, Project

pytestmark = pytest.mark.django_db

TABLE = (("Грачаніца", "Gračanica"), ("Буянавац", "Bujanovac"), ("Віці", "Viti"), ("Ліп’ян", "Lipjan"))


def lacinka(text, table=TABLE):
    """`text` as the Łacinka page writes it: names first, then the conversion."""
    return latin.to_latin(latin_names.apply(text, table))


def test_a_transcribed_name_keeps_its_spelling_and_takes_the_belarusian_ending():
    assert lacinka("Фокус-групы ў Прышціне і Грачаніцы") == "Fokus-hrupy ŭ Pryšcinie i Gračanicy"
    assert lacinka("Грачаніца, Грачаніцу, Грачаніцай") == "Gračanica, Gračanicu, Gračanicaj"
    assert lacinka("офіс у Буянавацы, да Буянаваца") == "ofis u Bujanovacy, da Bujanovaca"
    # An indeclinable name stays as it is; a form typed with the ASCII apostrophe is the same name.
    assert lacinka("Публічная сустрэча ў Віці і ў Ліп'яне") == "Publičnaja sustreča ŭ Viti i ŭ Lipjanie"
    # Another word that begins like a name is not that name.
    assert lacinka("Віцебск і Буянаваччына") == "Viciebsk i Bujanavaččyna"


def test_acronyms_are_written_letter_by_letter():
    assert lacinka("Місія АБСЕ, краіны ЕС, ПРААН і ЗША; ІТ-сектар") == "Misija ABSE, krainy ES, PRAAN i ZŠA; IT-siektar"
    # A capitalised word is a word.
    assert lacinka("Ура і Беларусь") == "Ura i Biełaruś"


def test_an_editors_mark_reads_in_cyrillic_and_writes_the_name_in_lacinka():
    html = rich_text_html(
        "<p>з кіраўніцай Офіса [[Леартай Холлай|Leartaj Hollaj]] і [[Фларыянам Душы | Florianam Dushi]]</p>"
    )
    assert html == (
        '<p>з кіраўніцай Офіса <span data-latin="Leartaj Hollaj">Леартай Холлай</span> і '
        '<span data-latin="Florianam Dushi">Фларыянам Душы</span></p>'
    )
    assert plain_text("<p>з [[Леартай Холлай|Leartaj Hollaj]]</p>") == "з Леартай Холлай"
    converter = latin.Converter({"testserver"})
    assert converter.html(latin_names.apply(html, ())) == "<p>z kiraŭnicaj Ofisa Leartaj Hollaj i Florianam Dushi</p>"
    # The same mark inside an export's JSON string.
    assert latin_names.apply('{"body_html": "з <span data-latin=\\"Leartaj Hollaj\\">Леартай Холлай</span>"}', ()) == (
        '{"body_html": "з Leartaj Hollaj"}'
    )


def test_the_names_table_comes_from_the_places_and_organisations():
    Place.objects.create(name_be="Грачаніца", name_en="Gračanica", kind=Place.Kind.MUNICIPALITY)
    Place.objects.create(name_be="Прышціна", name_en="Prishtina", kind=Place.Kind.MUNICIPALITY)  # an exonym
    Place.objects.create(name_be="Сербія", name_en="Serbia", kind=Place.Kind.COUNTRY)
    Place.objects.create(name_be="Паўночная Мітравіца", name_en="North Mitrovica")  # translated, not transcribed
    Organisation.objects.create(name_be="Гермін", name_en="Germin", slug_en="germin")
    Organisation.objects.create(name_be="Гандлёвая палата Косава", name_en="Kosovo Chamber of Commerce", slug_en="kcc")
    assert latin_names.derived_names() == [("Гермін", "Germin"), ("Грачаніца", "Gračanica")]


def visible_text(html):
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace(" ;", ";").replace(" .", ".")


# The passages the language review checked on /be-latn/, as Łacinka writes them.
PASSAGES = {
    "home": [
        "Hramadzianskaje supracoŭnictva praz miežy",  # the header's tagline
        "Naviny Padziei Prajekty Partniory Pra Ura",  # the menu
        # The mission sentence (portal.HomePage), where the reviewed introduction was.
        "My złučajem hramadzianskija arhanizacyi, donaraŭ i publičnyja instytucyi ad Biełarusi da Zachodnich Bałkan.",
        "Dziejny z 2001 hoda",  # a duration
        "Teksty možna cytavać sa spasyłkaj na krynicu.",  # the footer
    ],
    "visit": [
        "Pa zaprašenni Ofisa Prezidenta Kosava delehacyja demakratyčnych sił Biełarusi praviała dva dni ŭ Pryšcinie",
        "Dva dni sustreč u Pryšcinie.",
        "Z biełaruskaha boku ŭ vizicie ŭdzielničali hałoŭny daradca Sviatłany Cichanoŭskaj Franak Viačorka, daradca pa "
        "dypłamatyčnych pytanniach Dzianis Kučynski i daradca pa parłamienckim supracoŭnictvie Anatol Labiedźka.",
        "z kiraŭnicaj Ofisa Prezidenta Kosava Leartaj Hollaj;",
        "z vice-meram Pryšciny Florianam Dushi;",
        "Kosava hatovaje prymać biełaruskich žurnalistaŭ i błohieraŭ",
        "Niezaležnasć Kosava pryznali 120 krain, siarod ich bolšasć krain ES.",
    ],
    "partners": [
        "Misija ABSE ŭ Sierbii ABSE · Mižnarodnaja arhanizacyja · Sierbija",
        "Municypalitet Bujanovac Dziaržaŭny orhan · Sierbija",
        "Kaardynacyjny orhan dla Preševo, Bujanovaca i Medveđy",
    ],
    "peacebuilding": [
        "fokus-hrup u Paŭnočnaj i Paŭdniovaj Mitravicy, a taksama ŭ Pryšcinie i Gračanicy",
        "u piaci šmatetničnych municypalitetach: Shtërpcy, Viti, Kamenicy, Lipjanie i Paŭdniovaj Mitravicy.",
        "Publičnaja sustreča ŭ Viti",
    ],
    "international": ["Mižnarodnaje supracoŭnictva ŭ Preševie, Bujanovacy i Medveđy"],
    "404": ["Staronki, jakuju vy šukajecie, nie isnuje, jana pieramieščana abo jašče nie apublikavana."],
}
# What the conversion wrote before, letter by letter from the Cyrillic transcriptions.
WRONG = (
    "Chołłaj",
    "Fłaryjan",
    "Dušy",
    "Vici",
    "Hračanic",
    "Kamienic",
    "Šterpc",
    "Lip’jan",
    "Prešav",
    "Bujanavac",
    "Miadzviedž",
    "ABSIE",
    "JES",
)


def test_the_reviewed_passages_read_as_lacinka_writes_foreign_names(client, demo_content):
    visit = NewsItem.objects.get(slug_en="belarusian-democratic-forces-in-prishtina-cooperation-with-kosovo")
    projects = {project.slug_en: project for project in Project.objects.all()}
    pages = {
        "home": "/be-latn/",
        "visit": f"/be-latn/news/{visit.slug_be}/",
        "partners": "/be-latn/partners/",
        "peacebuilding": "/be-latn/projects/{}/".format(
            projects["grassroots-peacebuilding-and-interethnic-cooperation-in-kosovo"].slug_be
        ),
        "international": "/be-latn/projects/{}/".format(
            projects["international-cooperation-in-presevo-bujanovac-and-medveda"].slug_be
        ),
        "404": "/be-latn/no-such-page/",
    }
    checked = 0
    for name, url in pages.items():
        text = visible_text(client.get(url).content.decode())
        for passage in PASSAGES[name]:
            assert passage in text, (name, passage)
            checked += 1
        found = [word for word in WRONG if word in text]
        assert found == [], (name, found)
    assert checked == 20
