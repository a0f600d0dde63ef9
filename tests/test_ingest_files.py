"""Reading files, directories and JSONL dumps, including the bad ones a real folder holds."""

from __future__ import annotations

import json
import os
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderwatch.clean import clean_document
from borderwatch.ingest import read_inputs
from borderwatch.model import Article, NotEnglish, RawDocument, Skipped

LEAD = (
    "Lebanese soldiers stopped a van carrying smuggled diesel on a dirt track outside Qasr "
    "on Wednesday evening, a military source said."
)
SECOND = "Two men were detained and about 4,000 litres of fuel were handed over to customs."
BODY = f"{LEAD}\n{SECOND}\n"


def read(*paths: Path | str, **kwargs: object) -> list[RawDocument | Skipped]:
    return list(read_inputs([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]


def only(records: list[RawDocument | Skipped]) -> RawDocument | Skipped:
    assert len(records) == 1, records
    return records[0]


# --- plain files and directories ---------------------------------------------------------------


def test_directory_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b" / "c.md").write_text(BODY, encoding="utf-8")
    (tmp_path / "b" / "d.html").write_text(f"<p>{LEAD}</p>", encoding="utf-8")
    (tmp_path / "b" / "e.jsonl").write_text(json.dumps({"text": BODY}) + "\n", encoding="utf-8")
    (tmp_path / "b" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    records = read(tmp_path)
    assert [Path(r.source).name for r in records] == ["a.txt", "c.md", "d.html", "e.jsonl:1"]
    assert [r.media_type for r in records if isinstance(r, RawDocument)] == [
        "text/plain",
        "text/markdown",
        "text/html",
        "text/plain",
    ]


def test_defaults_apply_to_files(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    raw = only(
        read(path, published=date(2025, 3, 1), outlet="Hill Gazette", url="https://x.test/a")
    )
    assert isinstance(raw, RawDocument)
    assert (raw.published, raw.outlet, raw.url) == (
        date(2025, 3, 1),
        "Hill Gazette",
        "https://x.test/a",
    )


def test_front_matter_in_a_markdown_file_becomes_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: Diesel van stopped\npublished: 2025-03-12\noutlet: Hill Gazette\n"
        "url: https://x.test/diesel\n---\n" + BODY,
        encoding="utf-8",
    )
    article = clean_document(only(read(path)))  # type: ignore[arg-type]
    assert isinstance(article, Article)
    assert (article.title, article.published, article.outlet, article.url) == (
        "Diesel van stopped",
        date(2025, 3, 12),
        "Hill Gazette",
        "https://x.test/diesel",
    )


@pytest.mark.parametrize(
    ("name", "content", "stage", "reason"),
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300), "clean", "binary"),
        ("empty.txt", b"", "clean", "no article text"),
        ("furniture.txt", b"Leave a Reply\nRelated Items\n8 + 17 =\nShare | Tweet\n", "clean", ""),
        ("notes.pdf", b"%PDF-1.4", "ingest", "unsupported file type '.pdf'"),
    ],
)
def test_bad_file_gets_one_line_naming_it(
    tmp_path: Path, name: str, content: bytes, stage: str, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = only(read(path))
    if isinstance(result, RawDocument):
        result = clean_document(result)
    assert isinstance(result, Skipped)
    assert (result.source, result.stage) == (str(path), stage)
    assert reason in result.reason
    assert "\n" not in result.line()


def test_missing_path_and_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    missing, empty = only(read(tmp_path / "nope.txt")), only(read(tmp_path / "empty"))
    assert isinstance(missing, Skipped) and "no such file" in missing.reason
    assert isinstance(empty, Skipped) and "holds no" in empty.reason


def test_200_megabyte_file_is_refused_without_being_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: takes no disk, reads as zeros
    started = time.monotonic()
    result = only(read(huge))
    assert isinstance(result, Skipped)
    assert "209,715,200 bytes, over the 5,000,000 limit" in result.reason
    assert time.monotonic() - started < 1.0


@pytest.mark.parametrize(
    "content",
    [
        f"{LEAD} The café stayed shut – a “precaution”.\n{SECOND}".encode("cp1252"),
        f"{LEAD} The café stayed shut.\n{SECOND}".encode("latin-1"),
        f"{LEAD} \xff\xfe broken bytes \xc3 here.\n{SECOND}".encode("latin-1"),
        f"\ufeff{LEAD}\r\n{SECOND}\r\n".encode(),
    ],
    ids=["cp1252", "latin-1", "invalid-utf8", "utf8-bom-crlf"],
)
def test_legacy_and_invalid_encodings_still_give_the_article(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(content)
    article = clean_document(only(read(path)))  # type: ignore[arg-type]
    assert isinstance(article, Article)
    assert "outside Qasr" in article.text and "customs" in article.text


def test_html_declaring_a_legacy_charset_is_decoded_with_it(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        f"</head><body><article><p>{LEAD} The café stayed shut.</p><p>{SECOND}</p></article>"
        "</body></html>"
    )
    path = tmp_path / "a.html"
    path.write_bytes(page.encode("cp1252"))
    article = clean_document(only(read(path)))  # type: ignore[arg-type]
    assert isinstance(article, Article) and "café" in article.text


# --- JSONL dumps -------------------------------------------------------------------------------


def write_jsonl(path: Path, *lines: object) -> Path:
    with path.open("wb") as handle:
        for line in lines:
            raw = line if isinstance(line, bytes) else json.dumps(line).encode()
            handle.write(raw + b"\n")
    return path


def test_jsonl_records_become_documents_with_their_metadata(tmp_path: Path) -> None:
    dump = write_jsonl(
        tmp_path / "dump.jsonl",
        {
            "text": BODY,
            "title": "Diesel van stopped",
            "url": "https://x.test/1",
            "published": "2025-03-12T08:00:00Z",
            "outlet": "Hill Gazette",
            "language": "en",
        },
        {"html": f"<html><body><article><p>{LEAD}</p><p>{SECOND}</p></article></body></html>"},
    )
    first, second = read(dump, outlet="Default Outlet", published=date(2020, 1, 1))
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.source == f"{dump}:1"
    assert (first.title, first.url, first.published, first.outlet) == (
        "Diesel van stopped",
        "https://x.test/1",
        date(2025, 3, 12),
        "Hill Gazette",
    )
    assert (second.media_type, second.outlet, second.published) == (
        "text/html",
        "Default Outlet",
        date(2020, 1, 1),
    )
    article = clean_document(first)
    assert isinstance(article, Article) and article.title == "Diesel van stopped"


def test_bad_jsonl_lines_are_skipped_one_by_one(tmp_path: Path) -> None:
    dump = write_jsonl(
        tmp_path / "dump.jsonl",
        b"{not json",
        [1, 2, 3],
        {"title": "no text"},
        {"text": "Le Liban et la Syrie ont signe un accord.", "language": "fr"},
        b"",
        {"text": BODY, "published": "last Tuesday"},
    )
    records = read(dump, max_bytes=10_000)
    reasons = [(r.source, r.reason if isinstance(r, Skipped) else "ok") for r in records]
    assert reasons == [
        (f"{dump}:1", reasons[0][1]),
        (f"{dump}:2", "a JSON object per line is expected"),
        (f"{dump}:3", "record has no text or html"),
        (f"{dump}:4", "not English (declared: fr)"),
        (f"{dump}:6", "ok"),
    ]
    assert reasons[0][1].startswith("not valid JSON")
    declared = records[3]
    assert isinstance(declared, NotEnglish) and declared.language == "fr"
    assert declared.text == "Le Liban et la Syrie ont signe un accord."
    assert records[-1].published is None  # type: ignore[union-attr]


def test_oversized_jsonl_line_is_skipped_and_the_next_one_read(tmp_path: Path) -> None:
    dump = write_jsonl(tmp_path / "dump.jsonl", {"text": "x" * 50_000}, {"text": BODY})
    records = read(dump, max_bytes=10_000)
    assert isinstance(records[0], Skipped) and "over the 10,000-byte limit" in records[0].reason
    assert isinstance(records[1], RawDocument) and records[1].source == f"{dump}:2"


def test_binary_file_named_jsonl_is_one_error(tmp_path: Path) -> None:
    huge = tmp_path / "huge.jsonl"
    with huge.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    started = time.monotonic()
    result = only(read(huge))
    assert isinstance(result, Skipped) and "binary file, not JSON lines" in result.reason
    assert time.monotonic() - started < 2.0


# --- properties: random bytes and random HTML never break a reader -----------------------------

FAST = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
SUFFIXES = st.sampled_from([".txt", ".md", ".html", ".jsonl"])

TAGS = st.sampled_from(["p", "div", "article", "nav", "aside", "script", "h1", "li", "span"])
HTML = st.recursive(
    st.text(max_size=60).map(lambda t: t.replace("<", " ")),
    lambda inner: st.tuples(TAGS, st.lists(inner, max_size=4)).map(
        lambda pair: f"<{pair[0]}>{''.join(pair[1])}</{pair[0]}>"
    ),
    max_leaves=25,
)


def check_all_records(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    try:
        for record in read(path, max_bytes=20_000):
            assert isinstance(record, RawDocument | Skipped)
            if isinstance(record, RawDocument):
                assert isinstance(clean_document(record), Article | Skipped)
    finally:
        os.unlink(path)


@FAST
@given(content=st.binary(max_size=4000), suffix=SUFFIXES)
def test_random_bytes_never_break_the_file_readers(
    tmp_path_factory: pytest.TempPathFactory, content: bytes, suffix: str
) -> None:
    check_all_records(tmp_path_factory.mktemp("fuzz"), f"doc{suffix}", content)


@FAST
@given(html=HTML)
def test_random_html_never_breaks_the_readers(
    tmp_path_factory: pytest.TempPathFactory, html: str
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    page = f"<html><body>{html}</body></html>"
    check_all_records(folder, "page.html", page.encode("utf-8", "surrogatepass"))
    record = json.dumps({"html": page}).encode()
    check_all_records(folder, "dump.jsonl", record)
