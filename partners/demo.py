"""Demo organisations: the ones named in the pages Ura is modelled on."""

from portal.demo import translated, upsert

# key (English slug), kind, country, website, acronyms {en, sq, be}, names {en, sq, be}, descriptions {en, sq, be}
ORGANISATIONS = [
    (
        "office-of-sviatlana-tsikhanouskaya", "government", "BY", "https://tsikhanouskaya.org",
        {},
        {"en": "Office of Sviatlana Tsikhanouskaya", "sq": "Zyra e Sviatlana Tsikhanouskajas", "be": "Офіс Святланы Ціханоўскай"},
        {
            "en": "The office of the leader of the Belarusian democratic forces, working in exile for a free and democratic Belarus.",
            "sq": "Zyra e udhëheqëses së forcave demokratike bjelloruse, që punon në mërgim për një Bjellorusi të lirë dhe demokratike.",
            "be": "Офіс лідаркі беларускіх дэмакратычных сілаў, які працуе ў выгнанні дзеля свабоднай і дэмакратычнай Беларусі.",
        },
    ),
    (
        "new-belarus", "ngo", "BY", "https://newbelarus.vision",
        {},
        {"en": "New Belarus digital platform", "sq": "Platforma digjitale “Bjellorusia e Re”", "be": "Лічбавая платформа «Новая Беларусь»"},
        {
            "en": "A digital platform that gives Belarusians abroad documents, services and a way to take part in public life.",
            "sq": "Platformë digjitale që u ofron bjellorusëve jashtë vendit dokumente, shërbime dhe mundësi pjesëmarrjeje në jetën publike.",
            "be": "Лічбавая платформа, якая дае беларусам за мяжой дакументы, паслугі і магчымасць удзельнічаць у грамадскім жыцці.",
        },
    ),
    (
        "office-of-the-president-of-kosovo", "government", "XK", "https://president-ksgov.net",
        {},
        {"en": "Office of the President of the Republic of Kosovo", "sq": "Zyra e Presidentes së Republikës së Kosovës", "be": "Офіс Прэзідэнта Рэспублікі Косава"},
        {
            "en": "The office of the head of state of Kosovo; it invited the Belarusian delegation to Prishtina in April 2025.",
            "sq": "Zyra e kreut të shtetit të Kosovës; ajo ftoi delegacionin bjellorus në Prishtinë në prill 2025.",
            "be": "Офіс кіраўніка дзяржавы Косава; менавіта ён запрасіў беларускую дэлегацыю ў Прышціну ў красавіку 2025 года.",
        },
    ),
    (
        "municipality-of-prishtina", "government", "XK", "https://prishtinaonline.com",
        {},
        {"en": "Municipality of Prishtina", "sq": "Komuna e Prishtinës", "be": "Муніцыпалітэт Прышціны"},
        {
            "en": "The local government of Kosovo's capital.",
            "sq": "Qeverisja vendore e kryeqytetit të Kosovës.",
            "be": "Мясцовае самакіраванне сталіцы Косава.",
        },
    ),
    (
        "ministry-of-internal-affairs-of-kosovo", "government", "XK", "https://mpb.rks-gov.net",
        {},
        {"en": "Ministry of Internal Affairs of Kosovo", "sq": "Ministria e Punëve të Brendshme e Kosovës", "be": "Міністэрства ўнутраных справаў Косава"},
        {
            "en": "The ministry responsible for civil registration, identity documents and public order in Kosovo.",
            "sq": "Ministria përgjegjëse për gjendjen civile, dokumentet e identifikimit dhe rendin publik në Kosovë.",
            "be": "Міністэрства, адказнае за рэгістрацыю насельніцтва, дакументы і грамадскі парадак у Косава.",
        },
    ),
    (
        "ministry-of-foreign-affairs-of-kosovo", "government", "XK", "https://mfa-ks.net",
        {},
        {"en": "Ministry of Foreign Affairs and Diaspora of Kosovo", "sq": "Ministria e Punëve të Jashtme dhe Diasporës e Kosovës", "be": "Міністэрства замежных справаў і дыяспары Косава"},
        {
            "en": "Kosovo's foreign ministry, also in charge of relations with the diaspora.",
            "sq": "Ministria e jashtme e Kosovës, e ngarkuar edhe me marrëdhëniet me diasporën.",
            "be": "Міністэрства замежных справаў Косава, якое адказвае і за сувязі з дыяспарай.",
        },
    ),
    (
        "kosovo-chamber-of-commerce", "business", "XK", "https://oek-kcc.org",
        {"en": "KCC", "sq": "OEK", "be": "KCC"},
        {"en": "Kosovo Chamber of Commerce", "sq": "Oda Ekonomike e Kosovës", "be": "Гандлёвая палата Косава"},
        {
            "en": "The association of Kosovo's businesses; it offered to host a visit of Belarusian business associations.",
            "sq": "Shoqata e bizneseve të Kosovës; ajo ofroi të presë një vizitë të shoqatave bjelloruse të biznesit.",
            "be": "Аб’яднанне бізнесу Косава; палата прапанавала прыняць візіт беларускіх бізнес-асацыяцый.",
        },
    ),
    (
        "germin", "ngo", "XK", "https://germin.org",
        {},
        {"en": "Germin", "sq": "Germin", "be": "Germin"},
        {
            "en": "A civic organisation that connects Kosovo with its diaspora.",
            "sq": "Organizatë qytetare që e lidh Kosovën me diasporën e saj.",
            "be": "Грамадская арганізацыя, якая звязвае Косава з яго дыяспарай.",
        },
    ),
    (
        "embassy-of-albania-in-kosovo", "government", "AL", "",
        {},
        {"en": "Embassy of Albania in Kosovo", "sq": "Ambasada e Shqipërisë në Kosovë", "be": "Амбасада Албаніі ў Косава"},
        {
            "en": "Albania's diplomatic mission in Prishtina.",
            "sq": "Misioni diplomatik i Shqipërisë në Prishtinë.",
            "be": "Дыпламатычнае прадстаўніцтва Албаніі ў Прышціне.",
        },
    ),
    (
        "balkan-trust-for-democracy", "donor", "RS", "https://www.gmfus.org/balkan-trust-democracy",
        {"en": "BTD", "sq": "BTD", "be": "BTD"},
        {"en": "Balkan Trust for Democracy", "sq": "Balkan Trust for Democracy", "be": "Балканскі фонд за дэмакратыю"},
        {
            "en": "A grant-making initiative of the German Marshall Fund that supports democracy and regional cooperation in the Balkans.",
            "sq": "Nismë grantdhënëse e Fondit Gjerman Marshall që mbështet demokracinë dhe bashkëpunimin rajonal në Ballkan.",
            "be": "Грантавая ініцыятыва Германскага фонду Маршала, якая падтрымлівае дэмакратыю і рэгіянальнае супрацоўніцтва на Балканах.",
        },
    ),
    (
        "german-marshall-fund", "donor", "US", "https://www.gmfus.org",
        {"en": "GMF", "sq": "GMF", "be": "GMF"},
        {"en": "German Marshall Fund of the United States", "sq": "Fondi Gjerman Marshall i Shteteve të Bashkuara", "be": "Германскі фонд Маршала ЗША"},
        {
            "en": "A transatlantic policy institute and grant-maker; the Balkan Trust for Democracy is one of its projects.",
            "sq": "Institut transatlantik politikash dhe grantdhënës; Balkan Trust for Democracy është një nga projektet e tij.",
            "be": "Трансатлантычны палітычны інстытут і грантадаўца; Балканскі фонд за дэмакратыю — адзін з яго праектаў.",
        },
    ),
    (
        "new-social-initiative", "ngo", "XK", "https://www.newsocialinitiative.org",
        {"en": "NSI", "sq": "NSI", "be": "NSI"},
        {"en": "New Social Initiative", "sq": "Iniciativa e Re Sociale", "be": "Новая сацыяльная ініцыятыва"},
        {
            "en": "A think tank in North Mitrovica working on interethnic relations and the integration of non-majority communities in Kosovo.",
            "sq": "Think tank në Mitrovicën e Veriut që punon për marrëdhëniet ndëretnike dhe integrimin e komuniteteve joshumicë në Kosovë.",
            "be": "Аналітычны цэнтр у Паўночнай Мітравіцы, які працуе над міжэтнічнымі адносінамі і інтэграцыяй супольнасцяў-меншасцяў у Косава.",
        },
    ),
    (
        "kosovar-centre-for-security-studies", "ngo", "XK", "https://www.qkss.org",
        {"en": "KCSS", "sq": "QKSS", "be": "KCSS"},
        {"en": "Kosovar Centre for Security Studies", "sq": "Qendra Kosovare për Studime të Sigurisë", "be": "Косаўскі цэнтр даследаванняў бяспекі"},
        {
            "en": "An independent think tank in Prishtina that researches security, rule of law and regional cooperation.",
            "sq": "Think tank i pavarur në Prishtinë që hulumton sigurinë, sundimin e ligjit dhe bashkëpunimin rajonal.",
            "be": "Незалежны аналітычны цэнтр у Прышціне, які даследуе бяспеку, вяршэнства права і рэгіянальнае супрацоўніцтва.",
        },
    ),
    (
        "partners-albania", "ngo", "AL", "https://partnersalbania.org",
        {"en": "PA", "sq": "PSH", "be": "PA"},
        {"en": "Partners Albania for Change and Development", "sq": "Partnerët Shqipëri për Ndryshim dhe Zhvillim", "be": "«Партнёры Албанія» за змены і развіццё"},
        {
            "en": "A Tirana-based organisation that strengthens civil society and serves as Albania's national resource centre for it.",
            "sq": "Organizatë me seli në Tiranë që forcon shoqërinë civile dhe shërben si qendra kombëtare burimore për të.",
            "be": "Арганізацыя з Тыраны, якая ўмацоўвае грамадзянскую супольнасць і служыць для яе нацыянальным рэсурсным цэнтрам.",
        },
    ),
    (
        "civic-initiatives", "ngo", "RS", "https://www.gradjanske.org",
        {},
        {"en": "Civic Initiatives", "sq": "Iniciativat Qytetare", "be": "Грамадзянскія ініцыятывы"},
        {
            "en": "A Belgrade organisation that promotes civic participation and an enabling environment for civil society in Serbia.",
            "sq": "Organizatë në Beograd që nxit pjesëmarrjen qytetare dhe një mjedis të favorshëm për shoqërinë civile në Serbi.",
            "be": "Белградская арганізацыя, якая спрыяе грамадзянскаму ўдзелу і спрыяльным умовам для грамадзянскай супольнасці ў Сербіі.",
        },
    ),
    (
        "kosovar-civil-society-foundation", "ngo", "XK", "https://www.kcsfoundation.org",
        {"en": "KCSF", "sq": "KCSF", "be": "KCSF"},
        {"en": "Kosovar Civil Society Foundation", "sq": "Fondacioni Kosovar për Shoqëri Civile", "be": "Косаўскі фонд грамадзянскай супольнасці"},
        {
            "en": "A foundation that supports and represents civil society in Kosovo.",
            "sq": "Fondacion që mbështet dhe përfaqëson shoqërinë civile në Kosovë.",
            "be": "Фонд, які падтрымлівае і прадстаўляе грамадзянскую супольнасць Косава.",
        },
    ),
    (
        "macedonian-center-for-international-cooperation", "ngo", "MK", "https://mcms.mk",
        {"en": "MCIC", "sq": "MCIC", "be": "MCIC"},
        {"en": "Macedonian Center for International Cooperation", "sq": "Qendra Maqedonase për Bashkëpunim Ndërkombëtar", "be": "Македонскі цэнтр міжнароднага супрацоўніцтва"},
        {
            "en": "A civil-society organisation in Skopje working on development, civic participation and regional cooperation.",
            "sq": "Organizatë e shoqërisë civile në Shkup që punon për zhvillimin, pjesëmarrjen qytetare dhe bashkëpunimin rajonal.",
            "be": "Грамадская арганізацыя ў Скоп’е, якая працуе над развіццём, грамадзянскім удзелам і рэгіянальным супрацоўніцтвам.",
        },
    ),
    (
        "centre-for-development-of-ngos", "ngo", "ME", "https://www.crnvo.me",
        {"en": "CRNVO", "sq": "CRNVO", "be": "CRNVO"},
        {"en": "Centre for Development of Non-Governmental Organisations", "sq": "Qendra për Zhvillimin e Organizatave Joqeveritare", "be": "Цэнтр развіцця недзяржаўных арганізацый"},
        {
            "en": "The resource centre for non-governmental organisations in Montenegro.",
            "sq": "Qendra burimore për organizatat joqeveritare në Mal të Zi.",
            "be": "Рэсурсны цэнтр недзяржаўных арганізацый Чарнагорыі.",
        },
    ),
    (
        "center-for-civic-initiatives", "ngo", "BA", "https://www.cci.ba",
        {"en": "CCI", "sq": "CCI", "be": "CCI"},
        {"en": "Center for Civic Initiatives", "sq": "Qendra për Nisma Qytetare", "be": "Цэнтр грамадзянскіх ініцыятыў"},
        {
            "en": "An organisation in Bosnia and Herzegovina that works for accountable government and active citizens.",
            "sq": "Organizatë në Bosnjë e Hercegovinë që punon për qeverisje llogaridhënëse dhe qytetarë aktivë.",
            "be": "Арганізацыя ў Босніі і Герцагавіне, якая працуе дзеля падсправаздачнай улады і актыўных грамадзян.",
        },
    ),
    (
        "open-society-foundations-western-balkans", "donor", "", "https://www.opensocietyfoundations.org",
        {"en": "OSF-WB", "sq": "OSF-BP", "be": "OSF-WB"},
        {"en": "Open Society Foundations – Western Balkans", "sq": "Fondacionet Open Society në Ballkanin Perëndimor", "be": "Фонды «Адкрытае грамадства» — Заходнія Балканы"},
        {
            "en": "The regional programme of the Open Society Foundations; it organised the 2023 Tirana Civil Society and Think Tank Forum.",
            "sq": "Programi rajonal i Fondacioneve Open Society; ai organizoi Forumin e Shoqërisë Civile dhe Think Tank të Tiranës 2023.",
            "be": "Рэгіянальная праграма Фондаў «Адкрытае грамадства»; яна арганізавала Форум грамадзянскай супольнасці і аналітычных цэнтраў у Тыране ў 2023 годзе.",
        },
    ),
    (
        "eliamep", "ngo", "GR", "https://www.eliamep.gr",
        {"en": "ELIAMEP", "sq": "ELIAMEP", "be": "ELIAMEP"},
        {"en": "Hellenic Foundation for European and Foreign Policy", "sq": "Fondacioni Helen për Politikën Evropiane dhe të Jashtme", "be": "Грэчаскі фонд еўрапейскай і знешняй палітыкі"},
        {
            "en": "An Athens think tank and implementing partner of the Civil Society and Think Tank Forum of the Berlin Process.",
            "sq": "Think tank në Athinë dhe partner zbatues i Forumit të Shoqërisë Civile dhe Think Tank të Procesit të Berlinit.",
            "be": "Афінскі аналітычны цэнтр, партнёр-выканаўца Форуму грамадзянскай супольнасці і аналітычных цэнтраў Берлінскага працэсу.",
        },
    ),
    (
        "cooperation-and-development-institute", "ngo", "AL", "https://cdinstitute.eu",
        {"en": "CDI", "sq": "CDI", "be": "CDI"},
        {"en": "Cooperation and Development Institute", "sq": "Instituti për Bashkëpunim dhe Zhvillim", "be": "Інстытут супрацоўніцтва і развіцця"},
        {
            "en": "A Tirana think tank working on regional cooperation and European integration of the Western Balkans.",
            "sq": "Think tank në Tiranë që punon për bashkëpunimin rajonal dhe integrimin evropian të Ballkanit Perëndimor.",
            "be": "Аналітычны цэнтр у Тыране, які працуе над рэгіянальным супрацоўніцтвам і еўрапейскай інтэграцыяй Заходніх Балкан.",
        },
    ),
    (
        "government-of-albania", "government", "AL", "https://www.kryeministria.al",
        {},
        {"en": "Government of Albania", "sq": "Qeveria e Shqipërisë", "be": "Урад Албаніі"},
        {
            "en": "Holder of the Berlin Process presidency and host of its 2023 summit in Tirana.",
            "sq": "Mbajtëse e presidencës së Procesit të Berlinit dhe mikpritëse e samitit të tij të vitit 2023 në Tiranë.",
            "be": "Старшыня Берлінскага працэсу і гаспадар яго саміту 2023 года ў Тыране.",
        },
    ),
    (
        "coordination-body-for-presevo-bujanovac-and-medveda", "government", "RS", "https://www.kt.gov.rs",
        {},
        {"en": "Coordination Body for Preševo, Bujanovac and Medveđa", "sq": "Trupi Koordinues për Preshevën, Bujanocin dhe Medvegjën", "be": "Каардынацыйны орган для Прэшава, Буянаваца і Мядзведжы"},
        {
            "en": "A body of the Government of Serbia that coordinates development and dialogue in the three municipalities of southern Serbia.",
            "sq": "Organ i Qeverisë së Serbisë që bashkërendon zhvillimin dhe dialogun në tri komunat e jugut të Serbisë.",
            "be": "Орган Урада Сербіі, які каардынуе развіццё і дыялог у трох муніцыпалітэтах поўдня Сербіі.",
        },
    ),
    (
        "government-of-serbia", "government", "RS", "https://www.srbija.gov.rs",
        {},
        {"en": "Government of the Republic of Serbia", "sq": "Qeveria e Republikës së Serbisë", "be": "Урад Рэспублікі Сербія"},
        {
            "en": "The national government of Serbia.",
            "sq": "Qeveria kombëtare e Serbisë.",
            "be": "Нацыянальны ўрад Сербіі.",
        },
    ),
    (
        "municipality-of-presevo", "government", "RS", "",
        {},
        {"en": "Municipality of Preševo", "sq": "Komuna e Preshevës", "be": "Муніцыпалітэт Прэшава"},
        {"en": "A municipality in southern Serbia.", "sq": "Komunë në jug të Serbisë.", "be": "Муніцыпалітэт на поўдні Сербіі."},
    ),
    (
        "municipality-of-bujanovac", "government", "RS", "",
        {},
        {"en": "Municipality of Bujanovac", "sq": "Komuna e Bujanocit", "be": "Муніцыпалітэт Буянавац"},
        {"en": "A municipality in southern Serbia.", "sq": "Komunë në jug të Serbisë.", "be": "Муніцыпалітэт на поўдні Сербіі."},
    ),
    (
        "municipality-of-medveda", "government", "RS", "",
        {},
        {"en": "Municipality of Medveđa", "sq": "Komuna e Medvegjës", "be": "Муніцыпалітэт Мядзведжа"},
        {"en": "A municipality in southern Serbia.", "sq": "Komunë në jug të Serbisë.", "be": "Муніцыпалітэт на поўдні Сербіі."},
    ),
    (
        "united-nations-development-programme", "international", "", "https://www.undp.org",
        {"en": "UNDP", "sq": "UNDP", "be": "ПРААН"},
        {"en": "United Nations Development Programme", "sq": "Programi i Kombeve të Bashkuara për Zhvillim", "be": "Праграма развіцця ААН"},
        {
            "en": "The UN's development agency; it ran the MIR 1, MIR 2 and PBILD programmes in southern Serbia.",
            "sq": "Agjencia zhvillimore e OKB-së; ajo zbatoi programet MIR 1, MIR 2 dhe PBILD në jug të Serbisë.",
            "be": "Агенцтва ААН па развіцці; яно ажыццяўляла праграмы MIR 1, MIR 2 і PBILD на поўдні Сербіі.",
        },
    ),
    (
        "european-union", "international", "", "https://european-union.europa.eu",
        {"en": "EU", "sq": "BE", "be": "ЕС"},
        {"en": "European Union", "sq": "Bashkimi Evropian", "be": "Еўрапейскі саюз"},
        {
            "en": "Funder of the EU PROGRES development programme in southern and south-western Serbia.",
            "sq": "Financuesi i programit zhvillimor EU PROGRES në jug dhe jugperëndim të Serbisë.",
            "be": "Фундатар праграмы развіцця EU PROGRES на поўдні і паўднёвым захадзе Сербіі.",
        },
    ),
    (
        "osce-mission-to-serbia", "international", "RS", "https://www.osce.org/mission-to-serbia",
        {"en": "OSCE", "sq": "OSBE", "be": "АБСЕ"},
        {"en": "OSCE Mission to Serbia", "sq": "Misioni i OSBE-së në Serbi", "be": "Місія АБСЕ ў Сербіі"},
        {
            "en": "Through its office in Bujanovac it coordinates part of the international community's work in Preševo, Bujanovac and Medveđa.",
            "sq": "Përmes zyrës në Bujanoc bashkërendon një pjesë të punës së bashkësisë ndërkombëtare në Preshevë, Bujanoc dhe Medvegjë.",
            "be": "Праз свой офіс у Буянавацы каардынуе частку працы міжнароднай супольнасці ў Прэшаве, Буянавацы і Мядзведжы.",
        },
    ),
]


def seed(stdout=None):
    from partners.models import Organisation
    from portal.text import slugify_any

    organisations = {}
    for key, kind, country, website, acronyms, names, descriptions in ORGANISATIONS:
        values = {
            **translated("name", names),
            **translated("acronym", acronyms),
            **translated("description", {code: f"<p>{text}</p>" for code, text in descriptions.items()}),
            "slug_sq": slugify_any(names["sq"]),
            "slug_be": slugify_any(names["be"]),
            "kind": kind,
            "country": country,
            "website": website,
        }
        organisations[key], _changed = upsert(Organisation, {"slug_en": key}, values)
    return organisations
