"""The site shell: language routing, the language switcher, menus, error pages, health check."""

import re

import pytest
from django.db import connections

from tests.conftest import LANGUAGES
from tests.partners.factories import OrganisationFactory
from tests.portal.factories import MenuItemFactory, PageFactory, sign_in_reader

pytestmark = pytest.mark.django_db


def test_root_redirects_to_english_without_preferences(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [("be,en;q=0.5", "/be/"), ("sq-AL,sq;q=0.9", "/sq/"), ("de-DE,de;q=0.9", "/en/"), ("be-BY", "/be/")],
)
def test_root_redirects_by_accept_language(client, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_language_cookie_wins_over_accept_language(client):
    client.cookies["ura_language"] = "sq"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="be")
    assert response["Location"] == "/sq/"


def test_reading_a_page_sets_no_cookie(client):
    response = client.get("/be/")
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/en/"


def test_choosing_a_language_in_the_switcher_remembers_it(client):
    html = client.get("/en/news/").content.decode()
    link = re.search(r'<a href="(/language/be/[^"]+)" hreflang="be"', html).group(1).replace("&amp;", "&")
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"] == "/be/news/"
    assert response.cookies["ura_language"].value == "be"
    assert response.cookies["ura_language"]["httponly"] is True
    assert "private" in response["Cache-Control"]
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/be/"


@pytest.mark.parametrize(
    "referer", ["", "http://testserver/en/", "https://elsewhere.example/en/", "http://testserver/admin/"]
)
def test_other_arrivals_set_no_language_cookie(client, referer):
    for path in ("/be/news/", "/be-latn/news/", "/sq/", "/en/feeds/news/", "/sitemap.xml"):
        response = client.get(path, HTTP_REFERER=referer)
        assert not response.cookies, path


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_answers_in_each_language(client, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert html.count("<h1") == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switcher_names_languages_in_themselves(client, language):
    html = client.get(f"/{language}/").content.decode()
    switcher = html.split('class="language-switcher"', 1)[1].split("</nav>", 1)[0]
    for code, name in (("be", "Беларуская"), ("be-latn", "Łacinka"), ("sq", "Shqip"), ("en", "English")):
        tag = "be-Latn" if code == "be-latn" else code
        next_url = f"%2F{code}%2F"
        assert re.search(
            rf'<a href="/language/{code}/\?next={next_url}" hreflang="{tag}" lang="{tag}"[^>]*>{name}</a>', switcher
        )
    current = re.findall(r'<a href="/language/([\w-]+)/[^"]*"[^>]*aria-current="true"', switcher)
    assert current == [language]


def test_language_switcher_keeps_list_filters(client):
    # In the list's own order (kind, then year): the page cache hands the view its filters so.
    html = client.get("/en/news/?year=2025&kind=visit").content.decode()
    assert 'href="/language/be/?next=%2Fbe%2Fnews%2F%3Fkind%3Dvisit%26year%3D2025"' in html
    assert 'href="/language/sq/?next=%2Fsq%2Fnews%2F%3Fkind%3Dvisit%26year%3D2025"' in html


@pytest.mark.parametrize(
    ("language", "text"),
    [("be", "Старонка не знойдзена"), ("sq", "Faqja nuk u gjet"), ("en", "Page not found")],
)
def test_unknown_path_gives_translated_404(client, language, text):
    response = client.get(f"/{language}/no-such-page-here/")
    assert response.status_code == 404
    html = response.content.decode()
    assert text in html
    assert f'<html lang="{language}">' in html


def test_unknown_path_outside_languages_is_404(client):
    assert client.get("/wp-login.php").status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_static_page_in_each_language(client, language):
    page = PageFactory(
        title_be="Пра нас і нашу працу",
        title_sq="Rreth nesh dhe punës sonë",
        title_en="About us and our work",
        body_sq="<p>Bashkëpunim ndëretnik në Shtërpcë.</p>",
        body_be="<p>Супрацоўніцтва ў Прышціне.</p>",
    )
    slug = getattr(page, f"slug_{language}")
    response = client.get(f"/{language}/{slug}/")
    assert response.status_code == 200
    assert getattr(page, f"title_{language}") in response.content.decode()


def test_slugs_are_generated_per_language():
    page = PageFactory(
        title_be="Супрацоўніцтва з партнёрамі", title_sq="Bashkëpunimi në Shtërpcë", title_en="Working together"
    )
    assert page.slug_be == "supracounictva-z-partniorami"
    assert page.slug_sq == "bashkepunimi-ne-shterpce"
    assert page.slug_en == "working-together"


def test_draft_page_is_not_found(client):
    page = PageFactory(status="draft", publish_at=None)
    assert client.get(f"/en/{page.slug_en}/").status_code == 404


def test_menu_lists_sections_and_published_pages(client):
    MenuItemFactory(section="news", order=1)
    MenuItemFactory(section="", page=PageFactory(title_en="Contacts"), order=2)
    MenuItemFactory(section="", page=PageFactory(title_en="Hidden draft", status="draft", publish_at=None), order=3)
    html = client.get("/en/").content.decode()
    menu = html.split('class="menu"', 1)[1].split("</ul>", 1)[0]
    assert 'href="/en/news/"' in menu
    assert "Contacts" in menu
    assert "Hidden draft" not in menu


def test_home_query_count_is_fixed(client, django_assert_max_num_queries):
    for _ in range(8):
        MenuItemFactory(section="", page=PageFactory(), in_footer=True)
    with django_assert_max_num_queries(11) as queries:
        assert client.get("/en/").status_code == 200
    # The main menu and the footer menu share one query.
    assert sum('"portal_menuitem"' in query["sql"] for query in queries.captured_queries) == 1


def menu_queries(client, path, django_assert_max_num_queries, most=8):
    # A signed-in reader is past the page cache: the page is rendered.
    sign_in_reader(client)
    with django_assert_max_num_queries(most) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response, sum('"portal_menuitem"' in query["sql"] for query in queries.captured_queries)


def test_menu_is_read_once_per_site_version_and_language(client, django_assert_max_num_queries):
    MenuItemFactory(section="news", in_footer=True)
    MenuItemFactory(section="", page=PageFactory(title_en="Contacts", title_be="Кантакты"), in_footer=True)
    response, count = menu_queries(client, "/en/", django_assert_max_num_queries, most=11)
    assert count == 1
    response, count = menu_queries(client, "/en/news/", django_assert_max_num_queries, most=7)
    assert count == 0
    menu = response.content.decode().split('class="menu"', 1)[1].split("</ul>", 1)[0]
    # The current entry is the page's own, not the one of the page that filled the cache.
    assert 'href="/en/news/" aria-current="page"' in menu
    response, count = menu_queries(client, "/be/", django_assert_max_num_queries)
    assert count == 1 and "Кантакты" in response.content.decode()


def test_editing_a_menu_item_or_a_page_title_changes_the_menu_at_once(client, django_assert_max_num_queries):
    item = MenuItemFactory(section="news", label_en="Latest", in_footer=True)
    page = PageFactory(title_en="Our address")
    MenuItemFactory(section="", page=page, in_footer=True)
    response, _count = menu_queries(client, "/en/", django_assert_max_num_queries)
    assert ">Latest<" in response.content.decode() and "Our address" in response.content.decode()
    item.label_en = "Newsroom"
    item.save()
    response, count = menu_queries(client, "/en/", django_assert_max_num_queries, most=11)
    html = response.content.decode()
    assert count == 1 and ">Newsroom<" in html and ">Latest<" not in html
    page.title_en = "Get in touch"
    page.save()
    response, count = menu_queries(client, "/en/", django_assert_max_num_queries, most=11)
    html = response.content.decode()
    assert count == 1 and "Get in touch" in html and "Our address" not in html
    page.status, page.publish_at = "draft", None
    page.save()
    response, _count = menu_queries(client, "/en/", django_assert_max_num_queries)
    assert "Get in touch" not in response.content.decode()


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content.splitlines()[:2] == [b"ok", b"database: ok"]


@pytest.mark.django_db(transaction=True)
def test_healthz_503_when_the_database_does_not_answer(client):
    connection = connections["default"]
    connection.close()
    original = dict(connection.settings_dict)
    connection.settings_dict.update({"HOST": "127.0.0.1", "PORT": "1"})  # nothing listens there
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)
    assert response.status_code == 503
    assert b"database" in response.content


VISITOR = "203.0.113.5"
BROKEN_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}  # stores nothing


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_tells_visitors_only_ok(client, path):
    response = client.get(path, REMOTE_ADDR=VISITOR)
    assert (response.status_code, response.content) == (200, b"ok\n")


def test_health_tells_visitors_only_unavailable(client, settings, caplog):
    settings.CACHES = BROKEN_CACHE
    response = client.get("/healthz", REMOTE_ADDR=VISITOR)
    assert (response.status_code, response.content) == (503, b"unavailable\n")
    # The reason is in the log all the same.
    assert "cache: does not store values" in caplog.text


def test_health_through_the_proxy_a_visitor_is_not_the_proxys_own_machine(client):
    # nginx on this machine passes on a visitor's request: the visitor is not "localhost".
    response = client.get("/healthz", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=VISITOR)
    assert response.content == b"ok\n"


@pytest.mark.parametrize("who", ["staff", "this machine", "monitoring network", "monitoring through the proxy"])
def test_health_details_for_staff_and_monitoring(client, settings, django_user_model, who):
    settings.CACHES = BROKEN_CACHE
    settings.HEALTH_DETAILS_FROM = ["127.0.0.1", "::1", "192.0.2.0/24"]
    headers = {"REMOTE_ADDR": VISITOR}
    if who == "staff":
        client.force_login(django_user_model.objects.create_user("monitor", is_staff=True))
    elif who == "this machine":
        headers = {"REMOTE_ADDR": "127.0.0.1"}
    elif who == "monitoring network":
        headers = {"REMOTE_ADDR": "192.0.2.10"}
    else:
        headers = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "192.0.2.10"}
    response = client.get("/healthz", **headers)
    assert response.status_code == 503
    assert response.content.splitlines() == [
        b"unavailable: cache",
        b"database: ok",
        b"cache: does not store values",
        b"media: ok",
    ]


def test_a_signed_in_user_who_is_not_staff_sees_no_details(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader"))
    assert client.get("/healthz", REMOTE_ADDR=VISITOR).content == b"ok\n"


def test_robots_txt_points_to_sitemap_and_keeps_admin_out(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_security_headers_on_public_pages(client):
    response = client.get("/en/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_pages_load_nothing_from_other_sites(client):
    html = client.get("/en/").content.decode()
    # hreflang alternates and the canonical link name pages, they load nothing.
    tags = [
        tag
        for tag in re.findall(r"<(?:script|link|img)[^>]+>", html)
        if not re.search(r'rel="(?:alternate|canonical)"', tag)
    ]
    resources = [tag for tag in tags if re.search(r'(?:src|href)="(?:https?:)?//', tag)]
    assert resources == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("be", "Нешта пайшло не так з нашага боку"),
        ("sq", "Diçka shkoi keq nga ana jonë"),
        ("en", "Something went wrong"),
    ],
)
def test_server_error_page_is_translated_and_needs_no_database(rf, language, text):
    from django.utils import translation

    from portal.views import server_error

    with translation.override(language):
        response = server_error(rf.get(f"/{language}/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert text in html
    assert f'<html lang="{language}">' in html


def test_favicon_ico_redirects_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.png")


@pytest.mark.parametrize(
    ("language", "text"),
    [("be", "Тэрмін дзеяння формы скончыўся"), ("sq", "Formulari ka skaduar"), ("en", "The form has expired")],
)
def test_a_post_without_csrf_token_gets_a_translated_403(language, text):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(f"/{language}/news/")
    assert response.status_code == 403
    html = response.content.decode()
    assert text in html
    assert f'<html lang="{language}">' in html


def test_home_shows_the_newest_partners_alphabetically_sorting_only_those(client, django_assert_max_num_queries):
    older = [OrganisationFactory(name_en=f"Aardvark Institute {number}") for number in range(3)]
    newest = [
        OrganisationFactory(name_en=name) for name in ("Zeta Forum", "Beta Network", *(f"M{n}" for n in range(10)))
    ]
    sign_in_reader(client)
    with django_assert_max_num_queries(8) as queries:
        html = client.get("/en/").content.decode()
    strip = html.split('aria-labelledby="our-partners"', 1)[1].split("</section>", 1)[0]
    shown = re.findall(r'href="/en/partners/([^/"]+)/"', strip)
    assert shown == [org.slug_en for org in sorted(newest, key=lambda org: org.name_en)]
    assert not {org.slug_en for org in older} & set(shown)
    # The collated sort reads the twelve chosen by primary key, not every organisation.
    sorts = [query["sql"] for query in queries.captured_queries if "COLLATE" in query["sql"]]
    assert sorts and all("LIMIT 12" in sql for sql in sorts)
