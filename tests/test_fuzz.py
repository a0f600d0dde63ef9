"""Fuzzing the readers of untrusted text -- ``clean``, the feed parser, the front-matter reader --
with random bytes, huge lines, deep nesting and odd encodings: no exception escapes but the
reader's own one-line error, and no case takes more than a second."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from borderwatch.clean import clean_document
from borderwatch.ingest.feeds import NotAFeed, parse_feed
from borderwatch.ingest.frontmatter import FrontMatterError, read_front_matter
from borderwatch.model import Article, RawDocument, Skipped

SECOND = 1.0
# Readers' time grows with the input (trafilatura: ~0.2 s per 15 KB of nested <p>, measured on
# this machine), so generated inputs stay within tens of kilobytes; huge lines go to 100 KB.
FUZZ = settings(
    max_examples=60,
    deadline=None,  # timed below, around the call only (hypothesis's deadline counts shrinking)
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
SENTENCE = (
    "Gunmen fired on an army patrol near the border crossing on Monday, a security source said."
)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "latin-1", "cp1252", "cp1256", "koi8-r"]


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    """Load what the readers load once (language model, trafilatura, feedparser) before timing."""
    for media_type in ("text/plain", "text/html"):
        clean_document(RawDocument("warm", f"<p>{SENTENCE}</p>".encode(), media_type))
    # a page whose main text is not found at once: trafilatura loads its fallback extractors
    # on the first such page (about a second of CPU), which is start-up, not the reader's cost
    clean_document(RawDocument("warm", ("<p>" * 50 + SENTENCE).encode(), "text/html"))
    parse_feed(feed(["a"], ""), "https://example.org/feed")


def timed(call: Callable[[], Any]) -> Any:
    """``call()``, asserting it took under a second of this thread's CPU (wall-clock time on
    a machine shared with other test runs says more about them than about the reader, and the
    process's CPU counts the threads earlier tests left running, such as Ray's client)."""
    started = time.thread_time()
    result = call()
    assert time.thread_time() - started < SECOND
    return result


# Text that looks like what the readers expect, with hostile parts spliced in.
hostile_parts = st.one_of(
    st.text(max_size=200),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
    st.integers(1, 3000).map(lambda n: "[" * n + "]" * n),
    st.integers(1, 3000).map(lambda n: "<div>" * n),
    st.integers(1, 3000).map(lambda n: "&a " * n),
    st.integers(10_000, 100_000).map(lambda n: "x" * n),  # one huge line
    st.sampled_from(["\x00", "\ufeff", "\r", "\u2028", "\udcff"[:0], "---\n", "*a", "&a"]),
)
documents = st.lists(st.one_of(hostile_parts, st.just(SENTENCE), st.just("\n")), max_size=12).map(
    "".join
)


@given(content=st.binary(max_size=5000))
@FUZZ
def test_clean_survives_random_bytes(content: bytes) -> None:
    for media_type in ("text/plain", "text/html", "text/markdown"):
        result = timed(lambda mt=media_type: clean_document(RawDocument("fuzz", content, mt)))
        assert isinstance(result, Article | Skipped)


@given(text=documents, encoding=st.sampled_from(ENCODINGS), html=st.booleans())
@FUZZ
@example(text="<p>" * 5000 + SENTENCE, encoding="utf-8", html=True)
@example(text=SENTENCE * 3000, encoding="utf-16", html=False)
def test_clean_survives_hostile_text_in_odd_encodings(text: str, encoding: str, html: bool) -> None:
    content = text.encode(encoding, "replace")
    media_type = "text/html" if html else "text/plain"
    result = timed(lambda: clean_document(RawDocument("fuzz", content, media_type)))
    assert isinstance(result, Article | Skipped)
    if isinstance(result, Skipped):
        assert "\n" not in result.reason


@given(body=documents)
@FUZZ
@example(body="title: " + "[" * 10_000)
@example(body="a: &a [" + ", ".join(["x"] * 50) + "]\nb: [*a, *a]")
@example(body="title: " + "y" * 100_000)
@example(body="!!python/object/apply:os.system ['true']")
def test_front_matter_reader_raises_only_its_own_error(body: str) -> None:
    text = f"---\n{body}\n---\n{SENTENCE}"
    try:
        rest, fields = timed(lambda: read_front_matter(text))
    except FrontMatterError as exc:
        assert "\n" not in str(exc)
        return
    assert set(fields) <= {"title", "outlet", "url", "author", "published"}
    assert rest.endswith(SENTENCE)


def feed(items: list[str], wrapper: str) -> bytes:
    body = "".join(
        f"<item><title>{t}</title><link>https://example.org/{n}</link></item>"
        for n, t in enumerate(items)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel>{wrapper}{body}</channel></rss>'.encode()
    )


@given(items=st.lists(hostile_parts, max_size=6), wrapper=hostile_parts)
@FUZZ
@example(items=["<b>" * 5_000], wrapper="")
def test_feed_parser_raises_only_not_a_feed(items: list[str], wrapper: str) -> None:
    try:
        entries = timed(lambda: parse_feed(feed(items, wrapper), "https://example.org/feed"))
    except NotAFeed:
        return
    for entry in entries:
        assert entry.link.startswith(("http://", "https://"))


@given(content=st.binary(max_size=5000))
@FUZZ
def test_feed_parser_survives_random_bytes(content: bytes) -> None:
    with contextlib.suppress(NotAFeed):
        timed(lambda: parse_feed(content, "https://example.org/feed"))


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<rss version="2.0"><channel><item><title>&lol9;</title><link>https://example.org/a</link></item>
</channel></rss>"""


@pytest.mark.parametrize("content", [BILLION_LAUGHS])
def test_feed_parser_does_not_expand_entity_bombs(content: bytes) -> None:
    try:
        entries = timed(lambda: parse_feed(content, "https://example.org/feed"))
    except NotAFeed:
        return
    assert all(len(e.title or "") < 100_000 for e in entries)
