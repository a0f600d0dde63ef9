"""Clean: ``RawDocument`` -> ``Article`` (decoded, main text only, metadata found) or ``Skipped``.

Web pages saved as text carry page furniture that is not news ("Leave a Reply", newsletter boxes,
captcha sums, share buttons).  Furniture is removed by general line rules below; lines that are
metadata rather than furniture (a "Source:" line, a byline, a standalone dateline) are turned into
the article's outlet, author and publication date.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import hashlib
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import compiled
from .ingest.frontmatter import FrontMatterError, read_front_matter
from .ingest.pagebounds import page_refusal
from .model import Article, NotEnglish, RawDocument, Skipped

# A document whose first 4 KiB hold more than this share of control bytes is binary, not text.
BINARY_CONTROL_SHARE = 0.10
# Headlines and captions are short; a first line longer than this is body text.
MAX_TITLE_WORDS = 25
# Below this many words of text after cleaning there is no article to read, unless the text is
# one line of prose: at least MIN_PROSE_WORDS words, each of letters ("They were all killed.",
# "Rebels seize border town").  The floor is against furniture left after stripping (a lone
# "Share", "1 2 3 Next", a few menu lines), not against short news: a wire brief or a headline
# alone still reports an event.
MIN_ARTICLE_WORDS = 8
MIN_PROSE_WORDS = 3
SHORT_PROSE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*[.,;:!?\"”’]*")
# Below this probability of English (py3langid, normalised) a text is not English.
ENGLISH_FLOOR = 0.01
# Enough characters to tell the language; scoring more only costs time.
LANGUAGE_SAMPLE_CHARS = 4000
# Plainly English: of at least PLAIN_ENGLISH_MIN_WORDS words, at least this share are English
# function words that are not words of other languages written in Latin script.  English news
# has 0.10-0.25 of its words among them (median 0.17-0.18 on the demo and IndiaPoliceEvents, the
# lowest 0.064); French, German and Dutch text 0.00-0.04.  Such text is English without loading
# py3langid's model (70 MB, a quarter to half a second of every one-shot command); any other
# text (headlines, short texts, text mixed with another language) is asked of the model.
PLAIN_ENGLISH_SHARE = 0.08
PLAIN_ENGLISH_MIN_WORDS = 20
ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "and",
        "was",
        "were",
        "that",
        "with",
        "said",
        "from",
        "which",
        "has",
        "have",
        "had",
        "been",
        "after",
        "their",
        "this",
        "its",
        "who",
    ]
)
LETTER_WORD = re.compile(r"[^\W\d_]+")
SENTENCE_ENDS = (".", '"', "”", "'", "’", ":", ";")
# What may follow a repeated headline on the same line: a separator and the outlet's name.
TITLE_SUFFIX = re.compile(r"\s*[|–—-]\s*[^.|]{1,60}")
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)

NUMBER = (
    r"(\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)"
)
# Whole lines that are page furniture (matched case-insensitively against the stripped line).
FURNITURE_LINES = [
    r"leave a (reply|comment)",
    r"related (items|articles|posts|stories|news|content)\s*:?",
    r"(you may|you might) also like\s*:?",
    r"read (more|also|next)\s*:?.*",
    r"your email address will not be published.*",
    r"required fields are marked.*",
    r"(join|subscribe to|sign up for) our .*newsletter.*",
    r".*follow us on (twitter|facebook|x|instagram|telegram|whatsapp).*",
    r"share (this|on)\b.*",
    r"(share|tweet|email|print|whatsapp|facebook|twitter|linkedin|telegram)"
    r"(\s*[|/·•]?\s*(share|tweet|email|print|whatsapp|facebook|twitter|linkedin|telegram))*",
    r"advertisement",
    r"click here.*",
    r"(all rights reserved|copyright|©).*",
    r"tags?\s*:.*",
    r"helpful keywords.*",
    r"(search( for)?|type and hit enter|search\.\.\.)\s*:?",
    r"comments?\s*(\(\d+\))?",
    r"(post|submit) comment",
    r"\d+\s*[-+x×*]\s*\d+\s*=\s*\??",  # captcha sums such as "8 + 17 ="
    r"(file|archive|illustrative) (photo|picture|image)\.?",
    r"skip to (main )?content",
    r"(home|menu|navigation)",
    # captcha sums in words or as questions: "eight + 17 =", "What is 3 + 4?"
    rf"((what is|solve|how much is)\s*:?\s*)?{NUMBER}\s*[-+x×*]\s*{NUMBER}\s*(=\s*\??|\?)",
    # search boxes: "Search this site", "Enter search terms", "Press Enter to search"
    r"(search (this|the) (site|website)|enter (your )?search (terms?|keywords?)"
    r"|press enter to search.*|search for articles|no results found)\s*:?\.*",
    # comment forms and comment threads
    r"(name|e-?mail|website|comment)\s*\*?\s*:?",
    r"save my name,? e-?mail,? and website.*",
    r"notify me of (follow-up comments|new (posts|comments)).*",
    r"you must be (logged in|registered) to post a comment.*",
    r"(cancel )?reply\W*|log in to reply|reply to this comment",
    r"(\S+\s+){0,3}\S+\s+says\s*:",
    r"(on\s+)?[a-z]+\s+\d{1,2},?\s+\d{4},?\s+at\s+\d{1,2}:\d{2}\s*([ap]\.?m\.?)?",
    r"[Δ∆]",
    # navigation, accounts, newsletters, cookie banners, counters
    r"(previous|next) (article|post|story)\b.*",
    r"(posted|filed) (in|under)\s*:?.*",
    r"categor(y|ies)\s*:.*",
    r"(sign in|sign up|log ?in|log ?out|register|subscribe)( now| here| today)?",
    r"(enter your e-?mail( address)?|your e-?mail( address)?|e-?mail address)\s*\*?:?",
    r"(thank you|thanks) for (subscribing|signing up|reading).*",
    r"(this (web)?site|we) uses? cookies.*|accept( all)?( cookies)?",
    r"(cookie|privacy) (policy|settings)",
    r"back to top|(toggle|open|close) (navigation|menu)|close|loading\W*",
    r"\d+\s*min(ute)?s?\s*read|reading time\s*:.*",
    r"\d[\d.,]*\s*[km]?\s*(comments?|shares?|views?)",
    r"breaking( news)?\s*:?",
    r"\(?(editing|writing|compiled|additional reporting) by [^.]*\)?",
]
FURNITURE = re.compile(r"^(?:" + "|".join(FURNITURE_LINES) + r")$", re.I)
# Headings of lists of other articles or keywords; the short lines under them go too.
LIST_HEADING = re.compile(
    r"^(related (items|articles|posts|stories|news|content)|(you may|you might) also like"
    r"|read (more|also|next)|more (from|on) [^.]{1,40}|more (stories|news)"
    r"|most (read|popular|viewed)"
    r"|trending( now)?|latest (news|stories|articles|posts)|editor'?s picks|don'?t miss"
    r"|top stories|recommended( for you)?|popular (posts|stories)|helpful keywords|tags|keywords"
    r"|see also)\s*:?$",
    re.I,
)
# Separators of menu and breadcrumb lines ("Home » News » Lebanon", "News | Politics | Sport").
MENU_SEPARATOR = re.compile(r"\s*[|•·»›]\s*|\s+>\s+")
# A caption line ending in a photo credit ("... Qalamoun. File photo").
CAPTION = re.compile(r"(file photo|photo\s*:.*|\((?:photo|afp|ap|reuters)[^)]*\))\.?$", re.I)
# A wire-style dateline opening the body: "BEIRUT, June 4 (Reuters) -", "HOMS, Syria (AFP) —".
LEAD_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'.-]+(?:[ -][A-Z][A-Z'.-]+)*)"
    r"(?:,\s*(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+)?))?"
    r"(?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?"
    r"\s*(?:\((?P<outlet>[^)]{2,60})\))?\s*[-–—]+\s+"
)
SOURCE_LINE = re.compile(r"^source\s*:\s*(?P<outlet>.{2,80}?)\s*$", re.I)
NAME = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
NAMES = rf"{NAME}(?:\s+(?:and|&)\s+{NAME})*"
# "By Jane Doe", "Written by Jane Doe and Ali Hassan | Hill Gazette": the author is metadata.
BYLINE = re.compile(
    rf"^(?:[Bb][Yy]|(?i:posted|written|reported|words) by)\s+(?P<author>{NAMES})"
    r"(?:\s*[,|–—-]\s*[A-Z][\w&.'’ -]{1,50})?\s*$"
)
# Wire credits closing a story: "(Reporting by Laila Bassam in Beirut; Editing by Tom Perry)".
CREDITS = re.compile(
    rf"^\(?\s*(?i:(?:additional\s+)?reporting\s+by)\s+(?P<author>{NAMES})"
    r"(?:\s+in\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)?\s*(?:;[^)]*)?\)?\s*$"
)
# "Published: 4 June 2025" is a dateline; "Updated: ..." is furniture, not the publication date.
# Capitalised, as pages label them: "published: 2025-03-12" in lower case is a data line.
DATE_PREFIX = re.compile(
    r"^(?P<kind>(?:First|Last) (?:published|posted|updated)|Published|Posted|Updated"
    r"|PUBLISHED|POSTED|UPDATED)(?: on)?\s*:?\s*"
)
# A line that is only a date (and maybe a time): "Friday 31 October 2025 10:10:13".
DATELINE = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    r"(?P<date>\d{1,2}\s+[a-z]+\s+\d{4}|[a-z]+\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:\s*[,|-]?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:gmt|utc)?)?$",
    re.I,
)


def clean_document(raw: RawDocument) -> Article | Skipped:
    """Decode ``raw``, extract its main text and metadata, strip page furniture, and refuse
    documents that are not English (extraction rules are English rules)."""
    text = decode(raw.content, declared_charset(raw))
    if text is None:
        return Skipped(raw.source, "clean", "binary file, not text")
    if raw.media_type == "text/html" and (refusal := page_refusal(text)):
        return Skipped(raw.source, "clean", f"{refusal}: {len(raw.content):,} bytes")
    try:
        text, meta = _html_main_text(text) if raw.media_type == "text/html" else _front_matter(text)
    except FrontMatterError as exc:
        return Skipped(raw.source, "clean", f"front matter: {exc}")
    lines, found = _strip_furniture(text)
    if meta.get("published"):
        meta["published_from"] = "metadata"
    meta = {**found, **{k: v for k, v in meta.items() if v}}
    title = str(meta["title"]) if meta.get("title") else raw.title or _title_from(lines)
    lines = _without_title(lines, title, meta["removed"]) or lines  # a headline alone is the text
    body, dateline = _strip_lead_dateline("\n".join(line for line, _ in lines).strip())
    if _no_text(body):
        return Skipped(raw.source, "clean", "no article text after removing page furniture")
    published, published_from = _publication_date(raw, meta)
    if (language := detect_language(body)) != "en":
        return NotEnglish(
            raw.source,
            "language",
            f"not English (detected: {language})",
            language=language,
            text=body,
            title=title,
            published=published,
            outlet=meta.get("outlet") or raw.outlet,
            url=meta.get("url") or raw.url,
        )
    return Article(
        doc_key=content_key(body),
        source=raw.source,
        text=body,
        title=title,
        published=published,
        published_from=published_from,
        outlet=meta.get("outlet") or raw.outlet,
        url=meta.get("url") or raw.url,
        author=meta.get("author"),
        dateline=dateline,
        removed_lines=tuple(meta.get("removed", ())),
    )


def _no_text(body: str) -> bool:
    """Too little text to be an article (see ``MIN_ARTICLE_WORDS``)."""
    words = body.split()
    if len(words) >= MIN_ARTICLE_WORDS:
        return False
    if "\n" in body or len(words) < MIN_PROSE_WORDS:
        return True
    return not all(SHORT_PROSE.fullmatch(word) for word in words)


def _without_title(
    lines: list[tuple[str, int]], title: str | None, removed: list[str]
) -> list[tuple[str, int]]:
    """Drop the headline wherever the page repeats it: above the body, or again further down,
    alone or with the outlet's name after it ("Army closes crossing | Hill Gazette")."""
    if not title or not title.strip():
        return lines
    key = title.strip().casefold()
    kept = []
    for index, (line, number) in enumerate(lines):
        folded = line.casefold()
        if folded == key or (folded.startswith(key) and TITLE_SUFFIX.fullmatch(folded[len(key) :])):
            if index:
                removed.append(line)
            continue
        kept.append((line, number))
    return kept


def _strip_lead_dateline(body: str) -> tuple[str, str | None]:
    """Remove a wire dateline from the start of the body, returning it separately, so that
    "BEIRUT, June 4 (Reuters) -" is not read as part of the first sentence."""
    match = LEAD_DATELINE.match(body)
    if not match:
        return body, None
    return body[match.end() :], match.group(0).strip(" -–—")


def decode(content: bytes, declared: str | None = None) -> str | None:
    """Decode bytes to text (UTF-8, else the charset the page declares, else Windows-1252, else
    the detected legacy encoding); None for binary data.  Text saved as UTF-16 (Windows
    editors do) is recognised by its byte-order mark."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        with contextlib.suppress(UnicodeDecodeError):
            return decode(content.decode("utf-16").encode("utf-8"))
    head = content[:4096]
    if b"\x00" in head:
        return None
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head and controls / len(head) > BINARY_CONTROL_SHARE:
        return None
    # English news in a legacy encoding is nearly always Windows-1252; detection on short
    # texts guesses wrong more often than that, so it is only asked when cp1252 fails.
    for encoding in ("utf-8-sig", *((declared,) if declared else ()), "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except (UnicodeDecodeError, LookupError):  # LookupError: a declared charset Python lacks
            continue
    else:
        from charset_normalizer import from_bytes

        best = from_bytes(content).best()
        text = str(best) if best is not None else content.decode("latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def declared_charset(raw: RawDocument) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag (legacy Arabic or Cyrillic pages
    would otherwise be misread as Windows-1252)."""
    if raw.media_type != "text/html":
        return None
    match = META_CHARSET.search(raw.content[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def detect_language(text: str) -> str:
    """``"en"`` unless the text is confidently another language, whose ISO 639 code is returned.

    English reports dense with Arabic names score low for English, but not as low as text that
    is really in another language, so only a very low English probability counts.
    """
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if plainly_english(sample):
        return "en"
    ranked = dict(_language_identifier().rank(sample))
    if ranked.get("en", 0.0) >= ENGLISH_FLOOR:
        return "en"
    return str(max(ranked, key=ranked.__getitem__))


def plainly_english(sample: str) -> bool:
    """Whether enough of the sample's words are English function words to call it English
    without the statistical model (see ``PLAIN_ENGLISH_SHARE``)."""
    words = LETTER_WORD.findall(sample)
    if len(words) < PLAIN_ENGLISH_MIN_WORDS:
        return False
    function_words = sum(word.lower() in ENGLISH_FUNCTION_WORDS for word in words)
    return function_words >= PLAIN_ENGLISH_SHARE * len(words)


@functools.cache
def _language_identifier() -> Any:
    """py3langid's model ships inside its wheel, LZMA-compressed: decompressing it took a third
    of a second of every command that reads a document. Loaded once, it is kept in the cache
    (``compiled.cached_object``, keyed by py3langid's version and the model file's bytes)."""
    from importlib.metadata import version

    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    model = Path(MODEL_DIR) / MODEL_FILE
    key = compiled.digest([version("py3langid"), model.read_bytes()])
    return compiled.cached_object(
        "langid",
        key,
        lambda: LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True),
        "language identifier cache",
    )


def content_key(text: str) -> str:
    """A key for the article's content: the same text always gets the same key."""
    normalised = " ".join(text.lower().split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:24]


def _front_matter(text: str) -> tuple[str, dict[str, Any]]:
    """A Markdown/text header's typed fields (bounded: see ``ingest.frontmatter``)."""
    return read_front_matter(text)


def _html_main_text(html: str) -> tuple[str, dict[str, Any]]:
    """Main text, title, date and site name of a page (trafilatura's author field is ignored).

    The date comes from the page's markup only: trafilatura's extensive search otherwise takes
    a copyright year in the footer for the publication date (1 January of that year), which
    would beat a feed entry's real date.
    """
    import trafilatura

    result = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if result is None:
        return "", {}
    data = result if isinstance(result, dict) else result.as_dict()
    meta = {
        "title": data.get("title"),
        "published": data.get("date"),
        "outlet": data.get("sitename"),
        "url": data.get("url"),
    }
    return data.get("text") or "", meta


def _strip_furniture(text: str) -> tuple[list[tuple[str, int]], dict[str, Any]]:
    """Keep news lines (with their original line numbers); turn metadata lines into fields."""
    kept: list[tuple[str, int]] = []
    seen: set[str] = set()
    found: dict[str, Any] = {"removed": []}
    in_list = False
    for number, line in enumerate(text.split("\n")):
        stripped = line.strip()
        if not stripped:
            continue
        in_list = bool(LIST_HEADING.match(stripped)) or (in_list and _headline_like(stripped))
        if (
            in_list
            or _metadata(stripped, found)
            or _is_furniture(stripped)
            or stripped.lower() in seen
        ):
            found["removed"].append(stripped)
            continue
        seen.add(stripped.lower())
        kept.append((stripped, number))
    return kept, found


def _metadata(line: str, found: dict[str, Any]) -> bool:
    if m := SOURCE_LINE.match(line):
        found.setdefault("outlet", m.group("outlet"))
        return True
    if m := BYLINE.match(line) or CREDITS.match(line):
        found.setdefault("author", m.group("author"))
        return True
    return _dated(line, found)


def _dated(line: str, found: dict[str, Any]) -> bool:
    """A line that is only a date: the publication date, unless it says when the page was
    updated (an update is not when the report was published); either way it is not text."""
    prefix = DATE_PREFIX.match(line)
    match = DATELINE.match(line[prefix.end() :] if prefix else line)
    if not match or not (day := _parse_day(match.group("date"))):
        return False
    if not (prefix and "updated" in prefix.group("kind").lower()):
        found.setdefault("published", day)
        found.setdefault("published_from", "dateline")
    return True


def _is_furniture(line: str) -> bool:
    return bool(FURNITURE.match(line)) or _is_caption(line) or _is_menu(line)


def _is_menu(line: str) -> bool:
    """A menu or breadcrumb: three or more short items between separators."""
    items = [item for item in MENU_SEPARATOR.split(line) if item]
    return len(items) >= 3 and all(
        len(item.split()) <= 3 and not item.endswith(".") for item in items
    )


def _headline_like(line: str) -> bool:
    """Short and not ending like a sentence: an item in a list of other articles' headlines."""
    return len(line.split()) <= MAX_TITLE_WORDS and not line.endswith(SENTENCE_ENDS)


def _is_caption(line: str) -> bool:
    return len(line.split()) <= MAX_TITLE_WORDS and bool(CAPTION.search(line))


def _title_from(lines: list[tuple[str, int]]) -> str | None:
    if not lines:
        return None
    first = lines[0][0]
    if len(first.split()) <= MAX_TITLE_WORDS and not first.rstrip().endswith((".", '"', "”")):
        return first
    return None


def _parse_day(text: str) -> date | None:
    for fmt in ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%B %d %Y", "%b %d, %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _publication_date(raw: RawDocument, meta: dict[str, Any]) -> tuple[date | None, str]:
    value = meta.get("published")
    if isinstance(value, datetime):
        return value.date(), meta.get("published_from", "metadata")
    if isinstance(value, date):
        return value, meta.get("published_from", "metadata")
    if isinstance(value, str) and (day := _parse_day(value[:10]) or _parse_day(value)):
        return day, "metadata"
    if raw.published:
        return raw.published, "cli"
    return None, "unknown"
