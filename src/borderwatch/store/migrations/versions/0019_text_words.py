"""PostgreSQL's free-text view from the words of each event's searchable text, on a narrow
table.

A free-text search of one word ("qusayr") at 1,000,000 events matched 71,000 events (7%): the
trigram index (0012's ``event_search``) answers with row addresses that it must recheck on the
rows themselves, so PostgreSQL read every matching row of ``event_search`` (each event's whole
searchable text, 420 MB: 40,000 pages, nearly all of the table) and then joined the answer to
``event_light`` (1.4 s in the database, 1.1-2.0 s per answer).

Here each event's searchable text (the same lower-cased text as ``event_search.doc``) is cut
into its words, the longest runs of ASCII letters and digits, and

* ``text_words`` numbers every word seen (a trigram index on it: a search's words are looked up
  among a store's distinct words, not its events);
* ``event_words`` holds, per event, ``event_light``'s columns and the numbers of its words
  (``int4[]`` with a GIN index; 225 MB against 420 + 107 MB).

A search of letters and digits only occurs in a text exactly where it occurs in one of its
words (a run of letters and digits cannot straddle anything else), so "the events whose words
include one containing the search" is the ``LIKE '%search%'`` answer: no recheck of any text,
no join; GIN's ``&&`` needs no recheck either, so the scan reads only ``event_words``'s narrow
rows (at 1,000,000 events, ``bench/dashboard_filter.py``'s "qusayr" at the server: median
176 ms, was 1.3-2.0 s).  Other searches (a space, a hyphen) keep 0012's
path.  Words are never removed from ``text_words``: one no event holds any more finds nothing.

The price is paid on writes: the trigger cuts each event's text into words and numbers new
ones (every event id is a new word), so storing events on PostgreSQL costs more (2,000
synthetic events with their documents: 2.9 -> 4.4 s).  Filling 1,000,000 events here: 4.3 min.

SQLite is unchanged: its FTS5 trigram index answers from posting lists without a recheck.

Revision ID: 0019
Revises: 0018
"""

import importlib.util
from pathlib import Path
from types import ModuleType

from alembic import op

revision = "0019"
down_revision = "0018"

# A word: the longest run of these (ranges are code points in PostgreSQL's regular
# expressions, so ASCII only); store.text_view.WORD is the same class for the searches.
WORD = "[0-9a-z]+"


def _migration(name: str) -> ModuleType:
    """Migration ``name`` of this folder, loaded as a module (its statements, by key)."""
    spec = importlib.util.spec_from_file_location(
        f"_borderwatch_{name}", Path(__file__).with_name(f"{name}.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _words_of(doc: str) -> str:
    """The distinct words of the text ``doc`` (an SQL expression), as ``text[]``."""
    return f"ARRAY(SELECT DISTINCT m[1] FROM regexp_matches({doc}, '{WORD}', 'g') AS m)"


def _function() -> str:
    """The trigger's function: the event's row of ``event_words`` replaced; words not numbered
    yet are numbered first.  The numbers are read in a statement of their own, which (read
    committed) sees a word another transaction numbered meanwhile; a word without a number
    (a stricter isolation level) fails the write rather than store an incomplete row."""
    doc = _migration("0012_dashboard_indexes")._PG_DOC.format(r="NEW")
    light = _migration("0016_month_cells")._light(confidence=True).format(r="NEW")
    return f"""
CREATE FUNCTION borderwatch_event_words() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    found text[];
    ids int4[];
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM event_words WHERE event_id = OLD.event_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        found := {_words_of(doc)};
        INSERT INTO text_words (word) SELECT w FROM unnest(found) AS w
            WHERE NOT EXISTS (SELECT 1 FROM text_words AS t WHERE t.word = w)
            ON CONFLICT (word) DO NOTHING;
        ids := ARRAY(SELECT id FROM text_words WHERE word = ANY(found));
        IF cardinality(ids) <> cardinality(found) THEN
            RAISE EXCEPTION 'event_words: a word of % has no number', NEW.event_id
                USING ERRCODE = 'serialization_failure';
        END IF;
        INSERT INTO event_words SELECT {light}, ids;
    END IF;
    RETURN NULL;
END $$;
"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute("CREATE TABLE text_words (id SERIAL PRIMARY KEY, word TEXT NOT NULL UNIQUE)")
    op.execute(
        "CREATE TABLE event_words (event_id VARCHAR(32) PRIMARY KEY, event_date DATE, "
        "event_type TEXT, exported INTEGER NOT NULL, fatalities INTEGER, latitude FLOAT, "
        "longitude FLOAT, confidence FLOAT, words INT4[] NOT NULL)"
    )
    # filled from 0012's texts and 0016's columns, which triggers keep equal to the events'
    op.execute(
        "INSERT INTO text_words (word) SELECT DISTINCT m[1] FROM event_search AS s, "
        f"regexp_matches(s.doc, '{WORD}', 'g') AS m"
    )
    op.execute(
        "INSERT INTO event_words SELECT l.event_id, l.event_date, l.event_type, l.exported, "
        "l.fatalities, l.latitude, l.longitude, l.confidence, ARRAY(SELECT w.id FROM "
        f"text_words AS w WHERE w.word = ANY({_words_of('s.doc')})) "
        "FROM event_light AS l JOIN event_search AS s ON s.event_id = l.event_id"
    )
    op.execute("CREATE INDEX ix_event_words_words ON event_words USING gin (words)")
    # a search's page: its newest (or oldest) days' rows, found by date (store.text_view)
    op.execute("CREATE INDEX ix_event_words_date ON event_words (event_date)")
    op.execute(_function())
    op.execute(
        "CREATE TRIGGER events_words AFTER INSERT OR UPDATE OR DELETE ON events "
        "FOR EACH ROW EXECUTE FUNCTION borderwatch_event_words()"
    )
    trgm = bind.exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").first()
    if trgm is not None:  # 0012 installed it where allowed; else a search scans the words
        op.execute("CREATE INDEX ix_text_words_word ON text_words USING gin (word gin_trgm_ops)")
    op.execute("ANALYZE text_words")
    op.execute("ANALYZE event_words")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER events_words ON events")
    op.execute("DROP FUNCTION borderwatch_event_words()")
    op.execute("DROP TABLE event_words")
    op.execute("DROP TABLE text_words")
