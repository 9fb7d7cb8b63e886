"""Rich bodies: what the sanitiser keeps and drops, tables, quotes, and embeds that wait for a click."""

import re

import pytest
from django.conf import settings

from core.richtext import EMBED_PROVIDERS, embed_for, render_rich_text, sanitize_html

# A paragraph, a list item and a table as Word puts them on the clipboard (Office HTML).
WORD_PASTE = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<style><!-- p.MsoNormal {mso-style-parent:""; margin:0cm;} --></style>
<!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/></o:OfficeDocumentSettings></xml><![endif]-->
</head><body lang=EN-GB style="tab-interval:36.0pt">
<p class=MsoNormal style="margin-bottom:0cm;mso-line-height-rule:exactly"><b><span lang=SQ
style="font-size:12.0pt;font-family:Calibri;mso-fareast-font-family:Calibri">Delegacioni</span></b><span
style="mso-spacerun:yes"> </span>vizitoi <i>Prishtinën</i><o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style="text-indent:-18.0pt;mso-list:l0 level1 lfo1"><![if !supportLists]><span
style="font-family:Symbol">·<span style="font:7.0pt 'Times New Roman'">&nbsp;&nbsp; </span></span><![endif]>Pika e
parë<o:p></o:p></p>
<table class=MsoTableGrid border=1 style="border-collapse:collapse;mso-yfti-tbllook:1184"><tr style="mso-yfti-irow:0">
<td width=300 valign=top style="width:225pt"><p class=MsoNormal>Viti<o:p></o:p></p></td></tr></table>
</body></html>"""

# Google Docs wraps the whole paste in a <b> that is not bold and styles every span.
GOOGLE_DOCS_PASTE = (
    '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-5f1c2d3e-7fff-1234">'
    '<p dir="ltr" style="line-height:1.38;margin-top:0pt"><span style="font-size:11pt;font-family:Arial;'
    'color:#000000;font-weight:400">Projekti zgjati </span><span style="font-weight:700">tetë muaj</span></p></b>'
)


def test_a_paste_from_word_keeps_text_bold_italic_and_table_and_nothing_else():
    cleaned = sanitize_html(WORD_PASTE)
    assert "<strong>Delegacioni</strong> vizitoi <em>Prishtinën</em>" in cleaned
    assert "<p>Pika e\nparë</p>" in cleaned  # Word's bullet, drawn as text, is gone
    assert "<table><tbody><tr>" in cleaned and "<td><p>Viti</p></td>" in cleaned
    for residue in ("mso-", "Mso", "o:p", "style", "class", "<span", "lang=", "width", "<!--", "·"):
        assert residue not in cleaned, residue


def test_a_paste_from_google_docs_is_not_bold_throughout():
    cleaned = sanitize_html(GOOGLE_DOCS_PASTE)
    assert cleaned == "<p>Projekti zgjati tetë muaj</p>"


def test_figure_keeps_the_library_number_and_only_the_width_choices():
    cleaned = sanitize_html(
        '<figure class="figure-left huge" onclick="x()"><img src="/media/library/a.webp" alt="Bridge" data-file="7" '
        'onerror="x()" style="width:9999px"><figcaption>The bridge</figcaption></figure>'
    )
    assert cleaned == (
        '<figure class="figure-left"><img src="/media/library/a.webp" alt="Bridge" data-file="7">'
        "<figcaption>The bridge</figcaption></figure>"
    )


@pytest.mark.parametrize(
    "src",
    ["https://tracker.example/pixel.gif", "//tracker.example/p.gif", "javascript:alert(1)", "data:image/png;base64,AA"],
)
def test_an_image_from_elsewhere_loses_its_address(src):
    cleaned = sanitize_html(f'<img src="{src}" alt="x" data-file="3">')
    assert "src" not in cleaned and 'data-file="3"' in cleaned


def test_tables_scroll_in_their_own_labelled_box():
    html = str(
        render_rich_text("<table><tbody><tr><th><p>Year</p></th></tr><tr><td><p>2024</p></td></tr></tbody></table>")
    )
    assert html.startswith('<div class="table-scroll" role="region" tabindex="0" aria-label="')
    assert html.endswith("</table></div>")
    assert "<th><p>Year</p></th>" in html


def test_a_quote_whose_last_paragraph_starts_with_a_dash_names_its_source():
    html = str(render_rich_text("<blockquote><p>We build bridges.</p><p>— Ana Hoxha, 2024</p></blockquote>"))
    assert html == (
        '<figure class="quote"><blockquote><p>We build bridges.</p></blockquote>'
        '<figcaption class="quote-source">— <cite>Ana Hoxha, 2024</cite></figcaption></figure>'
    )
    plain = "<blockquote><p>No source here.</p></blockquote>"
    assert str(render_rich_text(plain)) == plain


@pytest.mark.parametrize(
    ("address", "frame"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",
        ),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
        ("https://m.youtube.com/shorts/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"),
    ],
)
def test_video_addresses_become_privacy_enhanced_players(address, frame):
    assert embed_for(address)[2] == frame


def test_an_openstreetmap_address_becomes_a_map_with_its_marker():
    provider, kind, frame, page = embed_for(
        "https://www.openstreetmap.org/?mlat=42.6629&mlon=21.1655#map=15/42.6629/21.1655"
    )
    assert (provider, kind) == ("OpenStreetMap", "map")
    assert frame.startswith("https://www.openstreetmap.org/export/embed.html?bbox=21.")
    assert "marker=42.66290%2C21.16550" in frame


@pytest.mark.parametrize(
    "address",
    [
        "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://evil.example/?u=https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ%22onload%3D",
        "javascript://www.youtube.com/%0Aalert(1)",
        "https://vimeo.com/channels/staffpicks",
        "https://www.openstreetmap.org/#map=99/1000/1000",
        "https://www.openstreetmap.org/#map=not/a/map",
        "ftp://vimeo.com/76979871",
    ],
)
def test_other_addresses_are_not_embedded(address):
    assert embed_for(address) is None


def test_a_video_link_alone_in_its_paragraph_is_a_preview_until_the_reader_clicks():
    stored = sanitize_html('<p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">The visit to Prishtina</a></p>')
    html = str(render_rich_text(stored))
    assert "<iframe" not in html
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in html
    # The only image is the site's own preview; the link goes to the provider (the reader's choice, no script needed).
    assert re.findall(r'<img src="([^"]+)"', html) == [f"{settings.STATIC_URL}img/embed-video.svg"]
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html
    assert "YouTube" in html and "The visit to Prishtina" in html


def test_a_video_link_inside_a_sentence_stays_a_link():
    stored = sanitize_html('<p>Watch <a href="https://youtu.be/dQw4w9WgXcQ">the visit</a> again.</p>')
    assert "embed" not in str(render_rich_text(stored))


def test_the_content_security_policy_allows_frames_from_the_embed_providers_only():
    frame_sources = re.search(r"frame-src ([^;]+)", settings.CONTENT_SECURITY_POLICY).group(1).split()
    assert set(frame_sources) == {"'self'"} | {origin for _name, _kind, origin, _parse in EMBED_PROVIDERS}


def test_an_image_without_a_library_number_is_left_out():
    assert sanitize_html('<p>a</p><img src="/media/x.webp" alt="pasted"><p>b</p>') == "<p>a</p><p>b</p>"


def test_a_video_address_typed_as_text_on_its_own_line_is_embedded_too():
    html = str(render_rich_text("<p>https://vimeo.com/76979871</p><p>See https://vimeo.com/76979871 too.</p>"))
    assert html.count('data-embed-src="https://player.vimeo.com/video/76979871?dnt=1&amp;autoplay=1"') == 1
    assert "<p>See https://vimeo.com/76979871 too.</p>" in html
