"""Every fact of the demo content comes from a seed page, and the test names the sentence.

The demo (``*/fixtures/demo/*.yaml``) is modelled on five public pages, kept in
``core/fixtures/demo/seeds/``. ``core/fixtures/demo/sources.yaml`` lists, item by
item, every fact the demo states with the seed sentence it comes from. A fact is
a structured value (an organisation's kind, country, acronym or website; a
project's dates, roles, places and topics; a news item's date, place and the
organisations, projects and topics it names) or a sentence of the English text
(titles, summaries, leads, bodies, objectives, activities, captions: the Belarusian
and Albanian texts translate the same sentences). A fact with no source, a source
whose sentence is not in its seed and a source of a fact the demo no longer states
all fail.

Not facts about the world, and so not listed: the pages about the site itself
(About, Contact), slugs, publication times and statuses, the pictures' alternative
texts and credits (they describe the demo's own drawings), the topics' names and
the places' coordinates (a vocabulary and a gazetteer: which of them an item
names is listed).
"""

import re
from pathlib import Path

import yaml
from django.conf import settings
from django.utils import translation

from core.demo import load
from projects.duration import project_duration

FIXTURES = Path(settings.BASE_DIR) / "core" / "fixtures" / "demo"
HOUSE_PAGES = {"about", "contacts"}
BLOCK = re.compile(r"</?(?:p|li|h[1-6]|blockquote|ul|ol)\b[^>]*>", re.I)
TAG = re.compile(r"<[^>]+>")
# A sentence ends at . ! or ? before a space and an upper-case letter or a quotation mark.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“‘(])")


def normalised(text):
    return re.sub(r"\s+", " ", text).strip()


def sentences(value):
    """The sentences of a text (HTML or plain): each block element apart, then each sentence."""
    if not value:
        return []
    found = []
    for block in BLOCK.split(value):
        text = normalised(TAG.sub("", block))
        if text:
            found.extend(part for part in SENTENCE_END.split(text) if part)
    return found


def english(value):
    return (value or {}).get("en", "") if isinstance(value, dict) else value or ""


def text_facts(facts, label, value):
    for sentence in sentences(english(value)):
        facts.append(f"{label}: {sentence}" if label else sentence)


def duration(record):
    with translation.override("en"):
        return project_duration(
            record["start_date"], record.get("end_date"), years_only=record.get("years_only", False)
        )


def demo_facts(organisations=None, projects=None, news=None, pages=None):
    """{item: [fact, …]} for the demo content (or the records given)."""
    organisations = load("partners", "organisations") if organisations is None else organisations
    projects = load("projects", "projects")["projects"] if projects is None else projects
    news = load("news", "news") if news is None else news
    pages = load("portal", "pages")["pages"] if pages is None else pages
    items = {}
    for record in organisations:
        facts = items.setdefault(f"organisation {record['slug']['en']}", [])
        facts.append(f"name: {record['name']['en']}")
        acronyms = sorted(set((record.get("acronym") or {}).values()))
        if acronyms:
            facts.append(f"acronym: {' / '.join(acronyms)}")
        for field in ("kind", "country", "website", "iati_identifier"):
            if record.get(field):
                facts.append(f"{field}: {record[field]}")
        text_facts(facts, "", record.get("description"))
    for record in projects:
        facts = items.setdefault(f"project {record['slug']['en']}", [])
        text_facts(facts, "title", record["title"])
        facts.append(f"duration: {duration(record)}")
        for field in ("our_role", "contact_name", "contact_email", "iati_identifier"):
            if record.get(field):
                facts.append(f"{field}: {record[field]}")
        facts += [f"role: {row['organisation']} {row['role']}" for row in record.get("roles", [])]
        facts += [f"place: {name}" for name in record.get("places", [])]
        facts += [f"topic: {slug}" for slug in record.get("topics", [])]
        text_facts(facts, "", record.get("summary"))
        text_facts(facts, "", record.get("description"))
        for row in record.get("objectives", []):
            text_facts(facts, "objective", row["text"])
        for row in record.get("activities", []):
            name = english(row["title"])
            facts.append(f"activity: {name}")
            if english(row.get("place")):
                facts.append(f"activity {name}: place {english(row['place'])}")
            if row.get("start_date"):
                facts.append(f"activity {name}: dates {row['start_date']} – {row.get('end_date') or ''}".rstrip(" –"))
            text_facts(facts, f"activity {name}", row.get("description"))
        for row in record.get("documents", []):
            facts.append(f"document: {english(row['title'])} ({row.get('language')}, {row.get('category')})")
            if row.get("published_on"):
                facts.append(f"document {english(row['title'])}: published {row['published_on']}")
        for row in record.get("gallery", []):
            text_facts(facts, "caption", row.get("caption"))
    for record in news:
        facts = items.setdefault(f"news {record['slug']['en']}", [])
        text_facts(facts, "title", record["title"])
        facts.append(f"date: {record['date']}")
        facts.append(f"kind: {record['kind']}")
        if english(record.get("place")):
            facts.append(f"place: {english(record['place'])}")
        for relation in ("organisations", "projects", "topics"):
            facts += [f"{relation[:-1]}: {key}" for key in record.get(relation, [])]
        text_facts(facts, "", record.get("lead"))
        text_facts(facts, "", record.get("body"))
        text_facts(facts, "caption", record.get("image_caption"))
    for record in pages:
        if record["slug"]["en"] in HOUSE_PAGES:
            continue
        facts = items.setdefault(f"page {record['slug']['en']}", [])
        text_facts(facts, "title", record["title"])
        text_facts(facts, "", record.get("intro"))
        text_facts(facts, "", record.get("body"))
    return items


def seed_texts():
    return {
        path.stem: normalised(path.read_text(encoding="utf-8")) for path in sorted((FIXTURES / "seeds").glob("*.txt"))
    }


def sources():
    with (FIXTURES / "sources.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def problems(items, listed, seeds):
    """What is wrong between the demo's facts and the listed sources, one line each."""
    found = []
    for item, facts in items.items():
        entry = listed.get(item) or {}
        sourced = entry.get("facts") or {}
        for fact in facts:
            if fact not in sourced:
                found.append(f"{item}: no seed sentence for “{fact}”")
        for fact in sourced:
            if fact not in facts:
                found.append(f"{item}: listed, but the demo no longer states “{fact}”")
        for fact, quotes in sourced.items():
            for seed, quote in citations(entry.get("seed"), quotes):
                if seed not in seeds:
                    found.append(f"{item}: “{fact}” cites an unknown seed page {seed!r}")
                elif normalised(quote) not in seeds[seed]:
                    found.append(f"{item}: “{fact}”: not in {seed}: “{quote}”")
    found += [f"{item}: listed, but no longer in the demo" for item in listed if item not in items]
    return found


def citations(default_seed, quotes):
    """(seed, quote) pairs: a quote, a list of them, or {seed: quote} for one from another page."""
    for quote in quotes if isinstance(quotes, list) else [quotes]:
        if isinstance(quote, dict):
            yield from quote.items()
        else:
            yield default_seed, quote


def test_every_demo_fact_has_its_seed_sentence():
    assert problems(demo_facts(), sources(), seed_texts()) == []


def test_an_invented_fact_fails():
    organisations = load("partners", "organisations")
    office = next(record for record in organisations if record["slug"]["en"] == "office-of-sviatlana-tsikhanouskaya")
    office["kind"], office["country"] = "government", "BY"
    office["website"] = "https://tsikhanouskaya.org"
    projects = load("projects", "projects")["projects"]
    projects[0]["description"]["en"] += "<p>The forum took place in Tirana.</p>"
    found = problems(demo_facts(organisations=organisations, projects=projects), sources(), seed_texts())
    assert found == [
        "organisation office-of-sviatlana-tsikhanouskaya: no seed sentence for “kind: government”",
        "organisation office-of-sviatlana-tsikhanouskaya: no seed sentence for “country: BY”",
        "organisation office-of-sviatlana-tsikhanouskaya: no seed sentence for “website: https://tsikhanouskaya.org”",
        f"project {projects[0]['slug']['en']}: no seed sentence for “The forum took place in Tirana.”",
    ]


def test_a_source_must_quote_its_seed():
    listed = sources()
    entry = listed["news belarusian-democratic-forces-in-prishtina-cooperation-with-kosovo"]
    entry["facts"]["date: 2025-04-16"] = "17 красавіка, 2025"
    found = problems(demo_facts(), listed, seed_texts())
    assert found == [
        "news belarusian-democratic-forces-in-prishtina-cooperation-with-kosovo: “date: 2025-04-16”: "
        "not in visit-prishtina: “17 красавіка, 2025”"
    ]
