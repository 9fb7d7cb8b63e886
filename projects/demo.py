"""Demo projects: the ones described in the seed pages, in three languages.

Facts (donors, durations, leads, roles, places, dates) come from the seed
pages; the sentences are our own. Records are found by stable keys (the
English slug of a project, the English name of a place, the project and order
of a child row), so a second run changes nothing. The assessment report (a
PDF) and the gallery pictures (maps drawn from the places' coordinates) are
generated here and written only when they are missing.
"""

import datetime
import io
import math
import zlib
from decimal import Decimal

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from portal.demo import published_at, seed_topics, translated, upsert

# English name (the key), kind, country, latitude, longitude, names {en, sq, be}
PLACES = [
    (
        "North Mitrovica",
        "municipality",
        "XK",
        "42.89139",
        "20.86600",
        {"en": "North Mitrovica", "sq": "Mitrovica e Veriut", "be": "Паўночная Мітравіца"},
    ),
    (
        "South Mitrovica",
        "municipality",
        "XK",
        "42.88330",
        "20.86670",
        {"en": "South Mitrovica", "sq": "Mitrovica e Jugut", "be": "Паўднёвая Мітравіца"},
    ),
    (
        "Prishtina",
        "municipality",
        "XK",
        "42.66290",
        "21.16550",
        {"en": "Prishtina", "sq": "Prishtina", "be": "Прышціна"},
    ),
    (
        "Gračanica",
        "municipality",
        "XK",
        "42.60000",
        "21.19330",
        {"en": "Gračanica", "sq": "Graçanica", "be": "Грачаніца"},
    ),
    ("Shtërpcë", "municipality", "XK", "42.23940", "21.02720", {"en": "Shtërpcë", "sq": "Shtërpca", "be": "Штэрпца"}),
    ("Viti", "municipality", "XK", "42.32140", "21.35810", {"en": "Viti", "sq": "Vitia", "be": "Віці"}),
    ("Kamenicë", "municipality", "XK", "42.57810", "21.58030", {"en": "Kamenicë", "sq": "Kamenica", "be": "Камяніца"}),
    ("Lipjan", "municipality", "XK", "42.52170", "21.12250", {"en": "Lipjan", "sq": "Lipjani", "be": "Ліп’ян"}),
    ("Tirana", "city", "AL", "41.32750", "19.81870", {"en": "Tirana", "sq": "Tirana", "be": "Тырана"}),
    ("Preševo", "municipality", "RS", "42.30920", "21.64920", {"en": "Preševo", "sq": "Presheva", "be": "Прэшава"}),
    (
        "Bujanovac",
        "municipality",
        "RS",
        "42.46140",
        "21.76640",
        {"en": "Bujanovac", "sq": "Bujanoci", "be": "Буянавац"},
    ),
    ("Medveđa", "municipality", "RS", "42.84360", "21.58500", {"en": "Medveđa", "sq": "Medvegja", "be": "Мядзведжа"}),
    ("Albania", "country", "AL", "41.32750", "19.81870", {"en": "Albania", "sq": "Shqipëria", "be": "Албанія"}),
    (
        "Bosnia and Herzegovina",
        "country",
        "BA",
        "43.85630",
        "18.41310",
        {"en": "Bosnia and Herzegovina", "sq": "Bosnja dhe Hercegovina", "be": "Боснія і Герцагавіна"},
    ),
    ("Kosovo", "country", "XK", "42.66290", "21.16550", {"en": "Kosovo", "sq": "Kosova", "be": "Косава"}),
    (
        "Montenegro",
        "country",
        "ME",
        "42.43040",
        "19.25940",
        {"en": "Montenegro", "sq": "Mali i Zi", "be": "Чарнагорыя"},
    ),
    (
        "North Macedonia",
        "country",
        "MK",
        "41.99730",
        "21.42800",
        {"en": "North Macedonia", "sq": "Maqedonia e Veriut", "be": "Паўночная Македонія"},
    ),
    ("Serbia", "country", "RS", "44.78660", "20.44890", {"en": "Serbia", "sq": "Serbia", "be": "Сербія"}),
]

PEACEBUILDING = "grassroots-peacebuilding-and-interethnic-cooperation-in-kosovo"
REGIONAL = "regional-cooperation-and-responsive-policies-in-times-of-crisis"
SECURITY = "security-consensus-in-the-western-balkans"
INTERNATIONAL = "international-cooperation-in-presevo-bujanovac-and-medveda"

COVID_REPORT_TITLE = "Covid-19 and Civil Society – An assessment overview on the impact of pandemic situation to Western Balkans countries"


def _event(names):
    """One of the five public events of the peacebuilding project."""
    return {
        "title": {
            "en": f"Public event in {names['en']}",
            "sq": f"Ngjarje publike në {names['sq']}",
            "be": f"Публічная сустрэча ў {names['be']}",
        },
        "place": names["place"],
        "description": {
            "en": "An open discussion with the Communities Committee of the Municipal Assembly and residents of every community about what helps neighbours work together.",
            "sq": "Diskutim i hapur me Komitetin për Komunitete të Kuvendit Komunal dhe me banorë të të gjitha komuniteteve për atë që i ndihmon fqinjët të punojnë së bashku.",
            "be": "Адкрытая размова з Камітэтам па справах супольнасцяў муніцыпальнай асамблеі і жыхарамі ўсіх супольнасцяў пра тое, што дапамагае суседзям працаваць разам.",
        },
    }


PROJECTS = [
    {
        "key": PEACEBUILDING,
        "slug": {
            "sq": "ndertimi-i-paqes-ne-baze-dhe-bashkepunimi-nderetnik-ne-kosove",
            "be": "miratvorchasc-znizu-i-mizhetnichnaje-supracounictva-u-kosava",
        },
        "title": {
            "en": "Grassroots peacebuilding and interethnic cooperation in Kosovo",
            "sq": "Promovimi i ndërtimit të paqes në bazë dhe bashkëpunimit ndëretnik në Kosovë",
            "be": "Міратворчасць знізу і міжэтнічнае супрацоўніцтва ў Косава",
        },
        "summary": {
            "en": "Focus groups, a report and public events in five multi-ethnic municipalities, to strengthen cooperation between communities and the integration of non-majority communities in Kosovo.",
            "sq": "Fokus grupe, një raport dhe ngjarje publike në pesë komuna multietnike, për të forcuar bashkëpunimin mes komuniteteve dhe integrimin e komuniteteve joshumicë në Kosovë.",
            "be": "Фокус-групы, даклад і публічныя сустрэчы ў пяці шматэтнічных муніцыпалітэтах — дзеля супрацоўніцтва паміж супольнасцямі і інтэграцыі супольнасцяў-меншасцяў у Косава.",
        },
        "description": {
            "en": (
                "<p>The project looks at how communities in Kosovo live and work together, and at what helps or hinders the integration of non-majority communities. "
                "It starts where the questions are felt most: in conversations with residents of divided and mixed towns.</p>"
                "<p>Focus groups in North and South Mitrovica and in Prishtina and Gračanica, together with a review of existing documents, give a picture of interethnic relations today "
                "and of the mechanisms that already work. The findings are published in a report, then taken back to five multi-ethnic municipalities, where the Communities Committees "
                "of the municipal assemblies host public discussions.</p>"
                "<p>A closing conference brings the results together, shares good practice and sets out the next steps for keeping cooperation and integration moving.</p>"
            ),
            "sq": (
                "<p>Projekti shqyrton se si komunitetet në Kosovë jetojnë dhe punojnë së bashku, dhe çfarë e ndihmon apo e pengon integrimin e komuniteteve joshumicë. "
                "Ai nis aty ku pyetjet ndihen më shumë: në biseda me banorët e qyteteve të ndara dhe të përziera.</p>"
                "<p>Fokus grupet në Mitrovicën e Veriut dhe të Jugut, si dhe në Prishtinë e Graçanicë, së bashku me analizën e dokumenteve ekzistuese, japin një pamje të marrëdhënieve "
                "ndëretnike sot dhe të mekanizmave që tashmë funksionojnë. Gjetjet publikohen në një raport dhe më pas u kthehen pesë komunave multietnike, ku Komitetet për Komunitete "
                "të kuvendeve komunale organizojnë diskutime publike.</p>"
                "<p>Një konferencë përmbyllëse i bashkon rezultatet, ndan praktikat e mira dhe përcakton hapat e ardhshëm për të çuar përpara bashkëpunimin dhe integrimin.</p>"
            ),
            "be": (
                "<p>Праект вывучае, як супольнасці Косава жывуць і працуюць разам і што дапамагае або перашкаджае інтэграцыі супольнасцяў-меншасцяў. "
                "Ён пачынаецца там, дзе гэтыя пытанні адчуваюцца найвастрэй: у размовах з жыхарамі падзеленых і змешаных гарадоў.</p>"
                "<p>Фокус-групы ў Паўночнай і Паўднёвай Мітравіцы, а таксама ў Прышціне і Грачаніцы разам з аналізам існых дакументаў паказваюць, якія сёння міжэтнічныя адносіны "
                "і якія механізмы ўжо працуюць. Вынікі публікуюцца ў дакладзе, а потым вяртаюцца ў пяць шматэтнічных муніцыпалітэтаў, дзе камітэты па справах супольнасцяў "
                "муніцыпальных асамблей праводзяць публічныя абмеркаванні.</p>"
                "<p>Заключная канферэнцыя падсумоўвае вынікі, дзеліцца добрымі практыкамі і вызначае наступныя крокі, каб супрацоўніцтва і інтэграцыя рухаліся далей.</p>"
            ),
        },
        "start": datetime.date(2024, 5, 1),
        "end": datetime.date(2024, 12, 31),
        "our_role": "partner",
        "source_language": "sq",
        "publish_at": published_at(2024, 5, 6),
        "contact_name": "Ramadan Ilazi",
        "contact_role": {
            "en": "Kosovar Centre for Security Studies",
            "sq": "Qendra Kosovare për Studime të Sigurisë",
            "be": "Косаўскі цэнтр даследаванняў бяспекі",
        },
        "roles": [
            ("balkan-trust-for-democracy", "funding"),
            ("new-social-initiative", "lead"),
            ("kosovar-centre-for-security-studies", "partner"),
        ],
        "objectives": [
            {
                "en": "Assess the current state of interethnic relations and identify mechanisms that effectively foster integration and peace.",
                "sq": "Vlerësimi i gjendjes aktuale të marrëdhënieve ndëretnike dhe identifikimi i mekanizmave që nxisin në mënyrë efektive integrimin dhe paqen.",
                "be": "Ацаніць цяперашні стан міжэтнічных адносін і знайсці механізмы, якія сапраўды спрыяюць інтэграцыі і міру.",
            },
            {
                "en": "Publish the findings on interethnic cooperation, peacebuilding and integration efforts.",
                "sq": "Publikimi i gjetjeve për bashkëpunimin ndëretnik, ndërtimin e paqes dhe përpjekjet për integrim.",
                "be": "Апублікаваць высновы пра міжэтнічнае супрацоўніцтва, міратворчасць і намаганні па інтэграцыі.",
            },
            {
                "en": "Open a dialogue between members of different communities in multi-ethnic municipalities, together with the Communities Committees.",
                "sq": "Hapja e dialogut ndërmjet anëtarëve të komuniteteve të ndryshme në komunat multietnike, së bashku me Komitetet për Komunitete.",
                "be": "Распачаць дыялог паміж прадстаўнікамі розных супольнасцяў у шматэтнічных муніцыпалітэтах разам з камітэтамі па справах супольнасцяў.",
            },
            {
                "en": "Agree on next steps that sustain cooperation and integration beyond the project.",
                "sq": "Përcaktimi i hapave të ardhshëm që e mbajnë gjallë bashkëpunimin dhe integrimin përtej projektit.",
                "be": "Дамовіцца пра наступныя крокі, якія падтрымаюць супрацоўніцтва і інтэграцыю і пасля праекта.",
            },
        ],
        "activities": [
            {
                "title": {
                    "en": "Focus groups in North and South Mitrovica",
                    "sq": "Fokus grupe në Mitrovicën e Veriut dhe të Jugut",
                    "be": "Фокус-групы ў Паўночнай і Паўднёвай Мітравіцы",
                },
                "place": {
                    "en": "North Mitrovica / South Mitrovica",
                    "sq": "Mitrovica e Veriut / Mitrovica e Jugut",
                    "be": "Паўночная Мітравіца / Паўднёвая Мітравіца",
                },
                "description": {
                    "en": "Residents of both sides of the Ibar talk about everyday contact between communities and about what has and has not worked.",
                    "sq": "Banorët nga të dyja anët e Ibrit flasin për kontaktin e përditshëm mes komuniteteve dhe për atë që ka funksionuar e që nuk ka funksionuar.",
                    "be": "Жыхары абодвух берагоў Ібара распавядаюць пра штодзённыя кантакты паміж супольнасцямі і пра тое, што спрацавала, а што не.",
                },
            },
            {
                "title": {
                    "en": "Focus groups in Prishtina and Gračanica",
                    "sq": "Fokus grupe në Prishtinë dhe Graçanicë",
                    "be": "Фокус-групы ў Прышціне і Грачаніцы",
                },
                "place": {"en": "Prishtina / Gračanica", "sq": "Prishtinë / Graçanicë", "be": "Прышціна / Грачаніца"},
                "description": {
                    "en": "The same questions asked in the capital and in its neighbouring Serb-majority municipality.",
                    "sq": "Të njëjtat pyetje në kryeqytet dhe në komunën fqinje me shumicë serbe.",
                    "be": "Тыя ж пытанні — у сталіцы і ў суседнім муніцыпалітэце з сербскай большасцю.",
                },
            },
            {
                "title": {"en": "Document review", "sq": "Analiza e dokumenteve", "be": "Аналіз дакументаў"},
                "place": {},
                "description": {
                    "en": "Laws, strategies and earlier studies on integration are read alongside what the focus groups said.",
                    "sq": "Ligjet, strategjitë dhe studimet e mëparshme për integrimin lexohen krahas asaj që thanë fokus grupet.",
                    "be": "Законы, стратэгіі і ранейшыя даследаванні пра інтэграцыю разглядаюцца побач з тым, што сказалі ўдзельнікі фокус-груп.",
                },
            },
            {
                "title": {
                    "en": "Report on interethnic cooperation and integration",
                    "sq": "Raport për bashkëpunimin ndëretnik dhe integrimin",
                    "be": "Даклад пра міжэтнічнае супрацоўніцтва і інтэграцыю",
                },
                "place": {},
                "description": {
                    "en": "The main findings on interethnic cooperation, peacebuilding and integration, published for decision-makers and the public.",
                    "sq": "Gjetjet kryesore për bashkëpunimin ndëretnik, ndërtimin e paqes dhe integrimin, të publikuara për vendimmarrësit dhe publikun.",
                    "be": "Галоўныя высновы пра міжэтнічнае супрацоўніцтва, міратворчасць і інтэграцыю — для тых, хто прымае рашэнні, і для грамадскасці.",
                },
            },
            _event(
                {
                    "en": "Shtërpcë",
                    "sq": "Shtërpcë",
                    "be": "Штэрпцы",
                    "place": {"en": "Shtërpcë", "sq": "Shtërpcë", "be": "Штэрпца"},
                }
            ),
            _event({"en": "Viti", "sq": "Viti", "be": "Віці", "place": {"en": "Viti", "sq": "Viti", "be": "Віці"}}),
            _event(
                {
                    "en": "Kamenicë",
                    "sq": "Kamenicë",
                    "be": "Камяніцы",
                    "place": {"en": "Kamenicë", "sq": "Kamenicë", "be": "Камяніца"},
                }
            ),
            _event(
                {
                    "en": "Lipjan",
                    "sq": "Lipjan",
                    "be": "Ліп’яне",
                    "place": {"en": "Lipjan", "sq": "Lipjan", "be": "Ліп’ян"},
                }
            ),
            _event(
                {
                    "en": "South Mitrovica",
                    "sq": "Mitrovicën e Jugut",
                    "be": "Паўднёвай Мітравіцы",
                    "place": {"en": "South Mitrovica", "sq": "Mitrovica e Jugut", "be": "Паўднёвая Мітравіца"},
                }
            ),
            {
                "title": {"en": "Closing conference", "sq": "Konferenca përmbyllëse", "be": "Заключная канферэнцыя"},
                "place": {},
                "description": {
                    "en": "The findings are presented, good practice is shared and the next steps for interethnic cooperation and integration are discussed.",
                    "sq": "Prezantohen gjetjet, ndahen praktikat e mira dhe diskutohen hapat e ardhshëm për bashkëpunimin ndëretnik dhe integrimin.",
                    "be": "Прэзентацыя высноў, абмен добрымі практыкамі і абмеркаванне наступных крокаў для міжэтнічнага супрацоўніцтва і інтэграцыі.",
                },
            },
        ],
        "places": [
            "North Mitrovica",
            "South Mitrovica",
            "Prishtina",
            "Gračanica",
            "Shtërpcë",
            "Viti",
            "Kamenicë",
            "Lipjan",
        ],
        "topics": ["interethnic-cooperation", "civil-society", "security"],
        "documents": [],
        "gallery": [
            {
                "file": "peacebuilding-map.png",
                "map": [
                    "North Mitrovica",
                    "South Mitrovica",
                    "Prishtina",
                    "Gračanica",
                    "Shtërpcë",
                    "Viti",
                    "Kamenicë",
                    "Lipjan",
                ],
                "caption": {
                    "en": "Where the project works: focus groups in Mitrovica, Prishtina and Gračanica, public events in five municipalities.",
                    "sq": "Ku punon projekti: fokus grupe në Mitrovicë, Prishtinë dhe Graçanicë, ngjarje publike në pesë komuna.",
                    "be": "Дзе працуе праект: фокус-групы ў Мітравіцы, Прышціне і Грачаніцы, публічныя сустрэчы ў пяці муніцыпалітэтах.",
                },
                "alt": {
                    "en": "Map of Kosovo with eight marked places: North and South Mitrovica, Prishtina, Gračanica, Shtërpcë, Viti, Kamenicë and Lipjan.",
                    "sq": "Hartë e Kosovës me tetë vende të shënuara: Mitrovica e Veriut dhe e Jugut, Prishtina, Graçanica, Shtërpca, Vitia, Kamenica dhe Lipjani.",
                    "be": "Карта Косава з васьмю адзначанымі месцамі: Паўночная і Паўднёвая Мітравіца, Прышціна, Грачаніца, Штэрпца, Віці, Камяніца і Ліп’ян.",
                },
            },
            {
                "file": "peacebuilding-round-table.png",
                "table": 10,
                "caption": {
                    "en": "A round table of the kind the public events use: every community at the same table.",
                    "sq": "Tryezë e rrumbullakët si ato të ngjarjeve publike: të gjitha komunitetet në të njëjtën tryezë.",
                    "be": "Круглы стол, як на публічных сустрэчах: усе супольнасці за адным сталом.",
                },
                "alt": {
                    "en": "Drawing of a round table seen from above, with ten chairs in different colours.",
                    "sq": "Vizatim i një tryeze të rrumbullakët parë nga lart, me dhjetë karrige me ngjyra të ndryshme.",
                    "be": "Малюнак круглага стала зверху з дзесяццю крэсламі розных колераў.",
                },
            },
        ],
    },
    {
        "key": REGIONAL,
        "slug": {
            "sq": "nxitja-e-bashkepunimit-rajonal-dhe-politikave-te-pergjegjshme-ne-kohe-krize",
            "be": "rehijanalnaje-supracounictva-i-adkaznaja-palityka-u-chas-kryzisu",
        },
        "title": {
            "en": "Regional cooperation and responsive policies in times of crisis",
            "sq": "Nxitja e bashkëpunimit rajonal dhe politikave të përgjegjshme në kohë krize",
            "be": "Рэгіянальнае супрацоўніцтва і адказная палітыка ў час крызісу",
        },
        "summary": {
            "en": "A regional initiative of Partners Albania and five civil-society resource centres on how COVID-19 affected the Western Balkans, and on what policies should do about it.",
            "sq": "Nismë rajonale e Partnerëve Shqipëri dhe pesë qendrave burimore të shoqërisë civile për mënyrën si COVID-19 preku Ballkanin Perëndimor dhe çfarë duhet të bëjnë politikat për këtë.",
            "be": "Рэгіянальная ініцыятыва «Партнёраў Албанія» і пяці рэсурсных цэнтраў грамадзянскай супольнасці пра тое, як COVID-19 паўплываў на Заходнія Балканы і што з гэтым павінна рабіць палітыка.",
        },
        "description": {
            "en": (
                "<p>Partners Albania runs this initiative with partners across the Western Balkans: Civic Initiatives in Serbia, the Kosovar Civil Society Foundation in Kosovo, "
                "MCIC in North Macedonia, CRNVO in Montenegro and the Center for Civic Initiatives in Bosnia and Herzegovina.</p>"
                "<p>It gives an overview of the social and economic impact of COVID-19 in the region as every group of stakeholders sees it, collects the ways people adapted that worked, "
                "and proposes policy recommendations that reduce the political, social and economic damage of the pandemic.</p>"
                "<p>Civil-society organisations, academia, the private sector, young people and marginalised groups, the media and state institutions discuss the recommendations together. "
                "The partners have served for years as national resource centres for civil society in their countries; through these national and regional platforms the knowledge, "
                "lessons and recommendations travel further, and the region is better prepared to act together in future crises.</p>"
            ),
            "sq": (
                "<p>Partnerët Shqipëri e zbatojnë këtë nismë me partnerë nga i gjithë Ballkani Perëndimor: Iniciativat Qytetare në Serbi, Fondacioni Kosovar për Shoqëri Civile në Kosovë, "
                "MCIC në Maqedoninë e Veriut, CRNVO në Mal të Zi dhe Qendra për Nisma Qytetare në Bosnjë e Hercegovinë.</p>"
                "<p>Nisma jep një pasqyrë të ndikimit social dhe ekonomik të COVID-19 në rajon ashtu siç e shohin të gjitha palët e interesit, mbledh mënyrat e suksesshme të përshtatjes "
                "dhe propozon rekomandime politikash që zbusin dëmet politike, sociale dhe ekonomike të pandemisë.</p>"
                "<p>Organizatat e shoqërisë civile, akademia, sektori privat, të rinjtë dhe grupet e margjinalizuara, mediat dhe institucionet shtetërore i diskutojnë rekomandimet së bashku. "
                "Partnerët shërbejnë prej vitesh si qendra kombëtare burimore për shoqërinë civile në vendet e tyre; përmes këtyre platformave kombëtare dhe rajonale, njohuritë, mësimet "
                "dhe rekomandimet shkojnë më larg, dhe rajoni është më i përgatitur për të vepruar së bashku në krizat e ardhshme.</p>"
            ),
            "be": (
                "<p>«Партнёры Албанія» ажыццяўляюць гэтую ініцыятыву разам з партнёрамі з усіх Заходніх Балкан: «Грамадзянскімі ініцыятывамі» ў Сербіі, Косаўскім фондам грамадзянскай "
                "супольнасці ў Косава, MCIC у Паўночнай Македоніі, CRNVO ў Чарнагорыі і Цэнтрам грамадзянскіх ініцыятыў у Босніі і Герцагавіне.</p>"
                "<p>Ініцыятыва дае агляд сацыяльных і эканамічных наступстваў COVID-19 у рэгіёне вачыма ўсіх зацікаўленых бакоў, збірае ўдалыя спосабы прыстасавання "
                "і прапануе палітычныя рэкамендацыі, якія змяншаюць палітычную, сацыяльную і эканамічную шкоду ад пандэміі.</p>"
                "<p>Грамадскія арганізацыі, навукоўцы, прыватны сектар, моладзь і маргіналізаваныя групы, медыя і дзяржаўныя інстытуцыі абмяркоўваюць рэкамендацыі разам. "
                "Партнёры ўжо шмат гадоў з’яўляюцца нацыянальнымі рэсурснымі цэнтрамі грамадзянскай супольнасці ў сваіх краінах; праз гэтыя нацыянальныя і рэгіянальныя пляцоўкі "
                "веды, урокі і рэкамендацыі распаўсюджваюцца далей, а рэгіён лепш падрыхтаваны дзейнічаць разам у будучых крызісах.</p>"
            ),
        },
        "start": datetime.date(2022, 1, 1),
        "end": datetime.date(2022, 12, 31),
        "our_role": "lead",
        "source_language": "sq",
        "publish_at": published_at(2022, 1, 20),
        "contact_name": "",
        "contact_role": {},
        "roles": [
            ("balkan-trust-for-democracy", "funding"),
            ("german-marshall-fund", "fund_manager"),
            ("partners-albania", "lead"),
            ("partners-albania", "implementing"),
            ("civic-initiatives", "partner"),
            ("kosovar-civil-society-foundation", "partner"),
            ("kosovar-civil-society-foundation", "implementing"),
            ("macedonian-center-for-international-cooperation", "partner"),
            ("macedonian-center-for-international-cooperation", "implementing"),
            ("centre-for-development-of-ngos", "partner"),
            ("centre-for-development-of-ngos", "implementing"),
            ("center-for-civic-initiatives", "partner"),
            ("center-for-civic-initiatives", "implementing"),
        ],
        "objectives": [
            {
                "en": "Give an overview of the impact of COVID-19 on social and economic life in the region, from the point of view of all stakeholders.",
                "sq": "Dhënia e një pasqyre të ndikimit të COVID-19 në jetën sociale dhe ekonomike në rajon, nga këndvështrimi i të gjitha palëve të interesit.",
                "be": "Даць агляд уплыву COVID-19 на сацыяльнае і эканамічнае жыццё ў рэгіёне з пункту гледжання ўсіх зацікаўленых бакоў.",
            },
            {
                "en": "Exchange experience and challenges, and promote practices that helped people and organisations adapt to the pandemic.",
                "sq": "Shkëmbimi i përvojave dhe sfidave dhe promovimi i praktikave që i ndihmuan njerëzit dhe organizatat të përshtaten me pandeminë.",
                "be": "Абмяняцца досведам і выклікамі і пашыраць практыкі, якія дапамаглі людзям і арганізацыям прыстасавацца да пандэміі.",
            },
            {
                "en": "Propose policy recommendations that address the problems of the most affected groups and reduce the effects of the crisis.",
                "sq": "Propozimi i rekomandimeve të politikave që trajtojnë problemet e grupeve më të prekura dhe zbusin efektet e krizës.",
                "be": "Прапанаваць палітычныя рэкамендацыі, якія вырашаюць праблемы найбольш закранутых груп і змяншаюць наступствы крызісу.",
            },
            {
                "en": "Build the basis for coordinated regional action in future crises.",
                "sq": "Ndërtimi i bazës për veprime rajonale të koordinuara në krizat e ardhshme.",
                "be": "Закласці аснову для скаардынаваных рэгіянальных дзеянняў у будучых крызісах.",
            },
        ],
        "activities": [
            {
                "title": {
                    "en": "Regional assessment of the impact of COVID-19",
                    "sq": "Vlerësimi rajonal i ndikimit të COVID-19",
                    "be": "Рэгіянальная ацэнка ўплыву COVID-19",
                },
                "place": {"en": "Western Balkans", "sq": "Ballkani Perëndimor", "be": "Заходнія Балканы"},
                "description": {
                    "en": "The partners gather evidence in their countries; the results form the assessment overview published as a report.",
                    "sq": "Partnerët mbledhin të dhëna në vendet e tyre; rezultatet formojnë pasqyrën e vlerësimit të publikuar si raport.",
                    "be": "Партнёры збіраюць звесткі ў сваіх краінах; з вынікаў складаецца ацэначны агляд, выдадзены як даклад.",
                },
            },
            {
                "title": {
                    "en": "Regional forums in 2022",
                    "sq": "Forumet rajonale të vitit 2022",
                    "be": "Рэгіянальныя форумы 2022 года",
                },
                "place": {"en": "Western Balkans", "sq": "Ballkani Perëndimor", "be": "Заходнія Балканы"},
                "description": {
                    "en": "Stakeholders from civil society, academia, business, the media and state institutions discuss the recommendations and the actions that should follow.",
                    "sq": "Palët e interesit nga shoqëria civile, akademia, biznesi, mediat dhe institucionet shtetërore diskutojnë rekomandimet dhe veprimet që duhet të pasojnë.",
                    "be": "Прадстаўнікі грамадзянскай супольнасці, навукі, бізнесу, медыя і дзяржаўных інстытуцый абмяркоўваюць рэкамендацыі і дзеянні, якія павінны з іх вынікаць.",
                },
            },
            {
                "title": {
                    "en": "Sharing through the national resource centres",
                    "sq": "Shpërndarja përmes qendrave kombëtare burimore",
                    "be": "Пашырэнне праз нацыянальныя рэсурсныя цэнтры",
                },
                "place": {},
                "description": {
                    "en": "Each partner passes the lessons and recommendations on to the organisations it serves at home.",
                    "sq": "Secili partner ua përcjell mësimet dhe rekomandimet organizatave që u shërben në vendin e vet.",
                    "be": "Кожны партнёр перадае ўрокі і рэкамендацыі арганізацыям, якім дапамагае ў сваёй краіне.",
                },
            },
        ],
        "places": ["Albania", "Bosnia and Herzegovina", "Kosovo", "Montenegro", "North Macedonia", "Serbia"],
        "topics": ["civil-society", "regional-cooperation"],
        "documents": [
            {
                "file": "covid-19-and-civil-society-western-balkans.pdf",
                "title": {
                    "en": COVID_REPORT_TITLE,
                    "sq": "Covid-19 dhe shoqëria civile – Pasqyrë vlerësimi e ndikimit të pandemisë në vendet e Ballkanit Perëndimor",
                    "be": "Covid-19 і грамадзянская супольнасць — агляд уплыву пандэміі на краіны Заходніх Балкан",
                },
                "language": "en",
                "category": "assessment",
                "published_on": None,
            }
        ],
        "gallery": [
            {
                "file": "regional-partners-map.png",
                "map": ["Albania", "Bosnia and Herzegovina", "Kosovo", "Montenegro", "North Macedonia", "Serbia"],
                "caption": {
                    "en": "Six countries, six resource centres for civil society.",
                    "sq": "Gjashtë vende, gjashtë qendra burimore për shoqërinë civile.",
                    "be": "Шэсць краін — шэсць рэсурсных цэнтраў грамадзянскай супольнасці.",
                },
                "alt": {
                    "en": "Map of the Western Balkans with the capitals of Albania, Bosnia and Herzegovina, Kosovo, Montenegro, North Macedonia and Serbia marked.",
                    "sq": "Hartë e Ballkanit Perëndimor me kryeqytetet e Shqipërisë, Bosnjës dhe Hercegovinës, Kosovës, Malit të Zi, Maqedonisë së Veriut dhe Serbisë të shënuara.",
                    "be": "Карта Заходніх Балкан з адзначанымі сталіцамі Албаніі, Босніі і Герцагавіны, Косава, Чарнагорыі, Паўночнай Македоніі і Сербіі.",
                },
            }
        ],
    },
    {
        "key": SECURITY,
        "slug": {
            "sq": "krijimi-i-konsensusit-per-sigurine-ne-ballkanin-perendimor",
            "be": "poshuk-kansensusu-u-pytanniach-biaspieki-na-zachodnich-balkanach",
        },
        "title": {
            "en": "Building consensus on security in the Western Balkans",
            "sq": "Krijimi i konsensusit për sigurinë në Ballkanin Perëndimor",
            "be": "Пошук кансэнсусу ў пытаннях бяспекі на Заходніх Балканах",
        },
        "summary": {
            "en": "The consultation on security and geopolitics for the 2023 Tirana Civil Society and Think Tank Forum of the Berlin Process, led by KCSS.",
            "sq": "Konsultimi për sigurinë dhe gjeopolitikën për Forumin e Shoqërisë Civile dhe Think Tank të Tiranës 2023 të Procesit të Berlinit, i udhëhequr nga QKSS.",
            "be": "Кансультацыі па бяспецы і геапалітыцы для Форуму грамадзянскай супольнасці і аналітычных цэнтраў Берлінскага працэсу ў Тыране ў 2023 годзе пад кіраўніцтвам KCSS.",
        },
        "description": {
            "en": (
                "<p>The Civil Society and Think Tank Forum is a series of events that brings together civil society and experts from the Western Balkans to discuss regional challenges, "
                "share good practice and draft recommendations for the leaders meeting at the Berlin Process summit. The Berlin Process is a platform for high-level cooperation between "
                "the six Western Balkan countries and their EU counterparts, meant to deepen regional cooperation, encourage EU-related reforms and speed up accession.</p>"
                "<p>The Government of Albania, holding the Berlin Process presidency and hosting the 2023 summit, entrusted the Open Society Foundations – Western Balkans with preparing, "
                "organising and overseeing the forum, on behalf of the implementing partners ELIAMEP and the Cooperation and Development Institute. The forum took place in Tirana "
                "on 14–15 October 2023.</p>"
                "<p>OSF Western Balkans, ELIAMEP and CDI invited the Kosovar Centre for Security Studies to lead the consultations with stakeholders and to write the policy paper with "
                "recommendations for the thematic working group on Security and Geopolitics, focused on regional security cooperation.</p>"
            ),
            "sq": (
                "<p>Forumi i Shoqërisë Civile dhe Think Tank është një seri ngjarjesh që mbledh shoqërinë civile dhe ekspertët nga Ballkani Perëndimor për të diskutuar sfidat rajonale, "
                "për të ndarë praktikat e mira dhe për të hartuar rekomandime për liderët që takohen në Samitin e Procesit të Berlinit. Procesi i Berlinit është platformë për bashkëpunim "
                "të nivelit të lartë ndërmjet gjashtë vendeve të Ballkanit Perëndimor dhe homologëve të tyre në BE, me synim thellimin e bashkëpunimit rajonal, nxitjen e reformave "
                "të lidhura me BE-në dhe përshpejtimin e anëtarësimit.</p>"
                "<p>Qeveria e Shqipërisë, si mbajtëse e presidencës së Procesit të Berlinit dhe mikpritëse e samitit të vitit 2023, u besoi Fondacioneve Open Society në Ballkanin Perëndimor "
                "përgatitjen, organizimin dhe mbikëqyrjen e forumit, në emër të partnerëve zbatues ELIAMEP dhe Instituti për Bashkëpunim dhe Zhvillim. Forumi u mbajt në Tiranë "
                "më 14–15 tetor 2023.</p>"
                "<p>OSF-BP, ELIAMEP dhe CDI e ftuan Qendrën Kosovare për Studime të Sigurisë të udhëheqë konsultimet me palët e interesit dhe të hartojë dokumentin e politikave me "
                "rekomandime për Grupin Tematik të Punës për Sigurinë dhe Gjeopolitikën, me fokus në bashkëpunimin rajonal për sigurinë.</p>"
            ),
            "be": (
                "<p>Форум грамадзянскай супольнасці і аналітычных цэнтраў — гэта серыя падзей, якая збірае грамадзянскую супольнасць і экспертаў з Заходніх Балкан, каб абмеркаваць "
                "рэгіянальныя выклікі, абмяняцца добрымі практыкамі і падрыхтаваць рэкамендацыі для лідараў на саміце Берлінскага працэсу. Берлінскі працэс — пляцоўка для "
                "супрацоўніцтва на высокім узроўні паміж шасцю краінамі Заходніх Балкан і іх калегамі з ЕС, каб паглыбіць рэгіянальнае супрацоўніцтва, падтрымаць звязаныя з ЕС "
                "рэформы і паскорыць уступленне.</p>"
                "<p>Урад Албаніі, які старшынстваваў у Берлінскім працэсе і прымаў саміт 2023 года, даручыў Фондам «Адкрытае грамадства» — Заходнія Балканы падрыхтаваць, арганізаваць "
                "і курыраваць форум ад імя партнёраў-выканаўцаў ELIAMEP і Інстытута супрацоўніцтва і развіцця. Форум прайшоў у Тыране 14–15 кастрычніка 2023 года.</p>"
                "<p>OSF-WB, ELIAMEP і CDI запрасілі Косаўскі цэнтр даследаванняў бяспекі кіраваць кансультацыямі з зацікаўленымі бакамі і напісаць палітычны дакумент з рэкамендацыямі "
                "для тэматычнай працоўнай групы «Бяспека і геапалітыка» з акцэнтам на рэгіянальным супрацоўніцтве ў сферы бяспекі.</p>"
            ),
        },
        "start": datetime.date(2023, 7, 1),
        "end": datetime.date(2023, 10, 31),
        "our_role": "lead",
        "source_language": "sq",
        "publish_at": published_at(2023, 7, 10),
        "contact_name": "",
        "contact_role": {},
        "roles": [
            ("open-society-foundations-western-balkans", "funding"),
            ("open-society-foundations-western-balkans", "accountable"),
            ("kosovar-centre-for-security-studies", "lead"),
            ("eliamep", "implementing"),
            ("cooperation-and-development-institute", "implementing"),
            ("government-of-albania", "host"),
        ],
        "objectives": [
            {
                "en": "Understand how far the security and geopolitics recommendations of the 2022 Berlin Civil Society Forum have been implemented.",
                "sq": "Kuptimi i shkallës së zbatimit të rekomandimeve të Forumit Civil të Berlinit 2022 në fushën e sigurisë dhe gjeopolitikës.",
                "be": "Зразумець, наколькі выкананыя рэкамендацыі Берлінскага грамадзянскага форуму 2022 года ў галіне бяспекі і геапалітыкі.",
            },
            {
                "en": "Research and assess the main obstacles to closer regional security cooperation among the six Western Balkan countries.",
                "sq": "Hulumtimi dhe vlerësimi i pengesave kryesore për një bashkëpunim më të ngushtë rajonal për sigurinë ndërmjet gjashtë vendeve të Ballkanit Perëndimor.",
                "be": "Даследаваць і ацаніць галоўныя перашкоды для больш цеснага рэгіянальнага супрацоўніцтва ў сферы бяспекі паміж шасцю краінамі Заходніх Балкан.",
            },
            {
                "en": "Promote a policy dialogue with governmental and non-governmental stakeholders on improving regional security cooperation.",
                "sq": "Nxitja e dialogut për politikat me palët e interesit qeveritare dhe joqeveritare për përmirësimin e bashkëpunimit rajonal për sigurinë.",
                "be": "Развіваць палітычны дыялог з урадавымі і няўрадавымі бакамі пра тое, як палепшыць рэгіянальнае супрацоўніцтва ў сферы бяспекі.",
            },
            {
                "en": "Advocate specific policies to Western Balkan governments and to stakeholders in EU member states that advance regional security cooperation.",
                "sq": "Avokimi për politika të veçanta pranë qeverive të Ballkanit Perëndimor dhe palëve të interesit në shtetet anëtare të BE-së, që avancojnë bashkëpunimin rajonal për sigurinë.",
                "be": "Адстойваць перад урадамі Заходніх Балкан і зацікаўленымі бакамі з краін ЕС канкрэтныя палітыкі, якія развіваюць рэгіянальнае супрацоўніцтва ў сферы бяспекі.",
            },
        ],
        "activities": [
            {
                "title": {
                    "en": "Consultations with stakeholders",
                    "sq": "Konsultimet me palët e interesit",
                    "be": "Кансультацыі з зацікаўленымі бакамі",
                },
                "place": {"en": "Western Balkans", "sq": "Ballkani Perëndimor", "be": "Заходнія Балканы"},
                "description": {
                    "en": "Governments, security institutions, civil society and experts from the six countries give their view of regional security cooperation.",
                    "sq": "Qeveritë, institucionet e sigurisë, shoqëria civile dhe ekspertët nga gjashtë vendet japin pikëpamjen e tyre për bashkëpunimin rajonal për sigurinë.",
                    "be": "Урады, інстытуцыі бяспекі, грамадзянская супольнасць і эксперты з шасці краін выказваюць свой погляд на рэгіянальнае супрацоўніцтва ў сферы бяспекі.",
                },
            },
            {
                "title": {
                    "en": "Policy paper for the Security and Geopolitics working group",
                    "sq": "Dokument politikash për Grupin e Punës për Sigurinë dhe Gjeopolitikën",
                    "be": "Палітычны дакумент для працоўнай групы «Бяспека і геапалітыка»",
                },
                "place": {},
                "description": {
                    "en": "Recommendations drawn from the consultations, for the thematic working group to discuss at the forum.",
                    "sq": "Rekomandime të nxjerra nga konsultimet, që grupi tematik i punës t’i diskutojë në forum.",
                    "be": "Рэкамендацыі, выпрацаваныя на кансультацыях, для абмеркавання тэматычнай працоўнай групай на форуме.",
                },
            },
            {
                "title": {
                    "en": "Tirana Civil Society and Think Tank Forum",
                    "sq": "Forumi i Shoqërisë Civile dhe Think Tank i Tiranës",
                    "be": "Форум грамадзянскай супольнасці і аналітычных цэнтраў у Тыране",
                },
                "start": datetime.date(2023, 10, 14),
                "end": datetime.date(2023, 10, 15),
                "place": {"en": "Tirana", "sq": "Tiranë", "be": "Тырана"},
                "description": {
                    "en": "Two days of debate whose recommendations go to the leaders of the Berlin Process summit.",
                    "sq": "Dy ditë debati, rekomandimet e të cilit u shkojnë liderëve të Samitit të Procesit të Berlinit.",
                    "be": "Два дні дыскусій, рэкамендацыі якіх трапляюць да лідараў на саміце Берлінскага працэсу.",
                },
            },
        ],
        "places": ["Tirana", "Albania", "Bosnia and Herzegovina", "Kosovo", "Montenegro", "North Macedonia", "Serbia"],
        "topics": ["security", "regional-cooperation", "civil-society"],
        "documents": [],
        "gallery": [
            {
                "file": "security-forum-map.png",
                "map": ["Tirana", "Bosnia and Herzegovina", "Kosovo", "Montenegro", "North Macedonia", "Serbia"],
                "caption": {
                    "en": "Consultations across the six countries, and the forum in Tirana on 14–15 October 2023.",
                    "sq": "Konsultime në të gjashtë vendet dhe forumi në Tiranë më 14–15 tetor 2023.",
                    "be": "Кансультацыі ва ўсіх шасці краінах і форум у Тыране 14–15 кастрычніка 2023 года.",
                },
                "alt": {
                    "en": "Map of the Western Balkans with Tirana and the capitals of the other five countries marked.",
                    "sq": "Hartë e Ballkanit Perëndimor me Tiranën dhe kryeqytetet e pesë vendeve të tjera të shënuara.",
                    "be": "Карта Заходніх Балкан з адзначанымі Тыранай і сталіцамі яшчэ пяці краін.",
                },
            }
        ],
    },
    {
        "key": INTERNATIONAL,
        "slug": {
            "sq": "bashkepunimi-nderkombetar-ne-presheve-bujanoc-dhe-medvegje",
            "be": "mizhnarodnaje-supracounictva-u-preshavie-bujanavacy-i-miadzviedzhy",
        },
        "title": {
            "en": "International cooperation in Preševo, Bujanovac and Medveđa",
            "sq": "Bashkëpunimi ndërkombëtar në Preshevë, Bujanoc dhe Medvegjë",
            "be": "Міжнароднае супрацоўніцтва ў Прэшаве, Буянавацы і Мядзведжы",
        },
        "summary": {
            "en": "Since 2001 the Coordination Body has taken part in every large international programme for the three municipalities: MIR 1 and MIR 2, PBILD and EU PROGRES.",
            "sq": "Që nga viti 2001, Trupi Koordinues ka marrë pjesë në të gjitha programet e mëdha ndërkombëtare për tri komunat: MIR 1 dhe MIR 2, PBILD dhe EU PROGRES.",
            "be": "З 2001 года Каардынацыйны орган удзельнічае ва ўсіх вялікіх міжнародных праграмах для трох муніцыпалітэтаў: MIR 1 і MIR 2, PBILD і EU PROGRES.",
        },
        "description": {
            "en": (
                "<p>The international community is one of the partners of the Government of Serbia, the Coordination Body and the municipalities of Preševo, Bujanovac and Medveđa. "
                "Its programmes have built infrastructure, opened up the local economy and funded projects that improved everyday life for the people of the three municipalities.</p>"
                "<p>Every project is carried out in partnership between the key actors: the Government of Serbia, the three municipalities and the international organisations. "
                "This way of working has proved both reasonable and more effective. Beyond development, the Coordination Body discusses with international representatives the political "
                "questions whose answers improve the rights of the Serbian, Albanian and Roma communities.</p>"
            ),
            "sq": (
                "<p>Bashkësia ndërkombëtare është një nga partnerët e Qeverisë së Serbisë, të Trupit Koordinues dhe të komunave Preshevë, Bujanoc dhe Medvegjë. "
                "Programet e saj kanë ndërtuar infrastrukturë, kanë zhvilluar ekonominë lokale dhe kanë financuar projekte që përmirësuan jetën e përditshme të banorëve të tri komunave.</p>"
                "<p>Çdo projekt zbatohet në partneritet ndërmjet aktorëve kyç: Qeverisë së Serbisë, tri komunave dhe organizatave ndërkombëtare. Kjo qasje është dëshmuar e arsyeshme "
                "dhe më e frytshme. Përtej zhvillimit, Trupi Koordinues bisedon me përfaqësuesit ndërkombëtarë edhe për çështjet politike, zgjidhja e të cilave përmirëson të drejtat "
                "e bashkësive serbe, shqiptare dhe rome.</p>"
            ),
            "be": (
                "<p>Міжнародная супольнасць — адзін з партнёраў Урада Сербіі, Каардынацыйнага органа і муніцыпалітэтаў Прэшава, Буянавац і Мядзведжа. "
                "Яе праграмы будавалі інфраструктуру, развівалі мясцовую эканоміку і фінансавалі праекты, што палепшылі штодзённае жыццё жыхароў трох муніцыпалітэтаў.</p>"
                "<p>Кожны праект ажыццяўляецца ў партнёрстве асноўных удзельнікаў: Урада Сербіі, трох муніцыпалітэтаў і міжнародных арганізацый. Такі падыход аказаўся і разумным, "
                "і больш выніковым. Акрамя развіцця, Каардынацыйны орган абмяркоўвае з міжнароднымі прадстаўнікамі палітычныя пытанні, вырашэнне якіх паляпшае правы сербскай, "
                "албанскай і ромскай супольнасцяў.</p>"
            ),
        },
        "start": datetime.date(2001, 1, 1),
        "end": None,
        "our_role": "partner",
        "source_language": "sq",
        "publish_at": published_at(2023, 1, 10),
        "contact_name": "",
        "contact_role": {},
        "roles": [
            ("coordination-body-for-presevo-bujanovac-and-medveda", "lead"),
            ("government-of-serbia", "partner"),
            ("municipality-of-presevo", "partner"),
            ("municipality-of-bujanovac", "partner"),
            ("municipality-of-medveda", "partner"),
            ("united-nations-development-programme", "implementing"),
            ("european-union", "funding"),
            ("osce-mission-to-serbia", "partner"),
            ("osce-mission-to-serbia", "advisory"),
        ],
        "objectives": [
            {
                "en": "Improve infrastructure, the economy, education, health care and social policy in the three municipalities.",
                "sq": "Përmirësimi i infrastrukturës, ekonomisë, arsimit, kujdesit shëndetësor dhe politikës sociale në tri komunat.",
                "be": "Палепшыць інфраструктуру, эканоміку, адукацыю, ахову здароўя і сацыяльную палітыку ў трох муніцыпалітэтах.",
            },
            {
                "en": "Support gender equality, young people and sport.",
                "sq": "Mbështetja e barazisë gjinore, të rinjve dhe sportit.",
                "be": "Падтрымліваць гендарную роўнасць, моладзь і спорт.",
            },
            {
                "en": "Keep a regular dialogue with international partners on questions that affect the rights of the Serbian, Albanian and Roma communities.",
                "sq": "Mbajtja e një dialogu të rregullt me partnerët ndërkombëtarë për çështjet që prekin të drejtat e bashkësive serbe, shqiptare dhe rome.",
                "be": "Весці рэгулярны дыялог з міжнароднымі партнёрамі па пытаннях, якія датычаць правоў сербскай, албанскай і ромскай супольнасцяў.",
            },
        ],
        "activities": [
            {
                "title": {"en": "MIR 1", "sq": "MIR 1", "be": "MIR 1"},
                "place": {
                    "en": "Preševo, Bujanovac, Medveđa",
                    "sq": "Preshevë, Bujanoc, Medvegjë",
                    "be": "Прэшава, Буянавац, Мядзведжа",
                },
                "description": {
                    "en": "The first United Nations programme in which the Coordination Body took part.",
                    "sq": "Programi i parë i Kombeve të Bashkuara në të cilin mori pjesë Trupi Koordinues.",
                    "be": "Першая праграма Арганізацыі Аб’яднаных Нацый, у якой удзельнічаў Каардынацыйны орган.",
                },
            },
            {
                "title": {"en": "MIR 2", "sq": "MIR 2", "be": "MIR 2"},
                "place": {
                    "en": "Preševo, Bujanovac, Medveđa",
                    "sq": "Preshevë, Bujanoc, Medvegjë",
                    "be": "Прэшава, Буянавац, Мядзведжа",
                },
                "description": {
                    "en": "The United Nations programme that continued the work of MIR 1.",
                    "sq": "Programi i Kombeve të Bashkuara që vazhdoi punën e MIR 1.",
                    "be": "Праграма Арганізацыі Аб’яднаных Нацый, якая працягнула працу MIR 1.",
                },
            },
            {
                "title": {"en": "PBILD", "sq": "PBILD", "be": "PBILD"},
                "place": {
                    "en": "Preševo, Bujanovac, Medveđa",
                    "sq": "Preshevë, Bujanoc, Medvegjë",
                    "be": "Прэшава, Буянавац, Мядзведжа",
                },
                "description": {
                    "en": "Peace Building and Inclusive Local Development, a joint programme of United Nations agencies.",
                    "sq": "Ndërtimi i paqes dhe zhvillimi gjithëpërfshirës lokal, program i përbashkët i agjencive të Kombeve të Bashkuara.",
                    "be": "«Міратворчасць і інклюзіўнае мясцовае развіццё» — сумесная праграма агенцтваў ААН.",
                },
            },
            {
                "title": {"en": "EU PROGRES", "sq": "EU PROGRES", "be": "EU PROGRES"},
                "place": {
                    "en": "Preševo, Bujanovac, Medveđa",
                    "sq": "Preshevë, Bujanoc, Medvegjë",
                    "be": "Прэшава, Буянавац, Мядзведжа",
                },
                "description": {
                    "en": "The European Union's development programme for the municipalities of south and south-west Serbia.",
                    "sq": "Programi zhvillimor i Bashkimit Evropian për komunat e jugut dhe jugperëndimit të Serbisë.",
                    "be": "Праграма развіцця Еўрапейскага саюза для муніцыпалітэтаў поўдня і паўднёвага захаду Сербіі.",
                },
            },
            {
                "title": {
                    "en": "Dialogue with the OSCE Mission to Serbia",
                    "sq": "Dialogu me Misionin e OSBE-së në Serbi",
                    "be": "Дыялог з Місіяй АБСЕ ў Сербіі",
                },
                "place": {"en": "Bujanovac", "sq": "Bujanoc", "be": "Буянавац"},
                "description": {
                    "en": "Through its office in Bujanovac the mission coordinates part of the international community's work in the three municipalities; contact with it is regular.",
                    "sq": "Përmes zyrës në Bujanoc, misioni bashkërendon një pjesë të punës së bashkësisë ndërkombëtare në tri komunat; komunikimi me të është i rregullt.",
                    "be": "Праз свой офіс у Буянавацы місія каардынуе частку працы міжнароднай супольнасці ў трох муніцыпалітэтах; сувязь з ёю рэгулярная.",
                },
            },
        ],
        "places": ["Preševo", "Bujanovac", "Medveđa"],
        "topics": ["local-development", "interethnic-cooperation"],
        "documents": [],
        "gallery": [
            {
                "file": "presevo-bujanovac-medveda-map.png",
                "map": ["Preševo", "Bujanovac", "Medveđa"],
                "caption": {
                    "en": "The three municipalities of southern Serbia the programmes work in.",
                    "sq": "Tri komunat e jugut të Serbisë ku punojnë programet.",
                    "be": "Тры муніцыпалітэты на поўдні Сербіі, дзе працуюць праграмы.",
                },
                "alt": {
                    "en": "Map of southern Serbia with Preševo, Bujanovac and Medveđa marked.",
                    "sq": "Hartë e jugut të Serbisë me Preshevën, Bujanocin dhe Medvegjën të shënuara.",
                    "be": "Карта поўдня Сербіі з адзначанымі Прэшава, Буянавацам і Мядзведжай.",
                },
            }
        ],
    },
]


# --- Generated files -------------------------------------------------------------------


def _pdf_text(text):
    """A PDF string literal in WinAnsiEncoding (Latin letters, en dash)."""
    encoded = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("cp1252", "replace")
    return b"(" + encoded + b")"


def _wrap(text, width):
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines


REPORT_PAGES = [
    (
        COVID_REPORT_TITLE,
        [
            "Partners Albania for Change and Development, with Civic Initiatives (Serbia), the Kosovar Civil Society "
            "Foundation (Kosovo), the Macedonian Center for International Cooperation (North Macedonia), the Centre for "
            "Development of Non-Governmental Organisations (Montenegro) and the Center for Civic Initiatives (Bosnia and Herzegovina).",
            'Regional project "Regional cooperation and responsive policies in times of crisis", funded by the Balkan '
            "Trust for Democracy, a project of the German Marshall Fund of the United States.",
            "Demo edition generated by the Ura portal.",
        ],
    ),
    (
        "1. Why this assessment",
        [
            "The pandemic reached every country of the Western Balkans at the same time, but each of them answered it "
            "with its own rules, budgets and institutions. Civil-society organisations saw the consequences first-hand: "
            "in the communities they serve, in their own work and in the space left for public participation.",
            "This overview brings together what the six national resource centres for civil society heard from "
            "organisations, academia, the private sector, young people, marginalised groups, the media and state "
            "institutions. It is meant as a shared starting point for policy dialogue, not as a final judgement.",
        ],
    ),
    (
        "2. What stakeholders told us",
        [
            "Emergency measures were often adopted quickly and with little consultation; organisations asked for "
            "clear, time-limited rules and for a seat at the table when the next crisis comes.",
            "Services for vulnerable groups depended heavily on civil society, which had to move its work online or "
            "find new ways to reach people while its own funding became less certain.",
            "Practices that worked - flexible grants, online consultation, cooperation between local governments and "
            "organisations - deserve to be kept and shared across borders.",
        ],
    ),
    (
        "3. Recommendations",
        [
            "Consult civil society on emergency measures and publish the reasons for them.",
            "Keep public funding for civil society predictable in times of crisis, with simplified procedures.",
            "Protect the services that vulnerable groups rely on, whoever delivers them.",
            "Use the national resource centres and regional forums to coordinate the response to future crises.",
        ],
    ),
]


def build_report_pdf(pages=REPORT_PAGES):
    """A small, valid, multi-page PDF (A4, Helvetica) with the report's text."""
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(None)
    pages_id = add(None)
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    page_ids = []
    for number, (heading, paragraphs) in enumerate(pages, start=1):
        lines = [b"BT", b"/F2 16 Tf", b"20 TL", b"56 780 Td"]
        for line in _wrap(heading, 58):
            lines.append(_pdf_text(line) + b" Tj T*")
        lines += [b"/F1 11 Tf", b"15 TL", b"T*"]
        for paragraph in paragraphs:
            for line in _wrap(paragraph, 92):
                lines.append(_pdf_text(line) + b" Tj T*")
            lines.append(b"T*")
        lines += [b"ET", b"BT /F1 9 Tf 56 40 Td " + _pdf_text(f"Page {number} of {len(pages)}") + b" Tj ET"]
        stream = zlib.compress(b"\n".join(lines))
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>" % (pages_id, content, font, bold)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    kids = b" ".join(b"%d 0 R" % page for page in page_ids)
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))
    info = add(b"<< /Title " + _pdf_text(pages[0][0]) + b" /Producer (Ura) >>")

    output = io.BytesIO()
    output.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(output.tell())
        output.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = output.tell()
    output.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        output.write(b"%010d 00000 n \n" % offset)
    output.write(
        b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, catalog, info, xref)
    )
    return output.getvalue()


def _font(size):
    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def draw_map(places, width=1200, height=800):
    """A PNG map: the given places as labelled dots, projected from their coordinates."""
    image = Image.new("RGB", (width, height), "#eaf1f7")
    draw = ImageDraw.Draw(image)
    for step in range(0, width, 80):
        draw.line([(step, 0), (step, height)], fill="#dbe5ee", width=1)
    for step in range(0, height, 80):
        draw.line([(0, step), (width, step)], fill="#dbe5ee", width=1)
    lats = [float(place.latitude) for place in places]
    lons = [float(place.longitude) for place in places]
    mid_lat = math.radians(sum(lats) / len(lats))
    span_x = max((max(lons) - min(lons)) * math.cos(mid_lat), 0.2)
    span_y = max(max(lats) - min(lats), 0.2)
    scale = min((width - 360) / span_x, (height - 240) / span_y)
    centre_x = (max(lons) + min(lons)) / 2
    centre_y = (max(lats) + min(lats)) / 2
    label_font = _font(26)
    points = []
    for place in places:
        x = width / 2 + (float(place.longitude) - centre_x) * math.cos(mid_lat) * scale
        y = height / 2 - (float(place.latitude) - centre_y) * scale
        points.append((x, y, place.name_en))
    for x, y, _label in points:
        draw.ellipse((x - 14, y - 14, x + 14, y + 14), fill="#b4451f", outline="#ffffff", width=4)
    placed = []
    for x, y, label in points:
        text_width = draw.textlength(label, font=label_font)
        tx = x + 22 if x + 22 + text_width < width - 10 else x - 22 - text_width
        ty = y
        # Move a label down until it no longer covers one already drawn.
        while any(
            tx < right and tx + text_width > left and ty - 22 < bottom and ty + 20 > top
            for left, top, right, bottom in placed
        ):
            ty += 42
        if ty != y:
            draw.line([(x, y), (tx - 8, ty)], fill="#7d8ea0", width=2)
        draw.rounded_rectangle((tx - 8, ty - 20, tx + text_width + 8, ty + 18), radius=8, fill="#ffffff")
        draw.text((tx, ty - 16), label, fill="#0b2741", font=label_font)
        placed.append((tx - 8, ty - 20, tx + text_width + 8, ty + 18))
    draw.rectangle((0, height - 8, width, height), fill="#123a5e")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def draw_round_table(seats, width=1200, height=800):
    """A PNG drawing of a round table seen from above with `seats` chairs."""
    image = Image.new("RGB", (width, height), "#f4f6f8")
    draw = ImageDraw.Draw(image)
    colours = ["#123a5e", "#b4451f", "#1f6b3a", "#f0b429", "#6c5b9b"]
    cx, cy, radius = width / 2, height / 2, 230
    for seat in range(seats):
        angle = 2 * math.pi * seat / seats
        x, y = cx + math.cos(angle) * (radius + 70), cy + math.sin(angle) * (radius + 70)
        draw.ellipse((x - 42, y - 42, x + 42, y + 42), fill=colours[seat % len(colours)])
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill="#c89f6e", outline="#8a6a43", width=8)
    for seat in range(seats):
        angle = 2 * math.pi * seat / seats
        x, y = cx + math.cos(angle) * (radius - 45), cy + math.sin(angle) * (radius - 45)
        draw.rectangle((x - 18, y - 12, x + 18, y + 12), fill="#ffffff")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _file_missing(field_file):
    return not field_file or not field_file.name or not field_file.storage.exists(field_file.name)


# --- Seeding ---------------------------------------------------------------------------------


def _sync_children(model, project, rows):
    """Upsert the project's ordered child rows; remove rows beyond the list."""
    objects = []
    for order, values in enumerate(rows, start=1):
        obj, _changed = upsert(model, {"project": project, "order": order}, values)
        objects.append(obj)
    model._base_manager.filter(project=project, order__gt=len(rows)).delete()
    return objects


def seed(stdout=None):
    from core.models import Status
    from partners.models import Organisation
    from projects.models import Activity, Document, GalleryImage, Objective, Place, Project, ProjectPartner

    topics = seed_topics()
    places = {}
    for key, kind, country, latitude, longitude, names in PLACES:
        places[key], _changed = upsert(
            Place,
            {"name_en": key},
            {
                **{f"name_{code}": names[code] for code in ("be", "sq")},
                "kind": kind,
                "country": country,
                "latitude": Decimal(latitude),
                "longitude": Decimal(longitude),
            },
        )
    organisations = {org.slug_en: org for org in Organisation.objects.all()}

    created = 0
    for data in PROJECTS:
        values = {
            **translated("title", data["title"]),
            **translated("summary", data["summary"]),
            **translated("description", data["description"]),
            **translated("contact_role", data["contact_role"]),
            "slug_sq": data["slug"]["sq"],
            "slug_be": data["slug"]["be"],
            "start_date": data["start"],
            "end_date": data["end"],
            "our_role": data["our_role"],
            "status": Status.PUBLISHED,
            "publish_at": data["publish_at"],
            "source_language": data["source_language"],
            "contact_name": data["contact_name"],
        }
        existed = Project._base_manager.filter(slug_en=data["key"]).exists()
        project, _changed = upsert(
            Project,
            {"slug_en": data["key"]},
            values,
            m2m={
                "places": [places[key] for key in data["places"]],
                "topics": [topics[key] for key in data["topics"]],
            },
        )
        created += not existed

        wanted_roles = set()
        for order, (org_key, role) in enumerate(data["roles"], start=1):
            organisation = organisations[org_key]
            upsert(ProjectPartner, {"project": project, "organisation": organisation, "role": role}, {"order": order})
            wanted_roles.add((organisation.pk, role))
        for partner_role in ProjectPartner.objects.filter(project=project):
            if (partner_role.organisation_id, partner_role.role) not in wanted_roles:
                partner_role.delete()

        _sync_children(Objective, project, [translated("text", text) for text in data["objectives"]])
        _sync_children(
            Activity,
            project,
            [
                {
                    **translated("title", activity["title"]),
                    **translated("place", activity["place"]),
                    **translated("description", activity["description"]),
                    "start_date": activity.get("start"),
                    "end_date": activity.get("end"),
                }
                for activity in data["activities"]
            ],
        )
        documents = _sync_children(
            Document,
            project,
            [
                {
                    **translated("title", document["title"]),
                    "language": document["language"],
                    "category": document["category"],
                    "published_on": document["published_on"],
                }
                for document in data["documents"]
            ],
        )
        for document, spec in zip(documents, data["documents"], strict=True):
            if _file_missing(document.file):
                document.file.save(spec["file"], ContentFile(build_report_pdf()), save=True)
        pictures = _sync_children(
            GalleryImage,
            project,
            [
                {**translated("caption", picture["caption"]), **translated("alt_text", picture["alt"]), "credit": ""}
                for picture in data["gallery"]
            ],
        )
        for picture, spec in zip(pictures, data["gallery"], strict=True):
            if _file_missing(picture.image):
                if "map" in spec:
                    content = draw_map([places[key] for key in spec["map"]])
                else:
                    content = draw_round_table(spec["table"])
                picture.image.save(spec["file"], ContentFile(content), save=True)

    if stdout is not None:
        stdout.write(f"Projects: {len(PROJECTS)} ({created} new), places: {len(PLACES)}.")
    return {data["key"]: Project.objects.get(slug_en=data["key"]) for data in PROJECTS}
