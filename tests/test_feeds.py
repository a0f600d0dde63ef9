"""RSS/Atom feeds: parsing, reading each entry's page from a local server, the sample feeds file."""

from __future__ import annotations

from datetime import date
from importlib import resources

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderwatch.clean import clean_document
from borderwatch.ingest import NotAFeed, parse_feed, read_inputs
from borderwatch.model import Article, RawDocument, Skipped
from borderwatch.watch import load_sources

from .test_ingest_url import LEAD, SECOND, LocalSite, Page, html_page, site  # noqa: F401

BASE = "https://news.example.org/feeds/border.xml"


def rss(*items: str, title: str = "Hill Gazette - Border") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://news.example.org/</link>"
        f"{''.join(items)}</channel></rss>"
    ).encode()


def item(link: str, title: str = "A story", date_text: str | None = None) -> str:
    published = f"<pubDate>{date_text}</pubDate>" if date_text else ""
    return f"<item><title>{title}</title><link>{link}</link>{published}</item>"


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Border desk</title>
<entry><title>Crossing reopens</title><link href="/2025/03/crossing"/>
<updated>2025-03-14T09:00:00Z</updated><id>tag:x,1</id></entry>
</feed>"""


# --- parsing -----------------------------------------------------------------------------------


def test_rss_entries_have_absolute_links_titles_and_dates() -> None:
    entries = parse_feed(
        rss(
            item("https://news.example.org/a", "Army stops van", "Wed, 12 Mar 2025 08:00:00 +0000"),
            item("/b", "Relative link"),
            "<item><title>No link at all</title></item>",
            item("mailto:desk@example.org", "Not a page"),
        ),
        BASE,
    )
    assert [(e.link, e.title, e.published) for e in entries] == [
        ("https://news.example.org/a", "Army stops van", date(2025, 3, 12)),
        ("https://news.example.org/b", "Relative link", None),
    ]


def test_atom_entries_are_read() -> None:
    [entry] = parse_feed(ATOM, BASE)
    assert entry.link == "https://news.example.org/2025/03/crossing"
    assert entry.title == "Crossing reopens"
    assert entry.published == date(2025, 3, 14)


def test_rss_1_rdf_is_read() -> None:
    rdf = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"><title>T</title></channel>
    <item rdf:about="https://news.example.org/r"><title>R</title>
    <link>https://news.example.org/r</link></item></rdf:RDF>"""
    assert [e.link for e in parse_feed(rdf, BASE)] == ["https://news.example.org/r"]


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (html_page([LEAD], title="Front page").encode(), "an HTML page"),
        (b"", "unreadable"),
        (b"\x00\x01\x02 binary", "unreadable"),
        (b'{"items": []}', "unreadable"),
    ],
)
def test_anything_but_a_feed_is_not_a_feed(content: bytes, kind: str) -> None:
    with pytest.raises(NotAFeed, match=f"not an RSS/Atom feed \\({kind}\\)"):
        parse_feed(content, BASE)


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(content=st.one_of(st.binary(max_size=3000), st.text(max_size=2000).map(str.encode)))
def test_random_bytes_either_parse_or_raise_not_a_feed(content: bytes) -> None:
    try:
        entries = parse_feed(content, BASE)
    except NotAFeed:
        return
    assert all(e.link.startswith(("http://", "https://")) for e in entries)


# --- end to end from a local server -------------------------------------------------------------

DATED_PAGE = html_page([LEAD, SECOND], title="Van stopped", published="2025-03-10")
UNDATED_PAGE = html_page(
    [LEAD.replace("diesel", "cigarettes"), SECOND.replace("fuel", "tobacco")], title="Cigarettes"
)


def test_feed_url_reads_every_entry_page(site: LocalSite) -> None:  # noqa: F811
    site.pages["/rss"] = Page(
        rss(
            item(site.url("/dated"), "Van stopped", "Thu, 13 Mar 2025 10:00:00 GMT"),
            item(site.url("/undated"), "Cigarettes seized", "Fri, 14 Mar 2025 10:00:00 GMT"),
            item(site.url("/broken"), "Broken page"),
        ),
        content_type="application/rss+xml",
    )
    site.pages["/dated"] = Page(DATED_PAGE.encode())
    site.pages["/undated"] = Page(UNDATED_PAGE.encode())
    site.pages["/broken"] = Page(b"oops", status=500)
    dated, undated, broken = read_inputs([site.url("/rss")], allow_private=True)
    assert isinstance(broken, Skipped) and broken.source == site.url("/broken")
    assert "HTTP 500" in broken.reason
    first, second = clean_document(dated), clean_document(undated)  # type: ignore[arg-type]
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.published == date(2025, 3, 10), "the page's own date wins"
    assert second.published == date(2025, 3, 14), "the entry's date when the page has none"
    assert first.url == site.url("/dated")


def test_feed_served_as_html_content_type_is_still_a_feed(site: LocalSite) -> None:  # noqa: F811
    site.pages["/rss"] = Page(rss(item(site.url("/dated"))), content_type="text/html")
    site.pages["/dated"] = Page(DATED_PAGE.encode())
    [record] = read_inputs([site.url("/rss")], allow_private=True)
    assert isinstance(record, RawDocument) and record.source == site.url("/dated")


def test_feed_with_no_entries_is_reported(site: LocalSite) -> None:  # noqa: F811
    site.pages["/rss"] = Page(rss(), content_type="application/rss+xml")
    [record] = read_inputs([site.url("/rss")], allow_private=True)
    assert isinstance(record, Skipped) and "no entries" in record.reason


def test_xml_that_is_neither_feed_nor_page_is_one_error(site: LocalSite) -> None:  # noqa: F811
    sitemap = b'<?xml version="1.0"?><urlset><url><loc>https://x.test/</loc></url></urlset>'
    site.pages["/sitemap.xml"] = Page(sitemap, content_type="application/xml")
    [record] = read_inputs([site.url("/sitemap.xml")], allow_private=True)
    assert isinstance(record, Skipped)
    assert record.reason == "not a page (application/xml)"


def test_html_page_served_as_xml_is_read_as_a_page(site: LocalSite) -> None:  # noqa: F811
    site.pages["/story"] = Page(DATED_PAGE.encode(), content_type="text/xml")
    [record] = read_inputs([site.url("/story")], allow_private=True)
    assert isinstance(record, RawDocument) and record.media_type == "text/html"


# --- the sample feeds file ----------------------------------------------------------------------


def test_sample_feeds_file_lists_public_https_feeds() -> None:
    path = resources.files("borderwatch") / "data" / "feeds.yaml"
    with resources.as_file(path) as feeds:
        sources = load_sources(feeds)
    assert len(sources) >= 5
    assert all(s.kind == "feed" and s.url.startswith("https://") for s in sources)
    assert all(s.outlet for s in sources)
    assert len({s.url for s in sources}) == len(sources)
