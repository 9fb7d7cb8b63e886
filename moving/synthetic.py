"""A synthetic Polylang export of any size, for the benchmark and the worker tests.

Written as WordPress's exporter writes a three-language Polylang site (moving.wxr reads
it): the languages and their translation groups as terms, each post in be, sq and en
joined by a ``post_translations`` term, categories joined by ``term_translations``.
The texts are placeholders, numbered; no real person or event is named.
"""

from xml.sax.saxutils import escape

LANGUAGES = (("en", "en_GB", "English"), ("sq", "sq", "Shqip"), ("be", "be_BY", "Беларуская"))
CATEGORIES = ("news", "statements", "meetings", "events", "publications")
WORDS = {
    "en": "The office met its partners and agreed on the next steps of the cooperation.",
    "sq": "Zyra u takua me partnerët dhe ra dakord për hapat e ardhshëm të bashkëpunimit.",
    "be": "Офіс сустрэўся з партнёрамі і дамовіўся пра наступныя крокі супрацоўніцтва.",
}


def php_array(mapping):
    """PHP's serialize() of a {str: int or str} array, as Polylang stores it."""
    parts = []
    for key, value in mapping.items():
        parts.append(f's:{len(key.encode())}:"{key}";')
        if isinstance(value, int):
            parts.append(f"i:{value};")
        else:
            parts.append(f's:{len(value.encode())}:"{value}";')
    return f"a:{len(mapping)}:{{{''.join(parts)}}}"


def term(term_id, taxonomy, slug, name, description=""):
    return (
        f"<wp:term><wp:term_id>{term_id}</wp:term_id><wp:term_taxonomy><![CDATA[{taxonomy}]]></wp:term_taxonomy>"
        f"<wp:term_slug><![CDATA[{slug}]]></wp:term_slug><wp:term_parent><![CDATA[]]></wp:term_parent>"
        f"<wp:term_name><![CDATA[{name}]]></wp:term_name>"
        f"<wp:term_description><![CDATA[{description}]]></wp:term_description></wp:term>\n"
    )


def write(handle, groups, site="https://synthetic.example.org", paragraphs=4):
    """Write an export of `groups` posts in each of the three languages to the text file `handle`."""
    write = handle.write
    write('<?xml version="1.0" encoding="UTF-8" ?>\n')
    write(
        '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
    )
    write(f"<title>Synthetic</title><link>{site}</link><language>en-GB</language>\n")
    write(f"<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>{site}</wp:base_site_url>\n")
    term_id = 1
    for slug, locale, name in LANGUAGES:
        write(term(term_id, "language", slug, name, php_array({"locale": locale, "rtl": 0, "flag_code": slug})))
        term_id += 1
    for index, category in enumerate(CATEGORIES):
        ids = {}
        for slug, _locale, _name in LANGUAGES:
            ids[slug] = term_id
            write(
                f"<wp:category><wp:term_id>{term_id}</wp:term_id><wp:category_nicename><![CDATA[{category}-{slug}]]>"
                f"</wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent>"
                f"<wp:cat_name><![CDATA[{category.capitalize()} ({slug})]]></wp:cat_name></wp:category>\n"
            )
            term_id += 1
        write(term(term_id, "term_translations", f"pll_cat{index:08x}", f"pll_cat{index:08x}", php_array(ids)))
        term_id += 1

    def members_of(number):
        return {slug: 1000 + 3 * number + index for index, (slug, _locale, _name) in enumerate(LANGUAGES)}

    # The translation groups are terms, before the items (as the exporter writes them).
    for number in range(groups):
        group = f"pll_{number:013x}"
        write(term(term_id, "post_translations", group, group, php_array(members_of(number))))
        term_id += 1
    for number in range(groups):
        group = f"pll_{number:013x}"
        members = members_of(number)
        category = CATEGORIES[number % len(CATEGORIES)]
        day = 1 + number % 28
        month = 1 + (number // 28) % 12
        year = 2015 + (number // 336) % 10
        for slug, _locale, name in LANGUAGES:
            wp_id = members[slug]
            title = f"{escape(name)} {number}"
            body = "\n\n".join(f"{WORDS[slug]} ({number}.{paragraph})" for paragraph in range(paragraphs))
            write(
                f"<item><title><![CDATA[{title}]]></title>"
                f"<link>{site}/{slug}/{year}/{month:02d}/{day:02d}/post-{number}-{slug}/</link>"
                f'<guid isPermaLink="false">{site}/?p={wp_id}</guid>'
                f"<content:encoded><![CDATA[{body}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>"
                f"<wp:post_id>{wp_id}</wp:post_id>"
                f"<wp:post_date><![CDATA[{year}-{month:02d}-{day:02d} 10:00:00]]></wp:post_date>"
                f"<wp:post_date_gmt><![CDATA[{year}-{month:02d}-{day:02d} 08:00:00]]></wp:post_date_gmt>"
                f"<wp:post_name><![CDATA[post-{number}-{slug}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status>"
                f"<wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order>"
                f"<wp:post_type><![CDATA[post]]></wp:post_type>"
                f'<category domain="category" nicename="{category}-{slug}"><![CDATA[{category.capitalize()} ({slug})]]></category>'
                f'<category domain="language" nicename="{slug}"><![CDATA[{name}]]></category>'
                f'<category domain="post_translations" nicename="{group}"><![CDATA[{group}]]></category>'
                "</item>\n"
            )
    write("</channel>\n</rss>\n")
