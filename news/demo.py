"""Demo news: the Prishtina visit of April 2025 and the work around the
projects and organisations the other demo modules create.

Facts come from the seed pages (dates, places, names, roles); the sentences
are our own. Items are found by their English slug, so a second run changes
nothing. A few items get a hero picture drawn here with Pillow (abstract
shapes, no photographs and nothing downloaded).
"""

import datetime
import io
import random

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFilter

from core.richtext import sanitize_html
from portal.demo import TOPICS, published_at, seed_topics, translated, upsert

PEACEBUILDING = "grassroots-peacebuilding-and-interethnic-cooperation-in-kosovo"
REGIONAL = "regional-cooperation-and-responsive-policies-in-times-of-crisis"
SECURITY = "security-consensus-in-the-western-balkans"
COORDINATION = "international-cooperation-in-presevo-bujanovac-and-medveda"

# Palettes for the drawn pictures: background, then shapes.
PALETTES = {
    "prishtina": ("#123a5e", "#f3c677", "#c8102e", "#ffffff", "#2f6f9f"),
    "focus": ("#1f4d3a", "#f0b429", "#8fd3b6", "#ffffff", "#2e8062"),
    "forum": ("#3b2a5a", "#f28f3b", "#f6d8ae", "#ffffff", "#6c5b9b"),
    "conference": ("#0b2741", "#e4572e", "#76b041", "#ffffff", "#17bebb"),
    "osce": ("#22313f", "#4fa3d1", "#f7c548", "#ffffff", "#9ac1d9"),
}

ITEMS = [
    {
        "slug": "belarusian-democratic-forces-in-prishtina-cooperation-with-kosovo",
        "kind": "visit",
        "date": datetime.date(2025, 4, 16),
        "source_language": "be",
        "organisations": [
            "office-of-sviatlana-tsikhanouskaya",
            "new-belarus",
            "office-of-the-president-of-kosovo",
            "municipality-of-prishtina",
            "ministry-of-internal-affairs-of-kosovo",
            "ministry-of-foreign-affairs-of-kosovo",
            "kosovo-chamber-of-commerce",
            "germin",
            "embassy-of-albania-in-kosovo",
        ],
        "topics": ["democracy", "diaspora", "media-freedom", "security"],
        "picture": "prishtina",
        "image_credit": "Ura",
        "place": {"en": "Prishtina, Kosovo", "sq": "Prishtinë, Kosovë", "be": "Прышціна, Косава"},
        "title": {
            "en": "Belarusian democratic forces in Prishtina: cooperation with the Republic of Kosovo",
            "sq": "Forcat demokratike bjelloruse në Prishtinë: bashkëpunim me Republikën e Kosovës",
            "be": "Беларускія дэмакратычныя сілы ў Прышціне: супрацоўніцтва з Рэспублікай Косава",
        },
        "lead": {
            "en": "At the invitation of the Office of the President, a delegation of Belarus's democratic forces spent two days in Kosovo's capital, meeting state institutions, the city, business and the diaspora network Germin.",
            "sq": "Me ftesë të Zyrës së Presidentes, një delegacion i forcave demokratike të Bjellorusisë kaloi dy ditë në kryeqytetin e Kosovës, ku u takua me institucionet shtetërore, komunën, bizneset dhe rrjetin e diasporës Germin.",
            "be": "Па запрашэнні Офіса Прэзідэнта дэлегацыя дэмакратычных сілаў Беларусі правяла два дні ў сталіцы Косава і сустрэлася з дзяржаўнымі інстытуцыямі, гарадскімі ўладамі, бізнесам і дыяспарнай сеткай Germin.",
        },
        "body": {
            "en": (
                "<p>The Belarusian side was represented by Franak Viačorka, chief adviser to Sviatlana Tsikhanouskaya; "
                "Dzianis Kuchynski, adviser on diplomatic affairs; and Anatol Liabedzka, adviser on parliamentary "
                "cooperation. Pavel Liber, founder of the New Belarus digital platform, joined them.</p>"
                "<h2>Why the delegation came</h2>"
                "<ul><li>to strengthen cooperation between democratic Belarus and the Republic of Kosovo;</li>"
                "<li>to learn from Kosovo's experience of legalising residents and documents;</li>"
                "<li>to use digital tools to stay in touch with the diaspora;</li>"
                "<li>to support independent journalists;</li>"
                "<li>to promote the project of a new Belarusian passport.</li></ul>"
                "<h2>Who they met</h2>"
                "<ul><li>Learta Hollaj, head of the Office of the President of Kosovo;</li>"
                "<li>Florian Dushi, deputy mayor of Prishtina;</li>"
                "<li>officials of the Ministry of Internal Affairs and of the Ministry of Foreign Affairs;</li>"
                "<li>the president of the Kosovo Chamber of Commerce;</li>"
                "<li>Germin, an organisation that works with the Kosovar diaspora;</li>"
                "<li>the Ambassador of Albania to Kosovo.</li></ul>"
                "<h2>What was discussed</h2>"
                "<p><strong>Journalists and bloggers.</strong> Kosovo is ready to host Belarusian journalists and give "
                "them the conditions to keep working, following the programme it already runs for Ukrainian reporters.</p>"
                "<p><strong>Parliaments.</strong> The partners talked about a cross-party group “For a democratic "
                "Belarus” in the Assembly of Kosovo and a possible cooperation agreement with Belarusian democratic "
                "institutions.</p>"
                "<p><strong>Humanitarian demining.</strong> Belarusian volunteers could be trained in Kosovo in "
                "humanitarian security and demining, to take part in future peace missions in Ukraine.</p>"
                "<p><strong>A new Belarusian passport.</strong> Both sides agreed to hold consultations: Kosovo once "
                "issued passports to citizens who had no documents, and those passports are now recognised by most "
                "countries.</p>"
                "<p><strong>IT and business.</strong> The Kosovo Chamber of Commerce offered to host Belarusian business "
                "associations and private companies looking at cooperation and relocation.</p>"
                "<p><strong>The diaspora.</strong> Kosovo has built a strong system of work with its diaspora and is "
                "willing to share its tools; New Belarus presented how it reaches Belarusians abroad.</p>"
                "<blockquote>Kosovo's independence is recognised by about 120 countries, most EU members among them. "
                "Kosovo speaks up for the democratic forces of Belarus and for Ukraine, condemns the regimes of "
                "Lukashenka and Putin and stands for European integration.</blockquote>"
            ),
            "sq": (
                "<p>Nga pala bjelloruse morën pjesë Franak Viaçorka, këshilltari kryesor i Sviatlana Tsikhanouskajas; "
                "Dzianis Kuçinski, këshilltar për çështje diplomatike; dhe Anatol Liabedzka, këshilltar për "
                "bashkëpunimin parlamentar. Atyre iu bashkua Pavel Liber, themelues i platformës digjitale "
                "“Bjellorusia e Re”.</p>"
                "<h2>Qëllimet e vizitës</h2>"
                "<ul><li>forcimi i bashkëpunimit ndërmjet Bjellorusisë demokratike dhe Republikës së Kosovës;</li>"
                "<li>shkëmbimi i përvojës në legalizimin e banorëve dhe të dokumenteve;</li>"
                "<li>përdorimi i mjeteve digjitale për komunikim me diasporën;</li>"
                "<li>mbështetja e gazetarëve të pavarur;</li>"
                "<li>promovimi i projektit të pasaportës së re bjelloruse.</li></ul>"
                "<h2>Me kë u takuan</h2>"
                "<ul><li>Learta Hollaj, shefe e Zyrës së Presidentes së Kosovës;</li>"
                "<li>Florian Dushi, nënkryetar i Prishtinës;</li>"
                "<li>përfaqësues të Ministrisë së Punëve të Brendshme dhe të Ministrisë së Punëve të Jashtme;</li>"
                "<li>kryetari i Odës Ekonomike të Kosovës;</li>"
                "<li>Germin, organizatë që punon me diasporën kosovare;</li>"
                "<li>ambasadori i Shqipërisë në Kosovë.</li></ul>"
                "<h2>Çfarë u diskutua</h2>"
                "<p><strong>Gazetarët dhe blogerët.</strong> Kosova është e gatshme të presë gazetarë bjellorusë dhe "
                "t’u krijojë kushte pune, sipas shembullit të programit që tashmë ofron për gazetarët ukrainas.</p>"
                "<p><strong>Parlamentet.</strong> U fol për krijimin e një grupi ndërpartiak “Për një Bjellorusi "
                "demokratike” në Kuvendin e Kosovës dhe për një marrëveshje të mundshme bashkëpunimi me strukturat "
                "demokratike bjelloruse.</p>"
                "<p><strong>Çminimi humanitar.</strong> Vullnetarë bjellorusë mund të trajnohen në Kosovë për sigurinë "
                "humanitare dhe çminimin, për të marrë pjesë në misione të ardhshme paqeruajtëse në Ukrainë.</p>"
                "<p><strong>Pasaporta e re bjelloruse.</strong> Palët ranë dakord të mbajnë konsultime: Kosova ka "
                "lëshuar dikur pasaporta për qytetarë pa dokumente, të cilat sot njihen nga shumica e vendeve.</p>"
                "<p><strong>IT dhe biznesi.</strong> Oda Ekonomike e Kosovës ofroi të presë shoqata biznesi dhe "
                "kompani private bjelloruse që kërkojnë mundësi bashkëpunimi dhe zhvendosjeje.</p>"
                "<p><strong>Diaspora.</strong> Kosova ka një sistem të zhvilluar pune me diasporën dhe është e gatshme "
                "të ndajë mjetet e saj; “Bjellorusia e Re” tregoi si i angazhon bjellorusët jashtë vendit.</p>"
                "<blockquote>Pavarësinë e Kosovës e njohin rreth 120 vende, mes tyre shumica e shteteve të BE-së. "
                "Kosova mbështet forcat demokratike të Bjellorusisë dhe Ukrainën, dënon regjimet e Lukashenkës dhe "
                "Putinit dhe mbron integrimin evropian.</blockquote>"
            ),
            "be": (
                "<p>З беларускага боку ў візіце ўдзельнічалі галоўны дарадца Святланы Ціханоўскай Франак Вячорка, "
                "дарадца па дыпламатычных пытаннях Дзяніс Кучынскі і дарадца па парламенцкім супрацоўніцтве Анатоль "
                "Лябедзька. Да іх далучыўся Павел Лібер, заснавальнік лічбавай платформы «Новая Беларусь».</p>"
                "<h2>Навошта прыехала дэлегацыя</h2>"
                "<ul><li>умацаваць супрацоўніцтва паміж дэмакратычнай Беларуссю і Рэспублікай Косава;</li>"
                "<li>пераняць досвед Косава ў легалізацыі жыхароў і дакументаў;</li>"
                "<li>выкарыстоўваць лічбавыя інструменты для сувязі з дыяспарай;</li>"
                "<li>падтрымаць незалежных журналістаў;</li>"
                "<li>прасоўваць праект новага беларускага пашпарта.</li></ul>"
                "<h2>З кім сустрэліся</h2>"
                "<ul><li>з кіраўніцай Офіса Прэзідэнта Косава Леартай Холлай;</li>"
                "<li>з віцэ-мэрам Прышціны Фларыянам Душы;</li>"
                "<li>з прадстаўнікамі Міністэрства ўнутраных справаў і Міністэрства замежных справаў;</li>"
                "<li>з прэзідэнтам Гандлёвай палаты Косава;</li>"
                "<li>з арганізацыяй Germin, якая працуе з косаўскай дыяспарай;</li>"
                "<li>з амбасадарам Албаніі ў Косава.</li></ul>"
                "<h2>Што абмеркавалі</h2>"
                "<p><strong>Журналісты і блогеры.</strong> Косава гатовае прымаць беларускіх журналістаў і ствараць "
                "ім умовы для працы — паводле прыкладу праграмы, якая ўжо дзейнічае для ўкраінскіх рэпарцёраў.</p>"
                "<p><strong>Парламенты.</strong> Гаварылі пра міжпартыйную групу «За дэмакратычную Беларусь» у "
                "Асамблеі Косава і пра магчымае пагадненне аб супрацоўніцтве з беларускімі дэмакратычнымі "
                "структурамі.</p>"
                "<p><strong>Гуманітарнае размініраванне.</strong> Беларускія добраахвотнікі змогуць прайсці ў Косава "
                "навучанне па гуманітарнай бяспецы і размініраванні, каб удзельнічаць у будучых міратворчых місіях "
                "ва Украіне.</p>"
                "<p><strong>Новы беларускі пашпарт.</strong> Бакі дамовіліся пра кансультацыі: Косава ўжо выдавала "
                "пашпарты грамадзянам без дакументаў, і сёння іх прызнае большасць краін свету.</p>"
                "<p><strong>ІТ і бізнес.</strong> Гандлёвая палата Косава прапанавала прыняць беларускія "
                "бізнес-асацыяцыі і прыватныя кампаніі, якія шукаюць магчымасці супрацоўніцтва і рэлакацыі.</p>"
                "<p><strong>Дыяспара.</strong> Косава мае развітую сістэму працы з дыяспарай і гатовае падзяліцца "
                "сваімі інструментамі; «Новая Беларусь» расказала, як яна ангажуе беларусаў за мяжой.</p>"
                "<blockquote>Незалежнасць Косава прызналі каля 120 краін, сярод іх большасць дзяржаў ЕС. Косава "
                "падтрымлівае дэмакратычныя сілы Беларусі і Украіну, асуджае рэжымы Лукашэнкі і Пуціна і выступае "
                "за еўрапейскую інтэграцыю.</blockquote>"
            ),
        },
        "image_alt": {
            "en": "Abstract drawing in blue, gold and red: arches of a bridge over a river at dusk.",
            "sq": "Vizatim abstrakt në blu, ar dhe të kuqe: harqet e një ure mbi lumë në muzg.",
            "be": "Абстрактны малюнак у сініх, залатых і чырвоных колерах: аркі моста над ракой увечары.",
        },
        "image_caption": {
            "en": "Two days of meetings in Prishtina, 15–16 April 2025.",
            "sq": "Dy ditë takimesh në Prishtinë, 15–16 prill 2025.",
            "be": "Два дні сустрэч у Прышціне, 15–16 красавіка 2025 года.",
        },
    },
    {
        "slug": "kosovo-ready-to-host-belarusian-journalists-and-bloggers",
        "kind": "statement",
        "date": datetime.date(2025, 4, 18),
        "source_language": "en",
        "organisations": ["office-of-the-president-of-kosovo", "office-of-sviatlana-tsikhanouskaya"],
        "topics": ["media-freedom", "democracy"],
        "place": {"en": "Vilnius and Prishtina", "sq": "Vilnius dhe Prishtinë", "be": "Вільня і Прышціна"},
        "title": {
            "en": "Kosovo ready to host Belarusian journalists and bloggers",
            "sq": "Kosova e gatshme të presë gazetarë dhe blogerë bjellorusë",
            "be": "Косава гатовае прыняць беларускіх журналістаў і блогераў",
        },
        "lead": {
            "en": "After the Prishtina talks, the Office of Sviatlana Tsikhanouskaya welcomed Kosovo's offer to give exiled Belarusian media workers a place to live and work.",
            "sq": "Pas bisedimeve në Prishtinë, Zyra e Sviatlana Tsikhanouskajas përshëndeti ofertën e Kosovës për t’u dhënë punonjësve të medias bjelloruse në mërgim një vend për të jetuar dhe punuar.",
            "be": "Пасля перамоваў у Прышціне Офіс Святланы Ціханоўскай вітаў прапанову Косава даць беларускім медыйшчыкам у выгнанні месца для жыцця і працы.",
        },
        "body": {
            "en": (
                "<p>Kosovo already runs a programme for Ukrainian journalists. The same model could now open to "
                "Belarusian reporters and bloggers who cannot work safely at home: a residence permit, a place to "
                "work and contacts with local media.</p>"
                "<p>The next step is to agree on the practical details with the Office of the President and to "
                "tell Belarusian newsrooms in exile how to apply.</p>"
            ),
            "sq": (
                "<p>Kosova tashmë ka një program për gazetarët ukrainas. I njëjti model tani mund t’u hapet edhe "
                "gazetarëve dhe blogerëve bjellorusë që nuk mund të punojnë të sigurt në vendin e tyre: leje "
                "qëndrimi, vend pune dhe lidhje me mediat vendore.</p>"
                "<p>Hapi i radhës është të merren vesh detajet praktike me Zyrën e Presidentes dhe t’u tregohet "
                "redaksive bjelloruse në mërgim si të aplikojnë.</p>"
            ),
            "be": (
                "<p>Косава ўжо мае праграму для ўкраінскіх журналістаў. Тая ж мадэль можа адкрыцца для беларускіх "
                "рэпарцёраў і блогераў, якія не могуць бяспечна працаваць дома: дазвол на жыхарства, месца для "
                "працы і кантакты з мясцовымі медыямі.</p>"
                "<p>Наступны крок — дамовіцца пра практычныя дэталі з Офісам Прэзідэнта і расказаць беларускім "
                "рэдакцыям у выгнанні, як падаць заяўку.</p>"
            ),
        },
    },
    {
        "slug": "consultations-on-the-new-belarusian-passport",
        "kind": "announcement",
        "date": datetime.date(2025, 4, 24),
        "source_language": "en",
        "organisations": [
            "new-belarus",
            "ministry-of-internal-affairs-of-kosovo",
            "office-of-sviatlana-tsikhanouskaya",
        ],
        "topics": ["diaspora", "democracy"],
        "title": {
            "en": "Consultations on the new Belarusian passport",
            "sq": "Konsultime për pasaportën e re bjelloruse",
            "be": "Кансультацыі па новым беларускім пашпарце",
        },
        "lead": {
            "en": "Kosovo's experience of issuing passports to people without documents will feed into the project of a passport for Belarusians abroad.",
            "sq": "Përvoja e Kosovës me lëshimin e pasaportave për njerëz pa dokumente do t’i shërbejë projektit të pasaportës për bjellorusët jashtë vendit.",
            "be": "Досвед Косава ў выдачы пашпартоў людзям без дакументаў паслужыць праекту пашпарта для беларусаў за мяжой.",
        },
        "body": {
            "en": (
                "<p>Many Belarusians abroad can no longer renew their passports at consulates. The New Belarus "
                "platform is developing a new document, and the Prishtina talks showed that Kosovo faced a similar "
                "task and solved it: its passports, once issued to citizens with no papers, are now accepted by most "
                "countries.</p><p>Experts of both sides will meet to compare the legal and technical steps.</p>"
            ),
            "sq": (
                "<p>Shumë bjellorusë jashtë vendit nuk mund t’i rinovojnë më pasaportat në konsullata. Platforma "
                "“Bjellorusia e Re” po përgatit një dokument të ri, dhe bisedimet në Prishtinë treguan se Kosova u "
                "përball me një detyrë të ngjashme dhe e zgjidhi: pasaportat e saj, të lëshuara dikur për qytetarë pa "
                "letra, sot pranohen nga shumica e vendeve.</p><p>Ekspertët e të dyja palëve do të takohen për të "
                "krahasuar hapat ligjorë dhe teknikë.</p>"
            ),
            "be": (
                "<p>Шмат беларусаў за мяжой больш не могуць абнавіць пашпарт у консульствах. Платформа «Новая "
                "Беларусь» распрацоўвае новы дакумент, а перамовы ў Прышціне паказалі, што Косава мела падобную "
                "задачу і вырашыла яе: яго пашпарты, калісьці выдадзеныя грамадзянам без дакументаў, сёння "
                "прымае большасць краін.</p><p>Эксперты абодвух бакоў сустрэнуцца, каб параўнаць юрыдычныя і "
                "тэхнічныя крокі.</p>"
            ),
        },
    },
    {
        "slug": "kosovo-chamber-of-commerce-invites-belarusian-business",
        "kind": "announcement",
        "date": datetime.date(2025, 5, 6),
        "source_language": "en",
        "organisations": ["kosovo-chamber-of-commerce", "new-belarus"],
        "topics": ["diaspora", "regional-cooperation"],
        "place": {"en": "Prishtina", "sq": "Prishtinë", "be": "Прышціна"},
        "title": {
            "en": "Kosovo Chamber of Commerce invites Belarusian IT and business associations",
            "sq": "Oda Ekonomike e Kosovës fton shoqatat bjelloruse të IT-së dhe biznesit",
            "be": "Гандлёвая палата Косава запрашае беларускія ІТ- і бізнес-асацыяцыі",
        },
        "lead": {
            "en": "A study visit for Belarusian companies, especially in IT, is being prepared to look at cooperation and relocation.",
            "sq": "Po përgatitet një vizitë studimore për kompanitë bjelloruse, sidomos në IT, për të parë mundësitë e bashkëpunimit dhe të zhvendosjes.",
            "be": "Рыхтуецца азнаямленчы візіт беларускіх кампаній, асабліва з ІТ-сектара, каб вывучыць магчымасці супрацоўніцтва і рэлакацыі.",
        },
        "body": {
            "en": "<p>Associations interested in the visit can write to us; we will pass the contacts on to the Chamber.</p>",
            "sq": "<p>Shoqatat e interesuara për vizitën mund të na shkruajnë; kontaktet do t’ia përcjellim Odës.</p>",
            "be": "<p>Асацыяцыі, якім цікавы візіт, могуць напісаць нам — мы перададзім кантакты палаце.</p>",
        },
    },
    {
        "slug": "grassroots-peacebuilding-project-starts-in-kosovo",
        "kind": "announcement",
        "date": datetime.date(2024, 5, 14),
        "source_language": "sq",
        "organisations": ["new-social-initiative", "kosovar-centre-for-security-studies", "balkan-trust-for-democracy"],
        "topics": ["interethnic-cooperation", "civil-society"],
        "projects": [PEACEBUILDING],
        "place": {"en": "Prishtina", "sq": "Prishtinë", "be": "Прышціна"},
        "title": {
            "en": "Grassroots peacebuilding project starts in Kosovo",
            "sq": "Nis projekti për ndërtimin e paqes në bazë në Kosovë",
            "be": "У Косава пачынаецца праект нізавой міратворчасці",
        },
        "lead": {
            "en": "For eight months, from May to December 2024, New Social Initiative and the Kosovar Centre for Security Studies will work with communities on interethnic cooperation, with support from the Balkan Trust for Democracy.",
            "sq": "Për tetë muaj, nga maji deri në dhjetor 2024, Iniciativa e Re Sociale dhe Qendra Kosovare për Studime të Sigurisë do të punojnë me komunitetet për bashkëpunimin ndëretnik, me mbështetjen e Balkan Trust for Democracy.",
            "be": "Восем месяцаў, з траўня па снежань 2024 года, «Новая сацыяльная ініцыятыва» і Косаўскі цэнтр даследаванняў бяспекі будуць працаваць з супольнасцямі дзеля міжэтнічнага супрацоўніцтва пры падтрымцы Balkan Trust for Democracy.",
        },
        "body": {
            "en": (
                "<p>New Social Initiative leads the project; the Kosovar Centre for Security Studies is its partner. "
                "The work starts with focus groups and a review of documents, continues with a report and five public "
                "events in multiethnic municipalities, and ends with a closing conference.</p>"
            ),
            "sq": (
                "<p>Projektin e drejton Iniciativa e Re Sociale, ndërsa QKSS është partnere. Puna nis me fokus grupe "
                "dhe analizë dokumentesh, vazhdon me një raport dhe pesë ngjarje publike në komuna multietnike dhe "
                "përmbyllet me një konferencë.</p>"
            ),
            "be": (
                "<p>Праект вядзе «Новая сацыяльная ініцыятыва», Косаўскі цэнтр даследаванняў бяспекі — партнёр. "
                "Праца пачынаецца з фокус-груп і аналізу дакументаў, працягваецца справаздачай і пяццю публічнымі "
                "сустрэчамі ў шматэтнічных муніцыпалітэтах і завяршаецца выніковай канферэнцыяй.</p>"
            ),
        },
    },
    {
        "slug": "focus-groups-in-mitrovica-and-prishtina-gracanica",
        "kind": "meeting",
        "date": datetime.date(2024, 6, 20),
        "source_language": "sq",
        "organisations": ["kosovar-centre-for-security-studies", "new-social-initiative"],
        "topics": ["interethnic-cooperation", "security"],
        "projects": [PEACEBUILDING],
        "picture": "focus",
        "image_credit": "QKSS",
        "place": {
            "en": "Mitrovica North and South; Prishtina and Gračanica",
            "sq": "Mitrovicë e Veriut dhe e Jugut; Prishtinë dhe Graçanicë",
            "be": "Паўночная і Паўднёвая Мітравіца; Прышціна і Грачаніца",
        },
        "title": {
            "en": "Focus groups in Mitrovica and Prishtina/Gračanica",
            "sq": "Fokus grupe në Mitrovicë dhe Prishtinë/Graçanicë",
            "be": "Фокус-групы ў Мітравіцы і Прышціне/Грачаніцы",
        },
        "lead": {
            "en": "Residents of different communities told us how relations between them look today and what helps them live and work together.",
            "sq": "Banorë nga komunitete të ndryshme na treguan si duken sot marrëdhëniet mes tyre dhe çfarë i ndihmon të jetojnë e të punojnë bashkë.",
            "be": "Жыхары розных супольнасцяў расказалі, якія сёння адносіны паміж імі і што дапамагае ім жыць і працаваць разам.",
        },
        "body": {
            "en": (
                "<p>The focus groups are the first step of the project: they show the current state of interethnic "
                "relations and point to the mechanisms that work. Together with a review of existing documents, "
                "they will form the basis of the report.</p>"
                "<ul><li>What divides communities in everyday life?</li><li>Which local institutions do people "
                "trust?</li><li>Where do young people from different communities meet?</li></ul>"
            ),
            "sq": (
                "<p>Fokus grupet janë hapi i parë i projektit: ato tregojnë gjendjen aktuale të marrëdhënieve "
                "ndëretnike dhe mekanizmat që funksionojnë. Bashkë me analizën e dokumenteve ekzistuese, ato do "
                "të jenë baza e raportit.</p>"
                "<ul><li>Çfarë i ndan komunitetet në jetën e përditshme?</li><li>Cilave institucione lokale u "
                "besojnë njerëzit?</li><li>Ku takohen të rinjtë e komuniteteve të ndryshme?</li></ul>"
            ),
            "be": (
                "<p>Фокус-групы — першы крок праекта: яны паказваюць сённяшні стан міжэтнічных адносін і "
                "механізмы, якія працуюць. Разам з аналізам наяўных дакументаў яны стануць асновай справаздачы.</p>"
                "<ul><li>Што падзяляе супольнасці ў штодзённым жыцці?</li><li>Якім мясцовым інстытуцыям давяраюць "
                "людзі?</li><li>Дзе сустракаецца моладзь розных супольнасцяў?</li></ul>"
            ),
        },
        "image_alt": {
            "en": "Abstract drawing in green and gold: overlapping circles, like people around a table.",
            "sq": "Vizatim abstrakt në të gjelbër dhe ar: rrathë që mbivendosen, si njerëz rreth një tryeze.",
            "be": "Абстрактны малюнак у зялёных і залатых колерах: кругі, што перакрываюцца, як людзі вакол стала.",
        },
        "image_caption": {
            "en": "Focus groups brought together residents of several communities.",
            "sq": "Fokus grupet mblodhën banorë nga disa komunitete.",
            "be": "Фокус-групы сабралі жыхароў некалькіх супольнасцяў.",
        },
    },
    {
        "slug": "report-on-interethnic-cooperation-in-kosovo",
        "kind": "publication",
        "date": datetime.date(2024, 9, 12),
        "source_language": "sq",
        "organisations": ["kosovar-centre-for-security-studies", "new-social-initiative"],
        "topics": ["interethnic-cooperation", "civil-society"],
        "projects": [PEACEBUILDING],
        "title": {
            "en": "Report: the state of interethnic cooperation and peacebuilding in Kosovo",
            "sq": "Raport: gjendja e bashkëpunimit ndëretnik dhe e ndërtimit të paqes në Kosovë",
            "be": "Справаздача: стан міжэтнічнага супрацоўніцтва і міратворчасці ў Косава",
        },
        "lead": {
            "en": "The findings of the focus groups and the document review are now published.",
            "sq": "Gjetjet e fokus grupeve dhe të analizës së dokumenteve tashmë janë publikuar.",
            "be": "Вынікі фокус-груп і аналізу дакументаў апублікаваныя.",
        },
        "body": {
            "en": "<p>The report describes the main findings on interethnic cooperation, peacebuilding and the integration of non-majority communities, and it sets the agenda for the public events that follow.</p>",
            "sq": "<p>Raporti përshkruan gjetjet kryesore për bashkëpunimin ndëretnik, ndërtimin e paqes dhe integrimin e komuniteteve joshumicë dhe përcakton temat e ngjarjeve publike që vijojnë.</p>",
            "be": "<p>Справаздача апісвае галоўныя высновы пра міжэтнічнае супрацоўніцтва, міратворчасць і інтэграцыю супольнасцяў, якія не складаюць большасці, і вызначае тэмы наступных публічных сустрэч.</p>",
        },
    },
    {
        "slug": "public-events-in-five-multiethnic-municipalities",
        "kind": "event",
        "date": datetime.date(2024, 10, 17),
        "source_language": "sq",
        "organisations": ["kosovar-centre-for-security-studies", "new-social-initiative"],
        "topics": ["interethnic-cooperation", "local-development"],
        "projects": [PEACEBUILDING],
        "place": {
            "en": "Shtërpcë, Viti, Kamenicë, Lipjan and Mitrovica South",
            "sq": "Shtërpcë, Viti, Kamenicë, Lipjan dhe Mitrovicë e Jugut",
            "be": "Штэрпца, Віці, Каменіца, Ліп’ян і Паўднёвая Мітравіца",
        },
        "title": {
            "en": "Public events in five multiethnic municipalities",
            "sq": "Ngjarje publike në pesë komuna multietnike",
            "be": "Публічныя сустрэчы ў пяці шматэтнічных муніцыпалітэтах",
        },
        "lead": {
            "en": "In Shtërpcë, Viti, Kamenicë, Lipjan and Mitrovica South, the communities committees of the municipal assemblies discussed the report with residents.",
            "sq": "Në Shtërpcë, Viti, Kamenicë, Lipjan dhe Mitrovicë të Jugut, komitetet për komunitete të kuvendeve komunale e diskutuan raportin me banorët.",
            "be": "У Штэрпцы, Віці, Каменіцы, Ліп’яне і Паўднёвай Мітравіцы камітэты па справах супольнасцяў муніцыпальных асамблей абмеркавалі справаздачу з жыхарамі.",
        },
        "body": {
            "en": (
                "<p>Each event was an open platform for dialogue between members of different communities and "
                "their local representatives. The ideas collected there go into the recommendations of the "
                "closing conference.</p>"
            ),
            "sq": (
                "<p>Çdo ngjarje ishte një platformë e hapur dialogu ndërmjet anëtarëve të komuniteteve të ndryshme "
                "dhe përfaqësuesve të tyre lokalë. Idetë e mbledhura aty hyjnë në rekomandimet e konferencës "
                "përmbyllëse.</p>"
            ),
            "be": (
                "<p>Кожная сустрэча была адкрытай пляцоўкай для дыялогу паміж прадстаўнікамі розных супольнасцяў "
                "і іх мясцовымі дэпутатамі. Сабраныя там ідэі ўвойдуць у рэкамендацыі выніковай канферэнцыі.</p>"
            ),
        },
    },
    {
        "slug": "closing-conference-on-interethnic-cooperation",
        "kind": "event",
        "date": datetime.date(2024, 12, 10),
        "source_language": "sq",
        "organisations": ["kosovar-centre-for-security-studies", "new-social-initiative", "balkan-trust-for-democracy"],
        "topics": ["interethnic-cooperation", "civil-society", "security"],
        "projects": [PEACEBUILDING],
        "picture": "conference",
        "image_credit": "QKSS",
        "place": {"en": "Prishtina", "sq": "Prishtinë", "be": "Прышціна"},
        "title": {
            "en": "Closing conference: keeping interethnic cooperation going",
            "sq": "Konferenca përmbyllëse: si ta ruajmë bashkëpunimin ndëretnik",
            "be": "Выніковая канферэнцыя: як захаваць міжэтнічнае супрацоўніцтва",
        },
        "lead": {
            "en": "Eight months of work ended with the findings, good practices and next steps presented to institutions, donors and communities.",
            "sq": "Tetë muaj punë u përmbyllën me prezantimin e gjetjeve, praktikave të mira dhe hapave të ardhshëm para institucioneve, donatorëve dhe komuniteteve.",
            "be": "Восем месяцаў працы завяршыліся прэзентацыяй высноў, добрых практык і наступных крокаў для інстытуцый, донараў і супольнасцяў.",
        },
        "body": {
            "en": (
                "<p>The conference brought together what the project learned at the grassroots and what has to "
                "change in the system: from municipal communities committees to the way institutions talk to "
                "young people.</p><h2>Next steps</h2><ol><li>Keep the municipal dialogue platforms alive.</li>"
                "<li>Involve young people from every community.</li><li>Follow up the recommendations with the "
                "municipal assemblies.</li></ol>"
            ),
            "sq": (
                "<p>Konferenca bashkoi atë që projekti mësoi në bazë me atë që duhet ndryshuar në sistem: nga "
                "komitetet komunale për komunitete deri te mënyra si institucionet flasin me të rinjtë.</p>"
                "<h2>Hapat e ardhshëm</h2><ol><li>Të mbahen gjallë platformat komunale të dialogut.</li>"
                "<li>Të përfshihen të rinjtë nga çdo komunitet.</li><li>Të ndiqen rekomandimet me kuvendet "
                "komunale.</li></ol>"
            ),
            "be": (
                "<p>Канферэнцыя злучыла тое, чаму праект навучыўся на нізавым узроўні, з тым, што трэба змяніць "
                "у сістэме: ад муніцыпальных камітэтаў па справах супольнасцяў да таго, як інстытуцыі размаўляюць "
                "з моладдзю.</p><h2>Наступныя крокі</h2><ol><li>Захаваць муніцыпальныя пляцоўкі дыялогу.</li>"
                "<li>Уцягнуць моладзь з кожнай супольнасці.</li><li>Адсочваць выкананне рэкамендацый разам з "
                "муніцыпальнымі асамблеямі.</li></ol>"
            ),
        },
        "image_alt": {
            "en": "Abstract drawing in dark blue with orange, green and turquoise stripes converging on one point.",
            "sq": "Vizatim abstrakt në blu të errët me vija portokalli, të gjelbra dhe bruz që takohen në një pikë.",
            "be": "Абстрактны малюнак на цёмна-сінім фоне: аранжавыя, зялёныя і бірузовыя палосы сыходзяцца ў адну кропку.",
        },
        "image_caption": {
            "en": "The closing conference in Prishtina.",
            "sq": "Konferenca përmbyllëse në Prishtinë.",
            "be": "Выніковая канферэнцыя ў Прышціне.",
        },
    },
    {
        "slug": "kcss-to-lead-security-consultations-for-the-tirana-forum",
        "kind": "announcement",
        "date": datetime.date(2023, 7, 4),
        "source_language": "sq",
        "organisations": [
            "kosovar-centre-for-security-studies",
            "open-society-foundations-western-balkans",
            "eliamep",
            "cooperation-and-development-institute",
        ],
        "topics": ["security", "regional-cooperation"],
        "projects": [SECURITY],
        "title": {
            "en": "KCSS to lead the security consultations for the Tirana forum",
            "sq": "QKSS do të udhëheqë konsultimet për sigurinë për forumin e Tiranës",
            "be": "Косаўскі цэнтр даследаванняў бяспекі правядзе кансультацыі па бяспецы для форуму ў Тыране",
        },
        "lead": {
            "en": "Open Society Foundations – Western Balkans, ELIAMEP and CDI invited the Kosovar Centre for Security Studies to prepare the policy paper of the Thematic Working Group on Security and Geopolitics.",
            "sq": "Fondacionet e Shoqërisë së Hapur në Ballkanin Perëndimor, ELIAMEP dhe CDI ftuan Qendrën Kosovare për Studime të Sigurisë të përgatisë dokumentin politik të Grupit Tematik të Punës për Sigurinë dhe Gjeopolitikën.",
            "be": "Фонды «Адкрытае грамадства» ў Заходніх Балканах, ELIAMEP і CDI запрасілі Косаўскі цэнтр даследаванняў бяспекі падрыхтаваць палітычны дакумент тэматычнай працоўнай групы па бяспецы і геапалітыцы.",
        },
        "body": {
            "en": (
                "<p>The Government of Albania holds the presidency of the Berlin Process in 2023 and hosts its "
                "summit. It asked Open Society Foundations – Western Balkans to prepare the Civil Society and Think "
                "Tank Forum, together with ELIAMEP and the Cooperation and Development Institute.</p>"
                "<h2>What KCSS will do</h2><ol><li>Check how the security recommendations of the 2022 Berlin forum "
                "have been implemented.</li><li>Research the main obstacles to regional security cooperation among "
                "the six Western Balkan countries.</li><li>Hold a policy dialogue with government and "
                "non-government stakeholders.</li><li>Advocate concrete policies with the region's governments and "
                "EU member states.</li></ol>"
            ),
            "sq": (
                "<p>Qeveria e Shqipërisë mban presidencën e Procesit të Berlinit në vitin 2023 dhe pret samitin e "
                "tij. Ajo u kërkoi Fondacioneve të Shoqërisë së Hapur në Ballkanin Perëndimor të përgatisin Forumin "
                "e Shoqërisë Civile dhe Think Tank-ëve, bashkë me ELIAMEP dhe Institutin për Bashkëpunim dhe "
                "Zhvillim.</p><h2>Çfarë do të bëjë QKSS</h2><ol><li>Do të shqyrtojë si janë zbatuar rekomandimet "
                "për sigurinë të forumit të Berlinit 2022.</li><li>Do të hulumtojë pengesat kryesore për "
                "bashkëpunimin rajonal të sigurisë ndërmjet gjashtë vendeve të Ballkanit Perëndimor.</li>"
                "<li>Do të zhvillojë dialog politik me palë qeveritare dhe joqeveritare.</li><li>Do të avokojë "
                "politika konkrete pranë qeverive të rajonit dhe shteteve anëtare të BE-së.</li></ol>"
            ),
            "be": (
                "<p>Урад Албаніі ў 2023 годзе старшынюе ў Берлінскім працэсе і прымае яго саміт. Ён даручыў фондам "
                "«Адкрытае грамадства» ў Заходніх Балканах падрыхтаваць Форум грамадзянскай супольнасці і "
                "аналітычных цэнтраў — разам з ELIAMEP і Інстытутам супрацоўніцтва і развіцця.</p>"
                "<h2>Што зробіць цэнтр</h2><ol><li>Праверыць, як выконваюцца рэкамендацыі па бяспецы берлінскага "
                "форуму 2022 года.</li><li>Даследаваць галоўныя перашкоды рэгіянальнаму супрацоўніцтву ў галіне "
                "бяспекі паміж шасцю краінамі Заходніх Балкан.</li><li>Правесці палітычны дыялог з урадавымі і "
                "няўрадавымі ўдзельнікамі.</li><li>Прасоўваць канкрэтныя палітыкі перад урадамі рэгіёна і "
                "краінамі — членамі ЕС.</li></ol>"
            ),
        },
    },
    {
        "slug": "stakeholder-consultations-on-regional-security-cooperation",
        "kind": "meeting",
        "date": datetime.date(2023, 9, 21),
        "source_language": "en",
        "organisations": ["kosovar-centre-for-security-studies", "open-society-foundations-western-balkans"],
        "topics": ["security", "regional-cooperation", "civil-society"],
        "projects": [SECURITY],
        "place": {
            "en": "Prishtina (online and in person)",
            "sq": "Prishtinë (në distancë dhe me prani fizike)",
            "be": "Прышціна (анлайн і ачна)",
        },
        "title": {
            "en": "Consultations on regional security cooperation in the Western Balkans",
            "sq": "Konsultime për bashkëpunimin rajonal të sigurisë në Ballkanin Perëndimor",
            "be": "Кансультацыі пра рэгіянальнае супрацоўніцтва ў галіне бяспекі на Заходніх Балканах",
        },
        "lead": {
            "en": "Experts, officials and civil society from the six countries reviewed a first draft of the recommendations.",
            "sq": "Ekspertë, zyrtarë dhe shoqëria civile nga gjashtë vendet shqyrtuan draftin e parë të rekomandimeve.",
            "be": "Эксперты, чыноўнікі і грамадзянская супольнасць шасці краін разгледзелі першы праект рэкамендацый.",
        },
        "body": {
            "en": "<p>The discussion focused on trust between security institutions, information sharing and the role of civil society in overseeing the security sector. The comments will shape the final policy paper.</p>",
            "sq": "<p>Diskutimi u përqendrua te besimi ndërmjet institucioneve të sigurisë, shkëmbimi i informacionit dhe roli i shoqërisë civile në mbikëqyrjen e sektorit të sigurisë. Komentet do ta formësojnë dokumentin politik përfundimtar.</p>",
            "be": "<p>Размова ішла пра давер паміж інстытуцыямі бяспекі, абмен інфармацыяй і ролю грамадзянскай супольнасці ў кантролі над сектарам бяспекі. Заўвагі ляжаць у аснову выніковага палітычнага дакумента.</p>",
        },
    },
    {
        "slug": "tirana-civil-society-and-think-tank-forum-2023",
        "kind": "event",
        "date": datetime.date(2023, 10, 14),
        "source_language": "en",
        "organisations": [
            "kosovar-centre-for-security-studies",
            "open-society-foundations-western-balkans",
            "eliamep",
            "cooperation-and-development-institute",
            "government-of-albania",
        ],
        "topics": ["security", "regional-cooperation", "civil-society"],
        "projects": [SECURITY],
        "picture": "forum",
        "image_credit": "Ura",
        "place": {"en": "Tirana, Albania", "sq": "Tiranë, Shqipëri", "be": "Тырана, Албанія"},
        "title": {
            "en": "Tirana Civil Society and Think Tank Forum, 14–15 October 2023",
            "sq": "Forumi i Shoqërisë Civile dhe Think Tank-ëve në Tiranë, 14–15 tetor 2023",
            "be": "Форум грамадзянскай супольнасці і аналітычных цэнтраў у Тыране, 14–15 кастрычніка 2023",
        },
        "lead": {
            "en": "Civil society and experts from the Western Balkans agreed on recommendations for the leaders of the Berlin Process summit.",
            "sq": "Shoqëria civile dhe ekspertët nga Ballkani Perëndimor u pajtuan për rekomandimet për liderët e samitit të Procesit të Berlinit.",
            "be": "Грамадзянская супольнасць і эксперты з Заходніх Балкан узгаднілі рэкамендацыі для лідараў саміту Берлінскага працэсу.",
        },
        "body": {
            "en": (
                "<p>The Berlin Process brings together the six Western Balkan governments and their EU "
                "counterparts to deepen regional cooperation, support EU-related reforms and speed up accession. "
                "At the forum, KCSS presented the security and geopolitics paper prepared over the summer.</p>"
            ),
            "sq": (
                "<p>Procesi i Berlinit bashkon gjashtë qeveritë e Ballkanit Perëndimor dhe homologët e tyre të BE-së "
                "për të thelluar bashkëpunimin rajonal, për të mbështetur reformat e lidhura me BE-në dhe për të "
                "përshpejtuar anëtarësimin. Në forum, QKSS prezantoi dokumentin për sigurinë dhe gjeopolitikën të "
                "përgatitur gjatë verës.</p>"
            ),
            "be": (
                "<p>Берлінскі працэс аб’ядноўвае шэсць урадаў Заходніх Балкан і іх партнёраў з ЕС, каб паглыбіць "
                "рэгіянальнае супрацоўніцтва, падтрымаць рэформы на шляху да ЕС і паскорыць уступленне. На форуме "
                "цэнтр прадставіў дакумент па бяспецы і геапалітыцы, падрыхтаваны за лета.</p>"
            ),
        },
        "image_alt": {
            "en": "Abstract drawing in violet and orange: six shapes joined by lines around a bright centre.",
            "sq": "Vizatim abstrakt në vjollcë dhe portokalli: gjashtë forma të lidhura me vija rreth një qendre të ndritshme.",
            "be": "Абстрактны малюнак у фіялетавых і аранжавых колерах: шэсць фігур, злучаных лініямі вакол яркага цэнтра.",
        },
        "image_caption": {
            "en": "Six countries, one forum: Tirana, October 2023.",
            "sq": "Gjashtë vende, një forum: Tiranë, tetor 2023.",
            "be": "Шэсць краін, адзін форум: Тырана, кастрычнік 2023 года.",
        },
    },
    {
        "slug": "covid-19-and-civil-society-regional-assessment-published",
        "kind": "publication",
        "date": datetime.date(2023, 2, 28),
        "source_language": "sq",
        "organisations": [
            "partners-albania",
            "civic-initiatives",
            "kosovar-civil-society-foundation",
            "macedonian-center-for-international-cooperation",
            "centre-for-development-of-ngos",
            "center-for-civic-initiatives",
            "balkan-trust-for-democracy",
        ],
        "topics": ["civil-society", "regional-cooperation"],
        "projects": [REGIONAL],
        "title": {
            "en": "Covid-19 and civil society: a regional assessment",
            "sq": "Covid-19 dhe shoqëria civile: një vlerësim rajonal",
            "be": "Covid-19 і грамадзянская супольнасць: рэгіянальная ацэнка",
        },
        "lead": {
            "en": "Partners Albania and five resource centres of the region sum up how the pandemic hit civil society in the Western Balkans and what policies could soften the next crisis.",
            "sq": "Partnerët Shqipëri dhe pesë qendra burimore të rajonit përmbledhin si e goditi pandemia shoqërinë civile në Ballkanin Perëndimor dhe cilat politika mund ta zbusin krizën e ardhshme.",
            "be": "Partners Albania і пяць рэсурсных цэнтраў рэгіёна падсумоўваюць, як пандэмія ўдарыла па грамадзянскай супольнасці Заходніх Балкан і якія палітыкі могуць змякчыць наступны крызіс.",
        },
        "body": {
            "en": (
                "<p>The assessment draws on the regional forums held during 2022 with civil society, academia, "
                "business, young people, marginalised groups, media and state institutions. Civic Initiatives "
                "(Serbia), the Kosovar Civil Society Foundation, MCIC (North Macedonia), CRNVO (Montenegro) and the "
                "Center for Civic Initiatives (Bosnia and Herzegovina) contributed as national resource centres.</p>"
            ),
            "sq": (
                "<p>Vlerësimi mbështetet te forumet rajonale të mbajtura gjatë vitit 2022 me shoqërinë civile, "
                "akademinë, sektorin privat, të rinjtë, grupet e margjinalizuara, mediat dhe institucionet "
                "shtetërore. Iniciativat Qytetare (Serbi), Fondacioni Kosovar për Shoqëri Civile, MCIC (Maqedoni e "
                "Veriut), CRNVO (Mal i Zi) dhe Qendra për Nisma Qytetare (Bosnjë e Hercegovinë) kontribuan si "
                "qendra kombëtare burimore.</p>"
            ),
            "be": (
                "<p>Ацэнка абапіраецца на рэгіянальныя форумы 2022 года з грамадзянскай супольнасцю, навукоўцамі, "
                "бізнесам, моладдзю, маргіналізаванымі групамі, медыямі і дзяржаўнымі інстытуцыямі. Як нацыянальныя "
                "рэсурсныя цэнтры ўдзельнічалі Civic Initiatives (Сербія), Косаўскі фонд грамадзянскай супольнасці, "
                "MCIC (Паўночная Македонія), CRNVO (Чарнагорыя) і Цэнтр грамадзянскіх ініцыятыў (Боснія і "
                "Герцагавіна).</p>"
            ),
        },
    },
    {
        "slug": "coordination-body-and-osce-mission-discuss-community-rights",
        "kind": "meeting",
        "date": datetime.date(2023, 11, 22),
        "source_language": "sq",
        "organisations": ["coordination-body-for-presevo-bujanovac-and-medveda", "osce-mission-to-serbia"],
        "topics": ["interethnic-cooperation", "local-development"],
        "projects": [COORDINATION],
        "picture": "osce",
        "image_credit": "Ura",
        "place": {"en": "Bujanovac, Serbia", "sq": "Bujanoc, Serbi", "be": "Буянавац, Сербія"},
        "title": {
            "en": "Coordination Body and OSCE Mission discuss the rights of communities",
            "sq": "Trupi Koordinues dhe Misioni i OSBE-së diskutojnë për të drejtat e komuniteteve",
            "be": "Каардынацыйны орган і місія АБСЕ абмеркавалі правы супольнасцяў",
        },
        "lead": {
            "en": "In Bujanovac, the Coordination Body for Preševo, Bujanovac and Medveđa and the OSCE Mission to Serbia reviewed their joint work for the Serbian, Albanian and Roma communities.",
            "sq": "Në Bujanoc, Trupi Koordinues për Preshevën, Bujanocin dhe Medvegjën dhe Misioni i OSBE-së në Serbi shqyrtuan punën e përbashkët për komunitetet serbe, shqiptare dhe rome.",
            "be": "У Буянавацы Каардынацыйны орган для Прэшава, Буянаваца і Мядзведжы і місія АБСЕ ў Сербіі падвялі вынікі сумеснай працы для сербскай, албанскай і ромскай супольнасцяў.",
        },
        "body": {
            "en": (
                "<p>Through its office in Bujanovac, the OSCE Mission coordinates part of the international "
                "community's work in the three municipalities. The meeting looked at political questions whose "
                "solutions improve the rights of all three communities, and at development projects still waiting "
                "for partners.</p>"
            ),
            "sq": (
                "<p>Përmes zyrës në Bujanoc, Misioni i OSBE-së bashkërendon një pjesë të punës së bashkësisë "
                "ndërkombëtare në tri komunat. Takimi shqyrtoi çështje politike, zgjidhja e të cilave përmirëson "
                "të drejtat e të tri komuniteteve, si dhe projekte zhvillimore që ende presin partnerë.</p>"
            ),
            "be": (
                "<p>Праз свой офіс у Буянавацы місія АБСЕ каардынуе частку працы міжнароднай супольнасці ў трох "
                "муніцыпалітэтах. На сустрэчы разгледзелі палітычныя пытанні, вырашэнне якіх паляпшае правы ўсіх "
                "трох супольнасцяў, і праекты развіцця, якія яшчэ шукаюць партнёраў.</p>"
            ),
        },
        "image_alt": {
            "en": "Abstract drawing in slate blue and yellow: three rounded shapes side by side under a light arc.",
            "sq": "Vizatim abstrakt në blu të hirtë dhe të verdhë: tri forma të rrumbullakëta krah për krah nën një hark të çelët.",
            "be": "Абстрактны малюнак у шэра-сініх і жоўтых колерах: тры круглыя фігуры побач пад светлай дугой.",
        },
        "image_caption": {
            "en": "Three municipalities, three communities.",
            "sq": "Tri komuna, tri komunitete.",
            "be": "Тры муніцыпалітэты, тры супольнасці.",
        },
    },
    {
        "slug": "international-partners-and-development-in-presevo-bujanovac-and-medveda",
        "kind": "meeting",
        "date": datetime.date(2024, 3, 19),
        "source_language": "sq",
        "organisations": [
            "coordination-body-for-presevo-bujanovac-and-medveda",
            "united-nations-development-programme",
            "european-union",
            "municipality-of-presevo",
            "municipality-of-bujanovac",
            "municipality-of-medveda",
        ],
        "topics": ["local-development", "regional-cooperation"],
        "projects": [COORDINATION],
        "place": {"en": "Preševo, Serbia", "sq": "Preshevë, Serbi", "be": "Прэшава, Сербія"},
        "title": {
            "en": "International partners and development in Preševo, Bujanovac and Medveđa",
            "sq": "Partnerët ndërkombëtarë dhe zhvillimi në Preshevë, Bujanoc dhe Medvegjë",
            "be": "Міжнародныя партнёры і развіццё Прэшава, Буянаваца і Мядзведжы",
        },
        "lead": {
            "en": "From MIR 1 and MIR 2 to PBILD and EU PROGRES: the Coordination Body and the three municipalities looked back at two decades of cooperation and forward to the next projects.",
            "sq": "Nga MIR 1 dhe MIR 2 te PBILD dhe EU PROGRES: Trupi Koordinues dhe tri komunat vështruan dy dekada bashkëpunimi dhe projektet e ardhshme.",
            "be": "Ад MIR 1 і MIR 2 да PBILD і EU PROGRES: Каардынацыйны орган і тры муніцыпалітэты азірнуліся на два дзесяцігоддзі супрацоўніцтва і паглядзелі на будучыя праекты.",
        },
        "body": {
            "en": (
                "<p>Every project is carried out in partnership between the Government of Serbia, the three "
                "municipalities and international organisations — an approach that has proved to bring better "
                "results. Priorities for the coming years include the economy, infrastructure, education, health "
                "care, social policy, gender equality, youth and sport.</p>"
            ),
            "sq": (
                "<p>Çdo projekt realizohet në partneritet ndërmjet Qeverisë së Serbisë, tri komunave dhe "
                "organizatave ndërkombëtare — një qasje që ka dhënë rezultate më të mira. Përparësitë për vitet në "
                "vijim përfshijnë ekonominë, infrastrukturën, arsimin, shëndetësinë, politikën sociale, barazinë "
                "gjinore, rininë dhe sportin.</p>"
            ),
            "be": (
                "<p>Кожны праект ажыццяўляецца ў партнёрстве паміж урадам Сербіі, трыма муніцыпалітэтамі і "
                "міжнароднымі арганізацыямі — і такі падыход дае лепшыя вынікі. Сярод прыярытэтаў на бліжэйшыя "
                "гады — эканоміка, інфраструктура, адукацыя, ахова здароўя, сацыяльная палітыка, гендарная "
                "роўнасць, моладзь і спорт.</p>"
            ),
        },
    },
    {
        "slug": "ura-publishes-in-belarusian-albanian-and-english",
        "kind": "announcement",
        "date": datetime.date(2025, 1, 20),
        "source_language": "en",
        "organisations": [],
        "topics": ["civil-society"],
        "title": {
            "en": "Ura now publishes in Belarusian, Albanian and English",
            "sq": "Ura tani publikon në bjellorusisht, shqip dhe anglisht",
            "be": "«Ура» цяпер выходзіць па-беларуску, па-албанску і па-англійску",
        },
        "lead": {
            "en": "News, projects and partners from Belarus to the Western Balkans, in three languages, readable on any phone.",
            "sq": "Lajme, projekte dhe partnerë nga Bjellorusia deri në Ballkanin Perëndimor, në tri gjuhë, të lexueshme në çdo telefon.",
            "be": "Навіны, праекты і партнёры ад Беларусі да Заходніх Балкан — на трох мовах і на любым тэлефоне.",
        },
        "body": {
            "en": "<p>Every item can be shared with a plain link and printed. The pages load no scripts of social networks and no fonts from elsewhere, so reading them leaves no trace with third parties.</p>",
            "sq": "<p>Çdo artikull mund të ndahet me një lidhje të thjeshtë dhe të printohet. Faqet nuk ngarkojnë skripte të rrjeteve sociale as fonte nga jashtë, ndaj leximi i tyre nuk lë gjurmë te palët e treta.</p>",
            "be": "<p>Кожным матэрыялам можна падзяліцца простай спасылкай і раздрукаваць яго. Старонкі не загружаюць скрыптоў сацыяльных сетак і шрыфтоў з іншых сайтаў, таму чытанне не пакідае слядоў у трэціх бакоў.</p>",
        },
    },
    {
        "slug": "statement-on-the-assembly-group-for-a-democratic-belarus",
        "kind": "statement",
        "date": datetime.date(2025, 6, 2),
        "status": "draft",
        "source_language": "en",
        "organisations": ["office-of-sviatlana-tsikhanouskaya"],
        "topics": ["democracy"],
        "title": {
            "en": "Statement on the Assembly group “For a democratic Belarus”",
            "sq": "Deklaratë për grupin e Kuvendit “Për një Bjellorusi demokratike”",
            "be": "Заява пра групу Асамблеі «За дэмакратычную Беларусь»",
        },
        "lead": {
            "en": "A draft awaiting the partners' approval.",
            "sq": "Draft që pret miratimin e partnerëve.",
            "be": "Чарнавік, які чакае згоды партнёраў.",
        },
        "body": {
            "en": "<p>Text to be agreed.</p>",
            "sq": "<p>Teksti do të miratohet.</p>",
            "be": "<p>Тэкст будзе ўзгоднены.</p>",
        },
    },
]


def draw_picture(key, width=1600, height=900):
    """An abstract JPEG picture in the palette `key` (deterministic)."""
    background, *colours = PALETTES[key]
    rng = random.Random(key)
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image, "RGBA")
    for _step in range(14):
        colour = colours[rng.randrange(len(colours))]
        r = rng.randint(height // 10, height // 2)
        x, y = rng.randint(-r, width), rng.randint(-r // 2, height)
        alpha = rng.randint(60, 150)
        rgb = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
        if rng.random() < 0.5:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=(*rgb, alpha))
        else:
            draw.arc((x - r * 2, y - r, x + r * 2, y + r * 2), 180, 360, fill=(*rgb, 255), width=rng.randint(12, 40))
    image = image.filter(ImageFilter.GaussianBlur(2))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def seed(stdout=None):
    from core.images import renditions
    from core.models import Status
    from news.models import NewsItem
    from partners.models import Organisation
    from projects.models import Project

    topics = seed_topics()

    organisations = {org.slug_en: org for org in Organisation.objects.all()}
    projects = {project.slug_en: project for project in Project.objects.all()}

    created = 0
    for data in ITEMS:
        status = data.get("status", Status.PUBLISHED)
        values = {
            "kind": data["kind"],
            "date": data["date"],
            "status": status,
            "publish_at": None
            if status == Status.DRAFT
            else published_at(data["date"].year, data["date"].month, data["date"].day, 12),
            "source_language": data["source_language"],
            "image_credit": data.get("image_credit", ""),
        }
        for field in ("title", "lead", "place", "image_caption", "image_alt"):
            values.update(translated(field, data.get(field, {})))
        values.update({f"body_{code}": sanitize_html(html) for code, html in data["body"].items()})
        m2m = {
            "organisations": [organisations[key] for key in data.get("organisations", []) if key in organisations],
            "projects": [projects[key] for key in data.get("projects", []) if key in projects],
            "topics": [topics[key] for key in data.get("topics", [])],
        }
        existed = NewsItem._base_manager.filter(slug_en=data["slug"]).exists()
        item, _changed = upsert(NewsItem, {"slug_en": data["slug"]}, values, m2m=m2m)
        created += not existed
        picture = data.get("picture")
        if picture and not (item.image and item.image.storage.exists(item.image.name)):
            item.image.save(f"demo-{picture}.jpg", ContentFile(draw_picture(picture)), save=True)
        if item.image:
            renditions(item.image, (480, 800, 1200, 1600))
    if stdout is not None:
        stdout.write(f"News: {len(ITEMS)} items ({created} new), {len(TOPICS)} topics.")
