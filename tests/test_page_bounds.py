"""Web pages that would make main-text extraction slow (deep nesting, tens of thousands of
elements) are refused in one line naming the page, before extraction; ordinary pages, and the
documents beside a refused one, go through as before."""

from __future__ import annotations

from pathlib import Path

from borderwatch.clean import clean_document
from borderwatch.ingest import read_inputs
from borderwatch.ingest.pagebounds import MAX_PAGE_DEPTH, MAX_PAGE_ELEMENTS, page_refusal
from borderwatch.model import Article, RawDocument, Skipped
from borderwatch.pipeline import Pipeline, summarise
from borderwatch.store import Store

PARAGRAPH = (
    "<p>Soldiers clashed with gunmen near the border town of Arsal on Friday, killing two of "
    "them, a security source said.</p>"
)


def page(body: str) -> str:
    return f"<html><head><title>Clashes near the border</title></head><body>{body}</body></html>"


def nested(levels: int) -> str:
    return page("<div>" * levels + PARAGRAPH * 3 + "</div>" * levels)


def raw(markup: str, name: str) -> RawDocument:
    return RawDocument(source=name, content=markup.encode(), media_type="text/html")


def test_an_ordinary_page_is_read_and_bounded_ones_are_refused_naming_why() -> None:
    ordinary = page("<div><article>" + PARAGRAPH * 40 + "</article></div>" + "<nav>x</nav>" * 50)
    assert page_refusal(ordinary) is None
    assert isinstance(clean_document(raw(ordinary, "ordinary.html")), Article)
    assert page_refusal(nested(MAX_PAGE_DEPTH - 10)) is None
    deep = clean_document(raw(nested(MAX_PAGE_DEPTH + 50), "deep.html"))
    assert isinstance(deep, Skipped) and deep.stage == "clean"
    assert f"nested over {MAX_PAGE_DEPTH} levels" in deep.reason
    assert deep.line().startswith("deep.html") and "\n" not in deep.line()
    crowded = page(("<div>" + PARAGRAPH + "</div>") * (MAX_PAGE_ELEMENTS // 2 + 10))
    refused = clean_document(raw(crowded, "crowded.html"))
    assert isinstance(refused, Skipped) and f"over {MAX_PAGE_ELEMENTS:,} elements" in refused.reason
    assert f"{len(crowded.encode()):,} bytes" in refused.reason


def test_unclosed_paragraphs_are_not_counted_as_nesting() -> None:
    """HTML lets ``<p>`` and ``<li>`` go unclosed: hundreds of them are siblings, not depth."""
    loose = page("<div>" + "<p>A line of text on the border" * 400 + "</div>")
    assert page_refusal(loose) is None


def test_a_refused_page_fails_alone_and_the_batch_goes_on(pipeline: Pipeline, tmp_path: Path):
    (tmp_path / "a_deep.html").write_text(nested(MAX_PAGE_DEPTH * 2), encoding="utf-8")
    (tmp_path / "b_fine.html").write_text(page(PARAGRAPH * 5), encoding="utf-8")
    store = Store(str(tmp_path / "pages.db"))
    report = summarise(pipeline.ingest(store, read_inputs([str(tmp_path)])))
    assert report.read == 2 and report.mentions >= 1
    assert [f.source.endswith("a_deep.html") for f in report.failed] == [True]
    assert "levels deep" in report.failed[0].reason
    assert store.document_count() == 1
    assert [f["stage"] for f in store.failures()] == ["clean"]
