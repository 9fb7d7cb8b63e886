"""One Belarusian orthography on every admin screen: Django's taraškievica strings are overridden.

Django's own Belarusian catalogues (admin, auth, contenttypes, the calendar
widget's JavaScript catalogue) are written in taraškievica; Ura follows the
official 2008 norm. ``locale/overrides`` replaces those strings. The markers
below are forms from the catalogues that were replaced: each is wrong in the
official norm and cannot occur in correct official text.
"""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags

from tests.news.factories import NewsItemFactory

pytestmark = pytest.mark.django_db

TARASKIEVICA = re.compile(
    "|".join(
        (
            # soft-sign assimilation, written in taraškievica and not in the official norm
            r"ньн",  # Дзеяньне, адміністраваньне
            r"зьв",  # зьвесткі
            r"сьн",  # сьнежня
            r"зьн",  # зьнікненьне
            r"сьл",  # сьледам
            r"цьц",  # жыцьцё
            r"льл",  # выдальленьне
            r"сьв",  # сьвет
            r"дзьв",  # дзьве
            r"сьп",  # сьпіс
            r"(?<![А-Яа-яЁёІіЎў])[Зз]ьм",  # Зьмяніць, зьмены ("вазьміце" keeps its soft sign officially)
            r"[Вв]ыйсьці",
            r"[Сс]ёньня",
            r"ґ",
            r"Джэнг",
            # words of the replaced catalogues that the official norm writes otherwise
            r"пляцоўк",  # "site" (official: сайт)
            r"бачын",  # "page" (official: старонка)
            r"[Пп]аслужнік",  # "server"
            r"хібу|хібная",  # "error"
            r"[Дд]акумэнт",
            r"[Пп]расеяць",  # "Filter"
            r"[Мм]ажлів",
            r"можнасць",
            r"кляс[аыу]",
            r"альгарытм",
            r"сэсі|сэанс",
            r"[Вв]ыдалленне",
            r"зменаў",
            r"суполк",  # "group"
            r"(?<![А-Яа-яЁёІіЎў])[Нн]я(?![А-Яа-яЁёІіЎў])",  # "ня" for "не"
        )
    )
)

OVERRIDES = Path(settings.BASE_DIR) / "locale" / "overrides" / "be" / "LC_MESSAGES"


def markers(text):
    return sorted(set(TARASKIEVICA.findall(text)))


def visible_text(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return strip_tags(html)


def javascript_text(response):
    """The JavaScript catalogue with its \\uXXXX escapes decoded."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda match: chr(int(match.group(1), 16)), response.content.decode("ascii"))


@pytest.fixture
def be_admin(client):
    user = User.objects.create_superuser("aliaksandra", "a@ura.example.org", "secret-pass-123")
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "be"
    return client


def test_the_marker_list_catches_what_django_ships_and_spares_official_text():
    for tarask in ("Зьмяніць", "Выйсьці", "Сёньня", "Дзеяньне:", "Кіраваць пляцоўкаю", "Прасеяць", "ня маеце"):
        assert markers(tarask), tarask
    for official in ("Змяніць", "Выйсці", "Сёння", "Дзеянне:", "калісьці", "вазьміце", "пісьмо", "няма", "Фільтр"):
        assert not markers(official), official


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_overrides_catalogue_is_in_the_official_norm_and_replaces_only_django_strings(domain):
    catalogue = polib.pofile(str(OVERRIDES / f"{domain}.po"))
    assert len(catalogue) > (150 if domain == "django" else 5)
    for entry in catalogue:
        texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        assert all(texts), entry.msgid
        assert not markers(" ".join(texts)), (entry.msgid, markers(" ".join(texts)))


def test_ura_catalogue_is_in_the_official_norm():
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / "be" / "LC_MESSAGES" / "django.po"))
    found = {entry.msgid: markers(entry.msgstr) for entry in catalogue if markers(entry.msgstr)}
    assert found == {}


def findings_on(client, screens, find, read):
    """{screen: what `find` found in its text} for each of `screens` where it found something.

    `read` gives a page's text; the calendar and widget strings are read from the JavaScript catalogue.
    """
    seen = {}
    for name, url in screens.items():
        response = client.get(url)
        assert response.status_code == 200, name
        found = find(javascript_text(response) if name.startswith("calendar") else read(response))
        if found:
            seen[name] = found
    return seen


def test_every_admin_screen_reads_in_one_orthography(be_admin, client):
    item = NewsItemFactory()
    user = User.objects.get(username="aliaksandra")
    screens = {
        "index": reverse("admin:index"),
        "change list": reverse("admin:news_newsitem_changelist"),
        "change list with a filter": reverse("admin:news_newsitem_changelist") + "?status__exact=published",
        "change form": reverse("admin:news_newsitem_change", args=[item.pk]),
        "add form": reverse("admin:news_newsitem_add"),
        "history": reverse("admin:news_newsitem_history", args=[item.pk]),
        "delete confirmation": reverse("admin:news_newsitem_delete", args=[item.pk]),
        "users": reverse("admin:auth_user_changelist"),
        "user form": reverse("admin:auth_user_change", args=[user.pk]),
        "password change": reverse("admin:password_change"),
        "calendar and widget strings": reverse("admin:jsi18n"),
    }
    assert findings_on(be_admin, screens, markers, visible_text) == {}
    # And the strings Django's catalogue gets wrong come out in the official norm.
    changelist = visible_text(be_admin.get(screens["change list"]))
    assert "Дзеянне:" in changelist
    assert "Фільтр" in changelist
    assert "Выйсці" in visible_text(be_admin.get(screens["index"]))
    assert "Сёння" in javascript_text(be_admin.get(screens["calendar and widget strings"]))


def test_login_and_logout_screens_read_in_one_orthography(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "be"
    login = client.get(reverse("admin:login"))
    assert login.status_code == 200
    assert markers(visible_text(login)) == []
    assert "Увайсці" in visible_text(login)


def test_overrides_do_not_change_other_languages():
    with translation.override("sq"):
        assert translation.gettext("Log out") != "Выйсці"
    with translation.override("be"):
        assert translation.gettext("Log out") == "Выйсці"


def test_the_language_control_and_badges_are_named_in_the_editors_language(be_admin):
    item = NewsItemFactory(title_sq="", lead_sq="", body_sq="", place_sq="")
    form = be_admin.get(reverse("admin:news_newsitem_change", args=[item.pk])).content.decode()
    control = form[form.index('id="lang-bar"') :]
    assert "<legend>" in control and "Languages of the form" not in control
    for code, name in (("be", "Беларуская"), ("sq", "Албанская"), ("en", "Англійская")):
        assert f'data-lang-label="{code}">{name}</label>' in control
    changelist = be_admin.get(reverse("admin:news_newsitem_changelist")).content.decode()
    assert '<span class="visually-hidden"> (Албанская: няма)</span>' in changelist


# Albanian: one register (the polite plural) and one term each for history, date and time.
# Django's sq catalogues write the second person singular on buttons and links ("Ruaje",
# "Fshije", "Kërko", "Hiqe") and "Historik", "Datë/kohë", "Datë:", "Kohë:"; Ura writes
# "Ruajeni", "Fshijeni", "Kërkoni", "Historiku", "Data/ora".
ALBANIAN_CLASHES = re.compile(
    r"(?<![\wëç])("
    r"Ruaje|Ruaj|Fshije|Fshiji|Hiqe|Hiqi|Ndryshoje|Ndrysho|Shto|Kërko|Shfaq|Shfaqi|Fshihi|"
    r"Spastroje|Spastroji|Kryej|Shko tek|Mbylle|Anulo|Anuloje|Zgjidh|Filtro|Rikthe|Planifiko|"
    r"Shëno|Kthehu|Publiko|Ngarko|Krahaso|Kalo|Aktivizo|Çaktivizo|Ricakto|"
    r"Historik|Datë/kohë|Datë:|Kohë:|Recover deleted"
    r")(?![\wëç])"
)


def albanian_clashes(text):
    return sorted(set(ALBANIAN_CLASHES.findall(text)))


def text_and_labels(response):
    """The visible text and the words of buttons and labels that live in attributes."""
    html = response.content.decode()
    attributes = re.findall(r'\b(?:value|title|aria-label|placeholder)="([^"]*)"', html)
    return visible_text(response) + "\n" + "\n".join(attributes)


def test_the_albanian_marker_list_catches_django_forms_and_spares_urs():
    for django_form in ("Ruaje", "Fshije", "Kërko", "Historik", "Datë/kohë", "Shko tek", "Hiqe prej renditjeje"):
        assert albanian_clashes(django_form), django_form
    for ura_form in ("Ruajeni", "Fshijeni", "Kërkoni", "Historiku", "Data/ora", "Shihni sajtin", "Kryeni", "Hiqeni"):
        assert not albanian_clashes(ura_form), ura_form


def test_the_albanian_admin_uses_one_register_and_one_term_for_history_date_and_time(client):
    user = User.objects.create_superuser("arta", "arta@ura.example.org", "secret-pass-123")
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sq"
    item = NewsItemFactory()
    screens = {
        "index": reverse("admin:index"),
        "change list": reverse("admin:news_newsitem_changelist"),
        "change form": reverse("admin:news_newsitem_change", args=[item.pk]),
        "add form": reverse("admin:news_newsitem_add"),
        "history": reverse("admin:news_newsitem_history", args=[item.pk]),
        "deleted items": reverse("admin:news_newsitem_recoverlist"),
        "delete confirmation": reverse("admin:news_newsitem_delete", args=[item.pk]),
        "users": reverse("admin:auth_user_changelist"),
        "password change": reverse("admin:password_change"),
        "calendar and widget strings": reverse("admin:jsi18n"),
    }
    assert findings_on(client, screens, albanian_clashes, text_and_labels) == {}
    history = visible_text(client.get(screens["history"]))
    assert "Historiku i ndryshimeve:" in history
    changelist = text_and_labels(client.get(screens["change list"]))
    assert "Ruajeni" in text_and_labels(client.get(screens["change form"]))
    assert "Riktheni të fshirat: lajme" in changelist
    calendar = javascript_text(client.get(screens["calendar and widget strings"]))
    assert "Zgjidhni orën" in calendar and "Zgjidhni datën" in calendar


@pytest.mark.parametrize(
    ("language", "title", "empty"),
    [
        ("be", "Аднавіць выдаленыя: навіны", "Няма выдаленых матэрыялаў, якія можна аднавіць."),
        ("sq", "Riktheni të fshirat: lajme", "Nuk ka materiale të fshira për t’u rikthyer."),
    ],
)
def test_the_deleted_items_screen_of_reversion_is_translated(client, language, title, empty):
    user = User.objects.create_superuser("arta", "arta@ura.example.org", "secret-pass-123")
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    text = visible_text(client.get(reverse("admin:news_newsitem_recoverlist")))
    assert title in text
    assert empty in text
    assert "Recover deleted" not in text and "There are no deleted objects" not in text


def test_admin_titles_name_the_kind_without_declining_it(be_admin):
    # Django's "Change %s" gives "Змяніць навіна" (nominative after a verb); Ura's titles put the
    # kind after a colon, where the nominative is right.
    changelist = be_admin.get(reverse("admin:news_newsitem_changelist")).content.decode()
    assert "Выберыце, што змяніць: навіна" in changelist
    assert "Дадаць: навіна" in changelist
    add = be_admin.get(reverse("admin:news_newsitem_add")).content.decode()
    assert "Дадаць: навіна" in add
    item = NewsItemFactory()
    change = be_admin.get(reverse("admin:news_newsitem_change", args=[item.pk])).content.decode()
    assert "Змяніць: навіна" in change and "Змяніць навіна" not in change


def test_the_admin_search_field_is_named_in_the_editors_language(be_admin):
    # The search icon is the field's only label; Django writes its text in English.
    changelist = be_admin.get(reverse("admin:news_newsitem_changelist")).content.decode()
    assert 'alt="Пошук"' in changelist
    assert 'alt="Search"' not in changelist
