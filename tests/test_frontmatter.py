"""Front matter is read with bounds (no YAML alias expansion, a size and depth budget) and typed:
a hostile or mistaken header costs one line naming the file, never memory, time or a traceback."""

from __future__ import annotations

import os
import resource
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from borderwatch.clean import clean_document
from borderwatch.ingest.frontmatter import FrontMatterError, read_front_matter
from borderwatch.model import Article, RawDocument, Skipped
from borderwatch.pipeline import Pipeline
from borderwatch.serve import create_app
from borderwatch.settings import Settings

from .conftest import LOCAL, borderwatch_command

BODY = (
    "Artillery shells struck the outskirts of a border village on Monday, wounding three "
    "farmers, the local council said in a statement.\n"
)
# Peak memory the whole `borderwatch ingest` process may reach on a hostile header.
PEAK_BYTES = 1_500_000_000


def alias_bomb(levels: int = 10) -> str:
    """Each level lists the previous one nine times: 9**levels strings from ~700 bytes."""
    lines = ["---", "a0: &a0 [" + ", ".join(['"lol"'] * 9) + "]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    lines += [f"title: *a{levels - 1}", "---", BODY]
    return "\n".join(lines)


def markdown(text: str) -> RawDocument:
    return RawDocument("invented.md", text.encode("utf-8"), "text/markdown")


def run_measured(args: list[str], env: dict[str, str], tmp: Path) -> tuple[int, str, int]:
    """Run the real CLI; return its exit code, its stderr and its peak resident memory (bytes).

    The child's address space is capped (well above the limit checked, far below what an
    unbounded expansion takes) so that a regression fails the test instead of the machine."""
    out, err = tmp / "stdout", tmp / "stderr"

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (4_000_000_000, 4_000_000_000))

    with out.open("wb") as o, err.open("wb") as e:
        proc = subprocess.Popen(
            borderwatch_command() + args, env=env, stdout=o, stderr=e, preexec_fn=cap
        )
        deadline = time.monotonic() + 180
        while (status := os.wait4(proc.pid, os.WNOHANG))[0] == 0:
            if time.monotonic() > deadline:
                proc.kill()
                status = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
    proc.returncode = 0  # reaped above; keep Popen from waiting again
    code = os.waitstatus_to_exitcode(status[1])
    return code, err.read_text(encoding="utf-8", errors="replace"), status[2].ru_maxrss * 1024


def test_alias_bomb_is_refused_quickly() -> None:
    started = time.perf_counter()
    result = clean_document(markdown(alias_bomb()))
    assert isinstance(result, Skipped)
    assert "alias" in result.reason
    assert time.perf_counter() - started < 1.0


def test_alias_bomb_through_the_cli(cli_env: dict[str, str], tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.md"
    bomb.write_text(alias_bomb(), encoding="utf-8")
    assert bomb.stat().st_size < 1024
    code, stderr, peak = run_measured(["ingest", str(bomb)], cli_env, tmp_path)
    assert peak < PEAK_BYTES, f"peak memory {peak:,} bytes"
    assert code == 1
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {bomb}: clean: front matter: YAML aliases (*name) are not accepted"]


@pytest.mark.parametrize(
    ("header", "field", "kind"),
    [("outlet: [1, 2]", "outlet", "a list"), ("title: {a: b}", "title", "a mapping")],
)
def test_mistyped_front_matter_is_one_line_through_the_cli(
    cli_env: dict[str, str], tmp_path: Path, header: str, field: str, kind: str
) -> None:
    page = tmp_path / "typed.md"
    page.write_text(f"---\n{header}\n---\n{BODY}", encoding="utf-8")
    good = tmp_path / "good.md"
    good.write_text(f"---\noutlet: Hill Gazette\n---\n{BODY}", encoding="utf-8")
    done = subprocess.run(
        borderwatch_command() + ["ingest", str(page), str(good)],
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {page}: clean: front matter: {field!r} must be text, not {kind}"]
    assert "│    2 │      1 │" in done.stderr  # the summary: read 2, stored 1 (the good file)


def test_fields_are_typed_and_unknown_keys_dropped() -> None:
    text = (
        "---\ntitle: 1984 revisited\noutlet: 42\npublished: 2024-03-05\n"
        "url: https://example.org/a\ntags: [x, y]\n---\n" + BODY
    )
    rest, meta = read_front_matter(text)
    assert rest == BODY
    assert meta == {
        "title": "1984 revisited",
        "outlet": "42",
        "published": date(2024, 3, 5),
        "url": "https://example.org/a",
    }


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("title: " + "[" * 200 + "]" * 200, "nested deeper than"),
        ("title: x\n" + "k: " + "y" * 70_000, "over the"),
        ("published: [2024]", "'published' must be a date"),
        ("author: true", "'author' must be text, not a boolean"),
    ],
)
def test_hostile_or_mistaken_headers_raise_one_reason(header: str, message: str) -> None:
    with pytest.raises(FrontMatterError, match=message.replace("[", r"\[")):
        read_front_matter(f"---\n{header}\n---\n{BODY}")


def test_no_header_and_broken_yaml_leave_the_text_alone() -> None:
    assert read_front_matter(BODY) == (BODY, {})
    broken = "---\ntitle: [unclosed\n---\n" + BODY
    assert read_front_matter(broken) == (broken, {})


def test_clean_uses_the_typed_fields() -> None:
    text = "---\ntitle: Border shelling\noutlet: Hill Gazette\npublished: 2024-03-05\n---\n" + BODY
    article = clean_document(markdown(text))
    assert isinstance(article, Article)
    assert (article.title, article.outlet, article.published) == (
        "Border shelling",
        "Hill Gazette",
        date(2024, 3, 5),
    )


def test_a_header_with_control_characters_is_not_yaml() -> None:
    # PyYAML's reader refuses these while the loader is being built, before any parsing: the
    # header is then plain text, as broken YAML is (found by the random-lines test of clean).
    text = "---\ntitle: a\x1fb\n---\nBody text."
    assert read_front_matter(text) == (text, {})


def test_alias_bomb_through_the_api(pipeline: Pipeline, tmp_path: Path) -> None:
    settings = Settings(db=str(tmp_path / "api.db"), api_token="t0ken")
    app = create_app(settings, pipeline=pipeline)
    with TestClient(app, base_url=LOCAL) as client:
        started = time.perf_counter()
        answer = client.post(
            "/api/documents",
            json={"text": alias_bomb()},
            headers={"Authorization": "Bearer t0ken"},
        )
    assert time.perf_counter() - started < 10
    assert answer.status_code == 422
    assert answer.json()["detail"] == (
        "not processed: clean: front matter: YAML aliases (*name) are not accepted"
    )
