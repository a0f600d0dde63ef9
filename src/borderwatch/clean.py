"""Clean: ``RawDocument`` -> ``Article`` (decoded, main text only, metadata found) or ``Skipped``.

Web pages saved as text carry page furniture that is not news ("Leave a Reply", newsletter boxes,
captcha sums, share buttons).  Furniture is removed by general line rules below; lines that are
metadata rather than furniture (a "Source:" line, a byline, a standalone dateline) are turned into
the article's outlet, author and publication date.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from typing import Any

import yaml

from .model import Article, RawDocument, Skipped

# A document whose first 4 KiB hold more than this share of control bytes is binary, not text.
BINARY_CONTROL_SHARE = 0.10
# Headlines and captions are short; a first line longer than this is body text.
MAX_TITLE_WORDS = 25
# Below this many words of text after cleaning there is no article to read.
MIN_ARTICLE_WORDS = 8

FRONT_MATTER = re.compile(r"\A---[ \t]*(?:#[^\n]*)?\n(.*?)\n---[ \t]*\n", re.S)

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
]
FURNITURE = re.compile(r"^(?:" + "|".join(FURNITURE_LINES) + r")$", re.I)
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
BYLINE = re.compile(r"^[Bb][Yy]\s+(?P<author>[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})\s*$")
# A line that is only a date (and maybe a time): "Friday 31 October 2025 10:10:13".
DATELINE = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    r"(?P<date>\d{1,2}\s+[a-z]+\s+\d{4}|[a-z]+\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:\s*[,|-]?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:gmt|utc)?)?$",
    re.I,
)


def clean_document(raw: RawDocument) -> Article | Skipped:
    """Decode ``raw``, extract its main text and metadata, and strip page furniture."""
    text = decode(raw.content)
    if text is None:
        return Skipped(raw.source, "clean", "binary file, not text")
    meta: dict[str, Any] = {}
    if raw.media_type == "text/html":
        text, meta = _html_main_text(text)
    else:
        text, meta = _front_matter(text)
    lines, found = _strip_furniture(text)
    if meta.get("published"):
        meta["published_from"] = "metadata"
    meta = {**found, **{k: v for k, v in meta.items() if v}}
    title = str(meta["title"]) if meta.get("title") else _title_from(lines)
    if title and lines and lines[0][0].strip() == title.strip():
        lines = lines[1:]
    body = "\n".join(line for line, _ in lines).strip()
    body, dateline = _strip_lead_dateline(body)
    if len(body.split()) < MIN_ARTICLE_WORDS:
        return Skipped(raw.source, "clean", "no article text after removing page furniture")
    published, published_from = _publication_date(raw, meta)
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


def _strip_lead_dateline(body: str) -> tuple[str, str | None]:
    """Remove a wire dateline from the start of the body, returning it separately, so that
    "BEIRUT, June 4 (Reuters) -" is not read as part of the first sentence."""
    match = LEAD_DATELINE.match(body)
    if not match:
        return body, None
    return body[match.end() :], match.group(0).strip(" -–—")


def decode(content: bytes) -> str | None:
    """Decode bytes to text (UTF-8, else the detected legacy encoding); None for binary data."""
    head = content[:4096]
    if b"\x00" in head:
        return None
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head and controls / len(head) > BINARY_CONTROL_SHARE:
        return None
    # English news in a legacy encoding is nearly always Windows-1252; detection on short
    # texts guesses wrong more often than that, so it is only asked when cp1252 fails.
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        from charset_normalizer import from_bytes

        best = from_bytes(content).best()
        text = str(best) if best is not None else content.decode("latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def content_key(text: str) -> str:
    """A key for the article's content: the same text always gets the same key."""
    normalised = " ".join(text.lower().split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:24]


def _front_matter(text: str) -> tuple[str, dict[str, Any]]:
    match = FRONT_MATTER.match(text)
    if not match:
        return text, {}
    try:
        meta = yaml.safe_load(match.group(1))
    except (yaml.YAMLError, ValueError):  # ValueError: an impossible date such as 2025-02-30
        return text, {}
    if not isinstance(meta, dict):
        return text, {}
    return text[match.end() :], {str(k).lower(): v for k, v in meta.items()}


def _html_main_text(html: str) -> tuple[str, dict[str, Any]]:
    import trafilatura

    result = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, with_metadata=True
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
    for number, line in enumerate(text.split("\n")):
        stripped = line.strip()
        key = stripped.lower()
        if not stripped:
            continue
        if _metadata(stripped, found):
            found["removed"].append(stripped)
            continue
        if FURNITURE.match(stripped) or _is_caption(stripped) or key in seen:
            found["removed"].append(stripped)
            continue
        seen.add(key)
        kept.append((stripped, number))
    return kept, found


def _metadata(line: str, found: dict[str, Any]) -> bool:
    if m := SOURCE_LINE.match(line):
        found.setdefault("outlet", m.group("outlet"))
        return True
    if m := BYLINE.match(line):
        found.setdefault("author", m.group("author"))
        return True
    if (m := DATELINE.match(line)) and (day := _parse_day(m.group("date"))):
        found.setdefault("published", day)
        found.setdefault("published_from", "dateline")
        return True
    return False


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
