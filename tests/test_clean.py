"""Tests for borderwatch.clean: decoding, front matter, HTML extraction, furniture and metadata."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from borderwatch.clean import clean_document, content_key, decode
from borderwatch.model import Article, RawDocument, Skipped

# Two invented news paragraphs, long enough to pass the minimum-length rule on their own.
LEAD = (
    "Lebanese soldiers stopped a van carrying smuggled diesel on a dirt track outside Qasr "
    "on Wednesday evening, a military source said."
)
SECOND = (
    "Two men were detained and about 4,000 litres of fuel were handed over to customs officers "
    "at the nearby checkpoint."
)
BODY = f"{LEAD}\n{SECOND}"


def raw(
    text: str | bytes,
    media_type: str = "text/plain",
    published: date | None = None,
    outlet: str | None = None,
) -> RawDocument:
    content = text.encode("utf-8") if isinstance(text, str) else text
    return RawDocument(
        source="tests/doc.txt",
        content=content,
        media_type=media_type,
        published=published,
        outlet=outlet,
    )


def cleaned(text: str | bytes, **kwargs) -> Article:
    result = clean_document(raw(text, **kwargs))
    assert isinstance(result, Article), result
    return result


# --- front matter ------------------------------------------------------------------------------


def test_front_matter_fields_become_article_metadata():
    text = (
        "---\n"
        "title: Diesel van stopped outside Qasr\n"
        "published: 2025-03-12\n"
        "outlet: Orchard Valley Times\n"
        "url: https://example.invalid/diesel-van\n"
        "---\n" + BODY
    )
    article = cleaned(text)
    assert article.title == "Diesel van stopped outside Qasr"
    assert article.published == date(2025, 3, 12)
    assert article.published_from == "metadata"
    assert article.outlet == "Orchard Valley Times"
    assert article.url == "https://example.invalid/diesel-van"


def test_front_matter_is_not_part_of_the_text():
    text = "---\ntitle: Diesel van stopped\npublished: 2025-03-12\n---\n" + BODY
    article = cleaned(text)
    assert article.text == BODY
    assert "published:" not in article.text
    assert "---" not in article.text


def test_front_matter_opener_may_carry_a_comment():
    text = (
        "--- # saved from the web, trimmed by hand\n"
        "published: 2025-03-12\n"
        "outlet: Hill Gazette\n"
        "---\n"
    )
    article = cleaned(text + BODY)
    assert article.published == date(2025, 3, 12)
    assert article.outlet == "Hill Gazette"
    assert article.text == BODY


def test_front_matter_keys_are_case_insensitive():
    article = cleaned("---\nPublished: 2025-03-12\nOutlet: Hill Gazette\n---\n" + BODY)
    assert article.published == date(2025, 3, 12)
    assert article.outlet == "Hill Gazette"


def test_first_line_repeating_the_front_matter_title_is_dropped():
    text = (
        "---\ntitle: Diesel van stopped outside Qasr\n---\nDiesel van stopped outside Qasr\n" + BODY
    )
    article = cleaned(text)
    assert article.title == "Diesel van stopped outside Qasr"
    assert article.text == BODY


def test_dashes_not_at_the_start_are_not_front_matter():
    text = f"{LEAD}\n---\npublished: 2025-03-12\n---\n{SECOND}"
    article = cleaned(text)
    assert article.published is None
    assert "published: 2025-03-12" in article.text


def test_unparseable_front_matter_is_kept_as_text_without_crashing():
    text = "---\ntitle: [unclosed\n---\n" + BODY
    article = cleaned(text)
    assert LEAD in article.text
    assert article.published is None


@pytest.mark.parametrize(("value", "title"), [("1984", "1984"), ("2025-03-12", "2025-03-12")])
def test_front_matter_title_that_yaml_reads_as_a_number_or_date_is_its_text(value, title):
    article = cleaned(f"---\ntitle: {value}\n---\n" + BODY)
    assert article.title == title
    assert article.text.endswith(SECOND)


@pytest.mark.parametrize(("value", "kind"), [("[Border, Fuel]", "a list"), ("{a: b}", "a mapping")])
def test_front_matter_title_that_is_not_text_refuses_the_document_in_one_line(value, kind):
    result = clean_document(raw(f"---\ntitle: {value}\n---\n" + BODY))
    assert result == Skipped(
        "tests/doc.txt", "clean", f"front matter: 'title' must be text, not {kind}"
    )


def test_front_matter_with_impossible_calendar_date_does_not_crash():
    result = clean_document(
        raw("---\npublished: 2025-02-30\n---\n" + BODY, published=date(2025, 3, 1))
    )
    assert isinstance(result, Article)
    assert result.published == date(2025, 3, 1)


# --- media types -------------------------------------------------------------------------------

HTML_PAGE = """<!DOCTYPE html>
<html><head>
<title>Diesel van stopped outside Qasr | Hill Gazette</title>
<meta property="og:title" content="Diesel van stopped outside Qasr">
<meta property="og:site_name" content="Hill Gazette">
<meta property="og:url" content="https://example.invalid/qasr-diesel">
<meta property="article:published_time" content="2025-03-12T07:30:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/region">Region</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/contact">Contact us</a></li></ul></nav>
<article>
<h1>Diesel van stopped outside Qasr</h1>
<p>{lead}</p>
<p>{second}</p>
<p>Leave a Reply</p>
</article>
<footer><p>Subscribe to our daily newsletter for more stories.</p>
<p>Copyright 2025 Hill Gazette. All rights reserved.</p></footer>
</body></html>
"""


def test_html_page_main_text_is_extracted_without_markup_or_navigation():
    html = HTML_PAGE.format(lead=LEAD, second=SECOND)
    article = cleaned(html, media_type="text/html")
    assert LEAD in article.text
    assert SECOND in article.text
    assert "<" not in article.text
    assert "Contact us" not in article.text
    assert "All rights reserved" not in article.text


def test_html_page_metadata_becomes_article_fields():
    html = HTML_PAGE.format(lead=LEAD, second=SECOND)
    article = cleaned(html, media_type="text/html", published=date(2000, 1, 1))
    assert article.title == "Diesel van stopped outside Qasr"
    assert article.outlet == "Hill Gazette"
    assert article.url == "https://example.invalid/qasr-diesel"
    assert article.published == date(2025, 3, 12)
    assert article.published_from == "metadata"


def test_furniture_inside_html_article_is_removed():
    html = HTML_PAGE.format(lead=LEAD, second=SECOND)
    article = cleaned(html, media_type="text/html")
    assert "Leave a Reply" not in article.text
    assert "Leave a Reply" in article.removed_lines


def test_html_markup_in_a_txt_file_is_not_parsed_as_html():
    html = HTML_PAGE.format(lead=LEAD, second=SECOND)
    article = cleaned(html, media_type="text/plain")
    assert "<p>" in article.text


def test_html_page_without_article_text_is_skipped():
    html = (
        "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    )
    result = clean_document(raw(html, media_type="text/html"))
    assert isinstance(result, Skipped)
    assert result.stage == "clean"


def test_markdown_document_uses_front_matter_rules():
    article = cleaned("---\npublished: 2025-03-12\n---\n" + BODY, media_type="text/markdown")
    assert article.published == date(2025, 3, 12)
    assert article.text == BODY


# --- page furniture ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "furniture",
    [
        "Leave a Reply",
        "Leave a comment",
        "Related Items",
        "Related articles:",
        "Join our Weekly Newsletter",
        "Subscribe to our morning newsletter today",
        "For the latest news follow us on Twitter",
        "Please follow us on Telegram for breaking updates",
        "8 + 17 =",
        "12 x 3 = ?",
        "Share this article",
        "Share on Facebook",
        "Share | Tweet | Email",
        "Facebook Twitter WhatsApp",
        "Print",
        "File photo",
        "Archive picture.",
        "Advertisement",
        "Your email address will not be published.",
        "Required fields are marked *",
        "Tags: Lebanon, Syria, border",
        "Skip to main content",
        "Copyright 2025 Hill Gazette",
        "Read more: army statement on fuel",
    ],
)
def test_furniture_line_is_removed_and_recorded(furniture):
    article = cleaned(f"{LEAD}\n{furniture}\n{SECOND}")
    assert article.text == BODY
    assert furniture in article.removed_lines


def test_furniture_rules_match_whole_lines_only():
    sentence = (
        "Residents said they would leave a reply to the ministry once the road "
        "through the village reopened."
    )
    article = cleaned(f"{LEAD}\n{sentence}")
    assert sentence in article.text


def test_body_sentence_with_arithmetic_is_kept():
    sentence = "Officials said 8 + 17 = 25 trucks crossed in total on the two days, a new record."
    article = cleaned(f"{LEAD}\n{sentence}")
    assert sentence in article.text


def test_caption_ending_in_file_photo_is_removed():
    caption = "Smoke rises over the hills east of Hermel. File photo"
    article = cleaned(f"{caption}\n{BODY}")
    assert caption not in article.text
    assert caption in article.removed_lines
    assert article.text == BODY


def test_caption_with_photo_credit_is_removed():
    caption = "A checkpoint on the road to the crossing (Photo: Hill Gazette)"
    article = cleaned(f"{LEAD}\n{caption}\n{SECOND}")
    assert article.text == BODY


def test_repeated_line_is_kept_once():
    article = cleaned(f"{LEAD}\n{SECOND}\n{LEAD}")
    assert article.text == BODY
    assert article.text.count(LEAD) == 1
    assert LEAD in article.removed_lines


def test_repeated_line_detection_ignores_case_and_surrounding_space():
    article = cleaned(f"{LEAD}\n{SECOND}\n   {LEAD.upper()}  ")
    assert article.text == BODY


def test_blank_lines_are_dropped():
    article = cleaned(f"\n\n{LEAD}\n\n\n{SECOND}\n\n")
    assert article.text == BODY


def test_windows_line_endings_do_not_leak_into_text():
    article = cleaned(f"{LEAD}\r\nLeave a Reply\r\n{SECOND}\r\n")
    assert "\r" not in article.text
    assert article.text == BODY


# --- metadata lines ----------------------------------------------------------------------------


def test_source_line_becomes_outlet():
    article = cleaned(f"Source: Orchard Valley Times\n{BODY}")
    assert article.outlet == "Orchard Valley Times"
    assert "Source:" not in article.text


def test_source_line_beats_cli_outlet():
    article = cleaned(f"Source: Orchard Valley Times\n{BODY}", outlet="Command Line Outlet")
    assert article.outlet == "Orchard Valley Times"


def test_cli_outlet_used_when_document_names_none():
    article = cleaned(BODY, outlet="Command Line Outlet")
    assert article.outlet == "Command Line Outlet"


def test_front_matter_outlet_beats_source_line():
    article = cleaned(f"---\noutlet: Hill Gazette\n---\nSource: Orchard Valley Times\n{BODY}")
    assert article.outlet == "Hill Gazette"


def test_byline_becomes_author():
    article = cleaned(f"By Jane Doe\n{BODY}")
    assert article.author == "Jane Doe"
    assert article.title != "By Jane Doe"
    assert "Jane Doe" not in article.text


def test_lowercase_byline_becomes_author():
    article = cleaned(f"by Rami Haddad\n{BODY}")
    assert article.author == "Rami Haddad"
    assert "Rami Haddad" not in article.text


def test_sentence_starting_with_by_is_not_a_byline():
    sentence = "By nightfall the army had sealed every road into the village, witnesses said."
    article = cleaned(f"{LEAD}\n{sentence}")
    assert article.author is None
    assert sentence in article.text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Friday 31 October 2025 10:10:13", date(2025, 10, 31)),
        ("Friday, 31 October 2025", date(2025, 10, 31)),
        ("October 31, 2025", date(2025, 10, 31)),
        ("Oct 31, 2025 | 4:05 pm", date(2025, 10, 31)),
        ("2025-10-31", date(2025, 10, 31)),
        ("3 Mar 2024 09:15 GMT", date(2024, 3, 3)),
    ],
)
def test_standalone_dateline_becomes_publication_date(line, expected):
    article = cleaned(f"{line}\n{BODY}")
    assert article.published == expected
    assert article.published_from == "dateline"
    assert line not in article.text
    assert line in article.removed_lines


def test_date_inside_a_sentence_is_not_a_dateline():
    sentence = "The crossing has been closed since 31 October 2025 after heavy shelling nearby."
    article = cleaned(f"{sentence}\n{BODY}")
    assert article.published is None
    assert sentence in article.text


def test_line_shaped_like_a_date_but_impossible_is_kept_as_text():
    article = cleaned(f"31 Smarch 2025\n{BODY}")
    assert article.published is None


# --- publication date precedence ---------------------------------------------------------------


def test_dateline_beats_cli_default():
    article = cleaned(f"Friday 31 October 2025 10:10:13\n{BODY}", published=date(2025, 1, 1))
    assert article.published == date(2025, 10, 31)
    assert article.published_from == "dateline"


def test_metadata_date_beats_dateline():
    text = "---\npublished: 2025-10-30\n---\nFriday 31 October 2025 10:10:13\n" + BODY
    article = cleaned(text, published=date(2025, 1, 1))
    assert article.published == date(2025, 10, 30)
    assert article.published_from == "metadata"


def test_metadata_date_as_quoted_string_beats_cli_default():
    article = cleaned(
        '---\npublished: "2025-10-30T09:00:00Z"\n---\n' + BODY, published=date(2025, 1, 1)
    )
    assert article.published == date(2025, 10, 30)
    assert article.published_from == "metadata"


def test_cli_default_used_when_document_has_no_date():
    article = cleaned(BODY, published=date(2025, 1, 1))
    assert article.published == date(2025, 1, 1)
    assert article.published_from == "cli"


def test_no_date_anywhere_leaves_publication_unknown():
    article = cleaned(BODY)
    assert article.published is None
    assert article.published_from == "unknown"


def test_unparseable_metadata_date_falls_back_to_cli_default():
    article = cleaned("---\npublished: last Tuesday\n---\n" + BODY, published=date(2025, 1, 1))
    assert article.published == date(2025, 1, 1)
    assert article.published_from == "cli"


# --- skipped documents -------------------------------------------------------------------------


def test_binary_content_is_skipped():
    result = clean_document(raw(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)))
    assert isinstance(result, Skipped)
    assert result.stage == "clean"
    assert "binary" in result.reason


def test_control_heavy_content_without_nul_is_skipped_as_binary():
    result = clean_document(raw(bytes(range(1, 32)) * 20))
    assert isinstance(result, Skipped)
    assert "binary" in result.reason


def test_empty_document_is_skipped_with_reason():
    result = clean_document(raw(b""))
    assert isinstance(result, Skipped)
    assert result.stage == "clean"
    assert result.reason
    assert result.source == "tests/doc.txt"


def test_whitespace_only_document_is_skipped():
    result = clean_document(raw("  \n\n\t\n  "))
    assert isinstance(result, Skipped)


def test_furniture_only_document_is_skipped_with_reason():
    text = (
        "Leave a Reply\nRelated Items\nShare | Tweet | Email\n8 + 17 =\n"
        "Join our Weekly Newsletter\n"
    )
    result = clean_document(raw(text))
    assert isinstance(result, Skipped)
    assert "furniture" in result.reason


def test_front_matter_only_document_is_skipped():
    result = clean_document(raw("---\ntitle: Nothing here\npublished: 2025-03-12\n---\n"))
    assert isinstance(result, Skipped)


@pytest.mark.parametrize("text", ["Share", "Click here!", "1 2 3 Next", "Home\nNews\nContact us"])
def test_too_short_text_that_is_no_prose_is_skipped(text):
    result = clean_document(raw(text))
    assert isinstance(result, Skipped)


@pytest.mark.parametrize("text", ["They were all killed.", "Rebels Seize Border Town in Dawn Raid"])
def test_one_short_line_of_prose_is_read(text):
    """The floor is against furniture, not short news: a brief or a headline alone is read."""
    result = clean_document(raw(text))
    assert isinstance(result, Article)
    assert result.text == text


# --- decoding ----------------------------------------------------------------------------------


def test_decode_utf8_with_bom():
    assert decode("\ufeffQusayr – Hermel".encode()) == "Qusayr – Hermel"


def test_decode_normalises_line_endings():
    assert decode(b"one\r\ntwo\rthree\n") == "one\ntwo\nthree\n"


def test_decode_returns_none_for_nul_bytes():
    assert decode(b"plain words\x00more words") is None


def test_decode_invalid_utf8_does_not_raise():
    text = decode(b"The army said \xff\xfe it closed the road \xc3 near Arsal.")
    assert isinstance(text, str)
    assert "near Arsal" in text


def test_decode_latin1_text():
    original = "The café owner in Chtaura said the road to the crossing reopened at noon."
    assert decode(original.encode("latin-1")) == original


@pytest.mark.parametrize(
    "original",
    [
        "The army said on Monday – a “precaution” – that the road was shut.",
        "“We heard shelling all night,” a resident of Qasr said.",
        "Officials called it a ‘temporary’ closure – nothing more.",
        "Café owners in Chtaura said the army closed the road to the crossing for three hours "
        "on Monday – a “precaution”.",
    ],
)
def test_decode_cp1252_smart_quotes_and_dashes(original):
    assert decode(original.encode("cp1252")) == original


def test_cp1252_document_cleans_to_article():
    text = f"Source: Hill Gazette\n{LEAD} The café stayed shut.\n{SECOND}"
    article = cleaned(text.encode("cp1252"))
    assert article.outlet == "Hill Gazette"
    assert "Qasr" in article.text


# --- content key -------------------------------------------------------------------------------


def test_content_key_ignores_case_and_whitespace():
    assert content_key("Army  closes\nthe Crossing") == content_key("army closes the crossing ")


def test_content_key_differs_for_different_text():
    assert content_key("army closes the crossing") != content_key("army opens the crossing")


def test_same_article_with_different_furniture_gets_same_doc_key():
    plain = cleaned(BODY)
    dressed = cleaned(
        "--- # copy from another site\noutlet: Hill Gazette\n---\n"
        f"By Jane Doe\nFriday 31 October 2025\n{LEAD}\nShare | Tweet\n{SECOND}\nLeave a Reply\n"
    )
    assert plain.doc_key == dressed.doc_key


def test_different_articles_get_different_doc_keys():
    other = cleaned(f"{LEAD}\nNobody was detained and the van was later released to its owner.")
    assert other.doc_key != cleaned(BODY).doc_key


# --- properties --------------------------------------------------------------------------------

MEDIA_TYPES = st.sampled_from(["text/plain", "text/markdown", "text/html"])
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(content=st.binary(max_size=3000), media_type=MEDIA_TYPES)
def test_random_bytes_never_raise(content, media_type):
    result = clean_document(RawDocument("fuzz", content, media_type))
    assert isinstance(result, Article | Skipped)


@FAST
@given(text=st.text(max_size=3000), media_type=MEDIA_TYPES)
def test_random_text_never_raises(text, media_type):
    content = text.encode("utf-8", errors="surrogatepass")
    result = clean_document(RawDocument("fuzz", content, media_type))
    assert isinstance(result, Article | Skipped)


LINE_PIECES = st.sampled_from(
    [
        LEAD,
        SECOND,
        "Leave a Reply",
        "By Jane Doe",
        "Source: Hill Gazette",
        "8 + 17 =",
        "---",
        "title: x",
        "Friday 31 October 2025 10:10:13",
        "File photo",
        "",
        "Share | Tweet",
    ]
)


@FAST
@given(lines=st.lists(st.one_of(LINE_PIECES, st.text(max_size=80)), max_size=25))
def test_random_mix_of_news_and_furniture_lines_never_raises(lines):
    result = clean_document(
        RawDocument("fuzz", "\n".join(lines).encode("utf-8", "surrogatepass"), "text/plain")
    )
    assert isinstance(result, Article | Skipped)
    if isinstance(result, Article):
        assert "Leave a Reply" not in result.text.split("\n")


@FAST
@given(
    key=st.sampled_from(["title", "published", "outlet", "url"]),
    value=st.one_of(
        st.integers(),
        st.dates().map(date.isoformat),
        st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=30),
        st.just("[a, b]"),
    ),
)
@example(key="title", value="1984")
def test_front_matter_with_any_scalar_value_never_raises(key, value):
    text = f"---\n{key}: {value}\n---\n{BODY}"
    result = clean_document(RawDocument("fuzz", text.encode("utf-8"), "text/plain"))
    assert isinstance(result, Article | Skipped)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_with_a_byte_order_mark_is_text(encoding):
    text = LEAD + "\n" + SECOND
    content = text.encode(encoding)
    if encoding != "utf-16":  # the plain codec writes its own mark
        content = ("\ufeff" + text).encode(encoding)
    article = cleaned(content)
    assert article.text == text
