"""Bounds on the web pages handed to main-text extraction: a slow-input attack refused early.

trafilatura's cost grows with the number of elements it weighs (about half a millisecond each
on this project's machines: a page of 20,000 text blocks took 9 s) and with deep nesting (a
few kilobytes of ``<div>`` nested 256 deep took 0.6 s, against 0.05 s at 128 deep).  Anyone
who can hand us a page (a feed, a URL, a file, the API) can make one.  Before extraction the
page is parsed once with lxml (a few milliseconds per hundred kilobytes, a small share of
extraction's own cost) and refused in one line, naming its size, when it has more elements
or deeper nesting than any news page: a real article page has a few hundred to a few thousand
elements, nested 10 to 40 deep.  Its bytes are bounded before that, by ``max_document_bytes``
when it is read.
"""

from __future__ import annotations

# Elements of the page: news pages hold 300-5,000 (long live blogs up to ~8,000); at this bound
# extraction takes about 5 s on this project's 2-core machine.
MAX_PAGE_ELEMENTS = 10_000
# Nesting depth of the parsed page: news pages reach 10-40; libxml2 itself stops at 256.
MAX_PAGE_DEPTH = 128


def page_refusal(markup: str) -> str | None:
    """Why ``markup`` is not handed to extraction (one line), or None when it may be."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(markup.encode("utf-8", "surrogatepass"))
    except (etree.ParserError, ValueError):
        return None  # nothing lxml can parse: extraction finds nothing either, cheaply
    elements = depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            elements += 1
            depth += 1
            deepest = max(deepest, depth)
            if elements > MAX_PAGE_ELEMENTS:
                return f"page has over {MAX_PAGE_ELEMENTS:,} elements; not read (too costly)"
            if deepest > MAX_PAGE_DEPTH:
                return f"page is nested over {MAX_PAGE_DEPTH} levels deep; not read (too costly)"
        else:
            depth -= 1
    return None
