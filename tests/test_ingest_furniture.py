"""Page furniture in text saved from the web: general line rules, tested on furniture written
for these tests (no real page is copied).  Metadata lines become fields, not text."""

from __future__ import annotations

from datetime import date

import pytest

from borderwatch.clean import clean_document
from borderwatch.model import Article, RawDocument

LEAD = (
    "Syrian border guards turned back two minibuses of returning families at the Jousieh "
    "crossing on Thursday, a Lebanese security official said."
)
SECOND = (
    "The official said the families had been told to come back with new papers, and that "
    "about 40 people spent the night in a mosque in al-Qaa."
)
THIRD = "Nobody was detained, he added."
BODY = f"{LEAD}\n{SECOND}\n{THIRD}"
TITLE = "Families turned back at Jousieh crossing"


def clean(text: str, **kwargs: object) -> Article:
    result = clean_document(RawDocument("saved.txt", text.encode(), "text/plain", **kwargs))  # type: ignore[arg-type]
    assert isinstance(result, Article), result
    return result


# A page saved as text, furniture and all, written for this test.
SAVED_PAGE = f"""Skip to content
Home » News » Lebanon
Search this site
Type and hit enter
Breaking
{TITLE}
Posted by Rana Khoury | Hill Gazette
Published: 14 March 2025
Updated: 15 March 2025 09:12
4 min read
A minibus at the crossing. File photo
{LEAD}
Advertisement
{SECOND}
{TITLE} | Hill Gazette
{THIRD}
(Reporting by Rana Khoury in Hermel; Editing by Sami Aziz)
Source: Hill Gazette
Helpful keywords
Jousieh
Qaa returns
Related Items
Army reopens road to Qaa after floods
Gunmen kidnap shepherd near Hermel
Previous article: Fuel smugglers arrested near Qasr
Next post
12 Comments
Ahmad K. says:
March 14, 2025 at 6:40 pm
Reply
Leave a Reply
Your email address will not be published. Required fields are marked *
Comment *
Name *
Email *
Website
Save my name, email, and website in this browser for the next time I comment.
Notify me of follow-up comments by email.
What is 9 + 4 ?
eight + 17 =
Δ
Post Comment
Join our Weekly Newsletter
Enter your email address
Subscribe
Thank you for subscribing!
For the latest news follow us on Twitter
We use cookies to improve your experience on our site.
Accept all cookies
Privacy Policy
Most Read
Crossing closed for Eid holiday
Back to top
Copyright 2025 Hill Gazette. All rights reserved.
"""


def test_saved_page_cleans_to_the_report_and_its_metadata() -> None:
    article = clean(SAVED_PAGE)
    assert article.text == BODY
    assert article.title == TITLE
    assert article.author == "Rana Khoury"
    assert article.outlet == "Hill Gazette"
    assert article.published == date(2025, 3, 14)
    assert article.published_from == "dateline"


def test_every_removed_line_is_recorded() -> None:
    article = clean(SAVED_PAGE)
    kept = set(BODY.split("\n")) | {TITLE}
    page_lines = {line for line in SAVED_PAGE.split("\n") if line.strip()}
    assert page_lines - kept == set(article.removed_lines) - kept


def test_same_report_with_and_without_furniture_has_the_same_key() -> None:
    assert clean(SAVED_PAGE).doc_key == clean(BODY).doc_key


@pytest.mark.parametrize(
    "furniture",
    [
        "Search this site",
        "Enter search terms",
        "Press Enter to search or ESC to close",
        "What is 3 + 4?",
        "eight + seventeen =",
        "Solve: 12 - 5 =",
        "Cancel reply",
        "Log in to Reply",
        "Umm Ali says:",
        "June 4, 2025 at 10:12 am",
        "You must be logged in to post a comment.",
        "Home | Lebanon | Syria | Opinion | Sport",
        "News › Middle East › Lebanon",
        "3 min read",
        "Reading time: 4 minutes",
        "0 Comments",
        "1.2k shares",
        "Filed under: Border, Bekaa",
        "Categories: Lebanon",
        "Sign up",
        "Log in",
        "Thanks for reading!",
        "This website uses cookies to give you the best experience.",
        "Toggle navigation",
        "Loading...",
        "(Editing by Sami Aziz)",
        "Next article",
        "Previous post: Army reopens road",
    ],
)
def test_furniture_line_is_removed(furniture: str) -> None:
    article = clean(f"{LEAD}\n{furniture}\n{SECOND}")
    assert article.text == f"{LEAD}\n{SECOND}"
    assert furniture in article.removed_lines


@pytest.mark.parametrize("heading", ["Related Items", "You may also like", "Most Read", "Tags"])
def test_headlines_listed_under_a_related_heading_are_removed(heading: str) -> None:
    text = f"{BODY}\n{heading}\nArmy reopens road to Qaa\nGunmen kidnap shepherd near Hermel"
    article = clean(text)
    assert article.text == BODY


def test_a_sentence_ends_the_related_list() -> None:
    text = f"{LEAD}\nRelated Items\nArmy reopens road to Qaa\n{SECOND}\n{THIRD}"
    assert clean(text).text == BODY


@pytest.mark.parametrize(
    "sentence",
    [
        "Reporting by local media suggested the crossing would reopen on Monday.",
        "By Tuesday, the families had been allowed to cross, the official said.",
        "Residents said the road home was long | but the army kept it open, he said.",
        "More on the families' situation was expected from the ministry on Friday.",
        "Officials said 9 + 4 = 13 buses crossed over the two days, a record.",
        "The army says: nobody crossed without papers on Thursday, or on Friday.",
    ],
)
def test_news_sentences_that_resemble_furniture_are_kept(sentence: str) -> None:
    assert sentence in clean(f"{LEAD}\n{sentence}").text


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Rana Khoury", "Rana Khoury"),
        ("By Rana Khoury and Sami Aziz", "Rana Khoury and Sami Aziz"),
        ("Written by Rana Khoury", "Rana Khoury"),
        ("By Rana Khoury, Hill Gazette", "Rana Khoury"),
        ("(Reporting by Rana Khoury; Editing by Sami Aziz)", "Rana Khoury"),
        ("Additional reporting by Sami Aziz in Beirut", "Sami Aziz"),
    ],
)
def test_bylines_and_credits_become_the_author(line: str, author: str) -> None:
    article = clean(f"{line}\n{BODY}")
    assert article.author == author
    assert article.text == BODY


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Published: 14 March 2025", date(2025, 3, 14)),
        ("Posted on March 14, 2025", date(2025, 3, 14)),
        ("First published 14 Mar 2025 10:40", date(2025, 3, 14)),
    ],
)
def test_labelled_datelines_become_the_publication_date(line: str, published: date) -> None:
    article = clean(f"{line}\n{BODY}")
    assert (article.published, article.text) == (published, BODY)


def test_update_time_is_not_the_publication_date() -> None:
    article = clean(f"Last updated: 20 March 2025\n{BODY}", published=date(2025, 3, 14))
    assert (article.published, article.published_from) == (date(2025, 3, 14), "cli")
    assert article.text == BODY


def test_headline_repeated_with_the_outlet_name_is_removed() -> None:
    article = clean(f"---\ntitle: {TITLE}\n---\n{LEAD}\n{TITLE} - Hill Gazette\n{SECOND}\n{THIRD}")
    assert article.text == BODY


def test_title_given_by_the_reader_is_used_and_not_repeated() -> None:
    result = clean_document(
        RawDocument("feed-entry", f"{TITLE}\n{BODY}".encode(), "text/plain", title=TITLE)
    )
    assert isinstance(result, Article)
    assert (result.title, result.text) == (TITLE, BODY)
