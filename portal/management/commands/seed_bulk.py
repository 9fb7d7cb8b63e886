"""Synthetic volume for benchmarks: ``seed_bulk --news N --projects N --partners N``.

Deterministic (the same arguments give the same rows), fast (bulk inserts,
no per-object signals) and in three languages. Items it made before are
replaced, recognised by their English slug prefix ``bulk-``; demo and real
content are left alone. The search index is rebuilt at the end.
"""

import datetime
import random

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from core.models import Status
from news.models import NewsItem
from partners.models import Organisation
from projects.models import Project, ProjectPartner, Role
from search import indexing

PREFIX = "bulk-"
BATCH = 2000

PLACES = [
    {"en": "Prishtina", "sq": "Prishtinë", "be": "Прышціна"},
    {"en": "Mitrovica", "sq": "Mitrovicë", "be": "Мітравіца"},
    {"en": "Tirana", "sq": "Tiranë", "be": "Тырана"},
    {"en": "Skopje", "sq": "Shkup", "be": "Скоп'е"},
    {"en": "Preševo", "sq": "Preshevë", "be": "Прэшава"},
    {"en": "Bujanovac", "sq": "Bujanoc", "be": "Буянавац"},
    {"en": "Vilnius", "sq": "Vilnius", "be": "Вільня"},
    {"en": "Warsaw", "sq": "Varshavë", "be": "Варшава"},
    {"en": "Gračanica", "sq": "Graçanicë", "be": "Грачаніца"},
    {"en": "Štrpce", "sq": "Shtërpcë", "be": "Штрпцэ"},
]
SUBJECTS = [
    {"en": "Delegation visit to", "sq": "Vizitë e delegacionit në", "be": "Візіт дэлегацыі ў"},
    {
        "en": "Round table on security in",
        "sq": "Tryezë e rrumbullakët për sigurinë në",
        "be": "Круглы стол пра бяспеку ў",
    },
    {
        "en": "Meeting with civil society in",
        "sq": "Takim me shoqërinë civile në",
        "be": "Сустрэча з грамадзянскай супольнасцю ў",
    },
    {"en": "Youth exchange in", "sq": "Shkëmbim rinor në", "be": "Моладзевы абмен у"},
    {"en": "Statement on media freedom in", "sq": "Deklaratë për lirinë e medias në", "be": "Заява пра свабоду СМІ ў"},
    {
        "en": "Conference on interethnic dialogue in",
        "sq": "Konferencë për dialogun ndëretnik në",
        "be": "Канферэнцыя пра міжэтнічны дыялог у",
    },
    {"en": "Training for journalists in", "sq": "Trajnim për gazetarët në", "be": "Трэнінг для журналістаў у"},
    {
        "en": "Consultations on the new passport in",
        "sq": "Konsultime për pasaportën e re në",
        "be": "Кансультацыі пра новы пашпарт у",
    },
]
PROJECT_THEMES = [
    {"en": "Grassroots peacebuilding", "sq": "Ndërtimi i paqes në bazë", "be": "Міратворчасць знізу"},
    {
        "en": "Regional cooperation in times of crisis",
        "sq": "Bashkëpunimi rajonal në kohë krize",
        "be": "Рэгіянальнае супрацоўніцтва ў час крызісу",
    },
    {"en": "Security consensus", "sq": "Konsensusi për sigurinë", "be": "Кансэнсус у пытаннях бяспекі"},
    {
        "en": "Digital tools for the diaspora",
        "sq": "Mjete digjitale për diasporën",
        "be": "Лічбавыя інструменты для дыяспары",
    },
    {
        "en": "Support for independent journalists",
        "sq": "Mbështetje për gazetarët e pavarur",
        "be": "Падтрымка незалежных журналістаў",
    },
    {"en": "Municipal development", "sq": "Zhvillimi komunal", "be": "Развіццё муніцыпалітэтаў"},
]
ORGANISATION_KINDS = [
    ("ngo", {"en": "Civic Forum", "sq": "Forumi Qytetar", "be": "Грамадзянскі форум"}),
    ("donor", {"en": "Democracy Fund", "sq": "Fondi për Demokraci", "be": "Фонд дэмакратыі"}),
    (
        "academic",
        {
            "en": "Institute for Policy Studies",
            "sq": "Instituti për Studime Politike",
            "be": "Інстытут палітычных даследаванняў",
        },
    ),
    ("media", {"en": "Independent Media Centre", "sq": "Qendra e Medias së Pavarur", "be": "Цэнтр незалежных медыя"}),
    ("government", {"en": "Municipal Office", "sq": "Zyra Komunale", "be": "Муніцыпальны офіс"}),
]
SENTENCES = {
    "en": [
        "Participants discussed cooperation between local communities and international partners.",
        "The organisers presented the findings of focus groups held in several municipalities.",
        "Representatives of the diaspora shared their experience with digital platforms.",
        "Journalists and bloggers described the conditions for independent reporting.",
        "The meeting ended with recommendations for the next round of consultations.",
        "Donors and implementing partners agreed on the priorities for the coming year.",
    ],
    "sq": [
        "Pjesëmarrësit diskutuan për bashkëpunimin ndërmjet komuniteteve lokale dhe partnerëve ndërkombëtarë.",
        "Organizatorët prezantuan gjetjet e fokus grupeve të mbajtura në disa komuna.",
        "Përfaqësuesit e diasporës ndanë përvojën e tyre me platformat digjitale.",
        "Gazetarët dhe blogerët përshkruan kushtet për raportim të pavarur.",
        "Takimi përfundoi me rekomandime për raundin e ardhshëm të konsultimeve.",
        "Donatorët dhe partnerët zbatues ranë dakord për prioritetet e vitit të ardhshëm.",
    ],
    "be": [
        "Удзельнікі абмеркавалі супрацоўніцтва мясцовых супольнасцяў і міжнародных партнёраў.",
        "Арганізатары прадставілі вынікі фокус-груп у некалькіх муніцыпалітэтах.",
        "Прадстаўнікі дыяспары падзяліліся досведам працы з лічбавымі платформамі.",
        "Журналісты і блогеры апісалі ўмовы для незалежнай журналістыкі.",
        "Сустрэча скончылася рэкамендацыямі для наступнага раўнда кансультацый.",
        "Донары і партнёры-выканаўцы дамовіліся пра прыярытэты на наступны год.",
    ],
}
LANGS = ("be", "sq", "en")
BASE_TIME = datetime.datetime(2019, 1, 1, 9, 0, tzinfo=datetime.UTC)


def _text(rng, language, sentences=4):
    return " ".join(rng.choice(SENTENCES[language]) for _ in range(sentences))


def _body(rng, language):
    return "".join(f"<p>{_text(rng, language, 3)}</p>" for _ in range(3))


class Command(BaseCommand):
    help = "Create synthetic news, projects and partners in three languages, in bulk, for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--news", type=int, default=0)
        parser.add_argument("--projects", type=int, default=0)
        parser.add_argument("--partners", type=int, default=0)
        parser.add_argument("--seed", type=int, default=2025, help="Random seed (the same seed gives the same rows).")
        parser.add_argument("--no-index", action="store_true", help="Do not rebuild the search index.")

    def handle(self, *args, news, projects, partners, seed, no_index, **options):
        rng = random.Random(seed)
        started = timezone.now()
        with indexing.signals_paused(), transaction.atomic():
            self.clear()
            organisations = self.make_partners(rng, partners)
            self.make_projects(rng, projects, organisations)
            self.make_news(rng, news, organisations)
        self.stdout.write(f"Created {news} news, {projects} projects, {partners} partners.")
        if not no_index:
            total = indexing.rebuild()
            self.stdout.write(f"Search index: {total} entries.")
        self.stdout.write(f"Done in {(timezone.now() - started).total_seconds():.1f} s.")

    def clear(self):
        Project._base_manager.filter(slug_en__startswith=PREFIX).delete()
        NewsItem._base_manager.filter(slug_en__startswith=PREFIX).delete()
        ProjectPartner.objects.filter(organisation__slug_en__startswith=PREFIX).delete()
        Organisation._base_manager.filter(slug_en__startswith=PREFIX).delete()

    def make_partners(self, rng, count):
        rows = []
        for n in range(count):
            kind, names = ORGANISATION_KINDS[n % len(ORGANISATION_KINDS)]
            place = rng.choice(PLACES)
            fields = {}
            for code in LANGS:
                fields[f"name_{code}"] = f"{names[code]} {place[code]} {n + 1}"
                fields[f"slug_{code}"] = f"{PREFIX}partner-{n + 1}"
                fields[f"description_{code}"] = f"<p>{_text(rng, code, 3)}</p>"
                fields[f"acronym_{code}"] = ""
            rows.append(Organisation(kind=kind, country=rng.choice(["XK", "AL", "RS", "MK", "LT", "PL"]), **fields))
        Organisation.objects.bulk_create(rows, batch_size=BATCH)
        return list(Organisation._base_manager.filter(slug_en__startswith=PREFIX).values_list("pk", flat=True))

    def make_projects(self, rng, count, organisations):
        rows = []
        for n in range(count):
            theme, place = rng.choice(PROJECT_THEMES), rng.choice(PLACES)
            start = datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randrange(0, 4000))
            fields = {}
            for code in LANGS:
                fields[f"title_{code}"] = f"{theme[code]}: {place[code]} {n + 1}"
                fields[f"slug_{code}"] = f"{PREFIX}project-{n + 1}"
                fields[f"summary_{code}"] = _text(rng, code, 1)
                fields[f"description_{code}"] = _body(rng, code)
            rows.append(
                Project(
                    start_date=start,
                    end_date=start + datetime.timedelta(days=rng.randrange(60, 900)),
                    status=Status.PUBLISHED,
                    publish_at=BASE_TIME + datetime.timedelta(hours=n),
                    **fields,
                )
            )
        Project.objects.bulk_create(rows, batch_size=BATCH)
        if organisations:
            roles = []
            for pk in Project._base_manager.filter(slug_en__startswith=PREFIX).values_list("pk", flat=True):
                funder, lead = rng.sample(organisations, 2) if len(organisations) > 1 else (organisations[0],) * 2
                roles.append(ProjectPartner(project_id=pk, organisation_id=funder, role=Role.FUNDING, order=0))
                roles.append(ProjectPartner(project_id=pk, organisation_id=lead, role=Role.LEAD, order=1))
            ProjectPartner.objects.bulk_create(roles, batch_size=BATCH, ignore_conflicts=True)

    def make_news(self, rng, count, organisations):
        rows = []
        for n in range(count):
            subject, place = rng.choice(SUBJECTS), rng.choice(PLACES)
            fields = {}
            for code in LANGS:
                fields[f"title_{code}"] = f"{subject[code]} {place[code]} ({n + 1})"
                fields[f"slug_{code}"] = f"{PREFIX}news-{n + 1}"
                fields[f"lead_{code}"] = _text(rng, code, 1)
                fields[f"body_{code}"] = _body(rng, code)
                fields[f"place_{code}"] = place[code]
            rows.append(
                NewsItem(
                    kind=rng.choice(NewsItem.Kind.values),
                    date=datetime.date(2019, 1, 1) + datetime.timedelta(days=n % 2500),
                    status=Status.PUBLISHED,
                    publish_at=BASE_TIME + datetime.timedelta(minutes=n),
                    **fields,
                )
            )
        NewsItem.objects.bulk_create(rows, batch_size=BATCH)
        if organisations:
            through = NewsItem.organisations.through
            links = [
                through(newsitem_id=pk, organisation_id=rng.choice(organisations))
                for pk in NewsItem._base_manager.filter(slug_en__startswith=PREFIX).values_list("pk", flat=True)
            ]
            through.objects.bulk_create(links, batch_size=BATCH)
