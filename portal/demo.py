"""Demo content shared helpers and the site shell's own demo content.

Every app has a `demo.py` with a `seed(stdout)` function; `seed_demo` runs them
in order. Records are found by a stable key (usually the English slug) and
saved only when a value differs, so a second run changes nothing.
"""

from django.utils import timezone

LANGS = ("be", "sq", "en")


def translated(field, values):
    """{"en": "...", "sq": "...", "be": "..."} -> {"field_en": ..., ...}."""
    return {f"{field}_{code}": values.get(code, "") for code in LANGS}


def _stored_form(model, values):
    """Values as the database will hold them (rich text is sanitised on save)."""
    from core.richtext import RichTextField, sanitize_html

    result = {}
    for name, value in values.items():
        field = model._meta.get_field(name)
        result[name] = sanitize_html(value) if isinstance(field, RichTextField) else value
    return result


def upsert(model, lookup, values, m2m=None):
    """Create or update one record; save only what differs. Returns (obj, changed)."""
    values = _stored_form(model, values)
    obj = model._base_manager.filter(**lookup).first()
    changed = False
    if obj is None:
        obj = model(**lookup, **values)
        obj.save()
        changed = True
    else:
        dirty = [name for name, value in values.items() if getattr(obj, name) != value]
        if dirty:
            for name in dirty:
                setattr(obj, name, values[name])
            obj.save()
            changed = True
    for name, targets in (m2m or {}).items():
        manager = getattr(obj, name)
        wanted = {target.pk for target in targets}
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(targets)
            changed = True
    return obj, changed


# Topics shared by news and projects: English slug -> names.
TOPICS = {
    "democracy": {"en": "Democracy", "sq": "Demokracia", "be": "Дэмакратыя"},
    "security": {"en": "Security", "sq": "Siguria", "be": "Бяспека"},
    "interethnic-cooperation": {
        "en": "Interethnic cooperation",
        "sq": "Bashkëpunimi ndëretnik",
        "be": "Міжэтнічнае супрацоўніцтва",
    },
    "regional-cooperation": {
        "en": "Regional cooperation",
        "sq": "Bashkëpunimi rajonal",
        "be": "Рэгіянальнае супрацоўніцтва",
    },
    "civil-society": {"en": "Civil society", "sq": "Shoqëria civile", "be": "Грамадзянская супольнасць"},
    "diaspora": {"en": "Diaspora", "sq": "Diaspora", "be": "Дыяспара"},
    "media-freedom": {"en": "Media freedom", "sq": "Liria e medias", "be": "Свабода медыяў"},
    "local-development": {"en": "Local development", "sq": "Zhvillimi lokal", "be": "Мясцовае развіццё"},
}


def seed_topics():
    """Create or update the demo topics; returns {key: Topic}."""
    from core.models import Topic

    return {key: upsert(Topic, {"slug_en": key}, translated("name", names))[0] for key, names in TOPICS.items()}


def published_at(year, month, day, hour=10):
    return timezone.make_aware(timezone.datetime(year, month, day, hour, 0))


COOPERATION_PAGE = {
    "slug": {
        "en": "cooperation-with-international-partners",
        "sq": "bashkepunimi-me-partneret-nderkombetare",
        "be": "supracounictva-z-mizhnarodnymi-partniorami",
    },
    "title": {
        "en": "Cooperation with international partners",
        "sq": "Bashkëpunimi me partnerët ndërkombëtarë",
        "be": "Супрацоўніцтва з міжнароднымі партнёрамі",
    },
    "intro": {
        "en": "Since 2001 the international community has been one of the closest partners of the Coordination Body for Preševo, Bujanovac and Medveđa and of the three municipalities.",
        "sq": "Që nga viti 2001, bashkësia ndërkombëtare është ndër partnerët më të afërt të Trupit Koordinues për Preshevën, Bujanocin dhe Medvegjën dhe të tri komunave.",
        "be": "З 2001 года міжнародная супольнасць — адзін з самых блізкіх партнёраў Каардынацыйнага органа для Прэшава, Буянаваца і Мядзведжы і трох муніцыпалітэтаў.",
    },
    "body": {
        "en": (
            "<p>Over more than two decades, international partners have helped to build roads, water "
            "supply and schools in the three municipalities, to open up their economic potential and to "
            "finance projects in education, health care, social policy, gender equality, youth and sport.</p>"
            "<h2>Programmes we have taken part in</h2>"
            "<ul><li>the United Nations programmes <strong>MIR 1</strong> and <strong>MIR 2</strong>;</li>"
            "<li>the UN joint programme <strong>PBILD</strong> (Peace Building and Inclusive Local Development);</li>"
            "<li>the European Union's development programme <strong>EU PROGRES</strong>;</li>"
            "<li>projects of bilateral donors in the fields each of them considers most important.</li></ul>"
            "<h2>A regular dialogue</h2>"
            "<p>Beyond development work, the Coordination Body discusses political questions with "
            "international representatives whose answers improve the rights of the Serbian, Albanian and "
            'Roma communities. The <a href="https://www.osce.org/mission-to-serbia">OSCE Mission to Serbia</a>, '
            "through its office in Bujanovac, coordinates part of the international community's work in "
            "Preševo, Bujanovac and Medveđa, and our contact with it is regular.</p>"
        ),
        "sq": (
            "<p>Gjatë më shumë se dy dekadave, partnerët ndërkombëtarë kanë ndihmuar në ndërtimin e rrugëve, "
            "të ujësjellësve dhe të shkollave në tri komunat, në zhvillimin e potencialit ekonomik dhe në "
            "financimin e projekteve në arsim, shëndetësi, politikë sociale, barazi gjinore, rini dhe sport.</p>"
            "<h2>Programet në të cilat kemi marrë pjesë</h2>"
            "<ul><li>programet e Kombeve të Bashkuara <strong>MIR 1</strong> dhe <strong>MIR 2</strong>;</li>"
            "<li>programi i përbashkët i OKB-së <strong>PBILD</strong> (Ndërtimi i paqes dhe zhvillimi gjithëpërfshirës lokal);</li>"
            "<li>programi zhvillimor i Bashkimit Evropian <strong>EU PROGRES</strong>;</li>"
            "<li>projektet e donatorëve bilateralë në fushat që secili prej tyre i çmon më të rëndësishme.</li></ul>"
            "<h2>Dialog i rregullt</h2>"
            "<p>Përtej punës zhvillimore, Trupi Koordinues bisedon me përfaqësuesit ndërkombëtarë edhe për "
            "çështje politike, zgjidhja e të cilave përmirëson të drejtat e bashkësive serbe, shqiptare dhe "
            'rome. <a href="https://www.osce.org/mission-to-serbia">Misioni i OSBE-së në Serbi</a>, përmes '
            "zyrës në Bujanoc, bashkërendon një pjesë të punës së bashkësisë ndërkombëtare në Preshevë, "
            "Bujanoc dhe Medvegjë, dhe komunikimi ynë me të është i rregullt.</p>"
        ),
        "be": (
            "<p>За больш чым дваццаць гадоў міжнародныя партнёры дапамаглі пабудаваць дарогі, водаправоды і "
            "школы ў трох муніцыпалітэтах, раскрыць іх эканамічны патэнцыял і прафінансаваць праекты ў "
            "адукацыі, ахове здароўя, сацыяльнай палітыцы, гендарнай роўнасці, справах моладзі і спорце.</p>"
            "<h2>Праграмы, у якіх мы ўдзельнічалі</h2>"
            "<ul><li>праграмы Арганізацыі Аб’яднаных Нацый <strong>MIR 1</strong> і <strong>MIR 2</strong>;</li>"
            "<li>сумесная праграма ААН <strong>PBILD</strong> (міратворчасць і інклюзіўнае мясцовае развіццё);</li>"
            "<li>праграма развіцця Еўрапейскага саюза <strong>EU PROGRES</strong>;</li>"
            "<li>праекты двухбаковых донараў у галінах, якія кожны з іх лічыць найважнейшымі.</li></ul>"
            "<h2>Рэгулярны дыялог</h2>"
            "<p>Акрамя працы на развіццё, Каардынацыйны орган абмяркоўвае з міжнароднымі прадстаўнікамі і "
            "палітычныя пытанні, вырашэнне якіх паляпшае правы сербскай, албанскай і ромскай супольнасцяў. "
            '<a href="https://www.osce.org/mission-to-serbia">Місія АБСЕ ў Сербіі</a> праз свой офіс у '
            "Буянавацы каардынуе частку працы міжнароднай супольнасці ў Прэшаве, Буянавацы і Мядзведжы, і "
            "наша сувязь з ёю рэгулярная.</p>"
        ),
    },
}

ABOUT_PAGE = {
    "slug": {"en": "about", "sq": "rreth-nesh", "be": "pra-nas"},
    "title": {"en": "About Ura", "sq": "Rreth Urës", "be": "Пра «Уру»"},
    "intro": {
        "en": "Ura means “bridge” in Albanian. The portal connects civic organisations, donors and public institutions from Belarus to the Western Balkans.",
        "sq": "Ura është portali që lidh organizatat qytetare, donatorët dhe institucionet publike nga Bjellorusia deri në Ballkanin Perëndimor.",
        "be": "«Ура» па-албанску значыць «мост». Партал злучае грамадзянскія арганізацыі, донараў і публічныя інстытуцыі ад Беларусі да Заходніх Балкан.",
    },
    "body": {
        "en": "<p>We publish news of delegation visits, meetings and statements, describe our projects with their donors, partners and results, and keep a directory of the organisations we work with — in Belarusian, Albanian and English.</p>",
        "sq": "<p>Publikojmë lajme për vizita delegacionesh, takime dhe deklarata, përshkruajmë projektet tona me donatorët, partnerët dhe rezultatet e tyre, dhe mbajmë një listë të organizatave me të cilat punojmë — në bjellorusisht, shqip dhe anglisht.</p>",
        "be": "<p>Мы публікуем навіны пра візіты дэлегацый, сустрэчы і заявы, апісваем нашы праекты з іх донарамі, партнёрамі і вынікамі і вядзём даведнік арганізацый, з якімі працуем, — па-беларуску, па-албанску і па-англійску.</p>",
    },
}

CONTACTS_PAGE = {
    "slug": {"en": "contacts", "sq": "kontakt", "be": "kantakty"},
    "title": {"en": "Contacts", "sq": "Kontakt", "be": "Кантакты"},
    "intro": {
        "en": "Write to us about cooperation, projects or the content of this site.",
        "sq": "Na shkruani për bashkëpunim, projekte ose përmbajtjen e këtij portali.",
        "be": "Пішыце нам пра супрацоўніцтва, праекты або змест гэтага сайта.",
    },
    "body": {
        "en": '<p>E-mail: <a href="mailto:office@ura.example.org">office@ura.example.org</a></p><p>We answer in Belarusian, Albanian and English, usually within three working days.</p>',
        "sq": '<p>E-mail: <a href="mailto:office@ura.example.org">office@ura.example.org</a></p><p>Përgjigjemi në bjellorusisht, shqip dhe anglisht, zakonisht brenda tri ditëve të punës.</p>',
        "be": '<p>Электронная пошта: <a href="mailto:office@ura.example.org">office@ura.example.org</a></p><p>Мы адказваем па-беларуску, па-албанску і па-англійску, звычайна на працягу трох працоўных дзён.</p>',
    },
}


def seed(stdout=None):
    from core.models import Status
    from portal.models import MenuItem, Page

    pages = {}
    for key, data, when in (
        ("about", ABOUT_PAGE, published_at(2023, 1, 10)),
        ("cooperation", COOPERATION_PAGE, published_at(2023, 1, 10)),
        ("contacts", CONTACTS_PAGE, published_at(2023, 1, 10)),
    ):
        values = {}
        for field in ("title", "intro", "body"):
            values.update(translated(field, data[field]))
        values.update(
            {
                "slug_be": data["slug"]["be"],
                "slug_sq": data["slug"]["sq"],
                "status": Status.PUBLISHED,
                "publish_at": when,
                "source_language": "sq" if key == "cooperation" else "en",
            }
        )
        pages[key], _changed = upsert(Page, {"slug_en": data["slug"]["en"]}, values)

    menu = [
        ({"section": "news", "page": None}, 10, False),
        ({"section": "projects", "page": None}, 20, False),
        ({"section": "partners", "page": None}, 30, False),
        ({"section": "", "page": pages["about"]}, 40, True),
        ({"section": "", "page": pages["cooperation"]}, 50, True),
        ({"section": "", "page": pages["contacts"]}, 60, True),
    ]
    for lookup, order, footer in menu:
        upsert(MenuItem, lookup, {"order": order, "in_footer": footer, "url": ""})
    return pages
