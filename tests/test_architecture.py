"""Imports point one way: stages import model/errors/settings; only store touches the database;
the CLI and the API are shells over pipeline/store."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "borderwatch"
STAGES = {"ingest", "clean", "nlp", "extract", "resolve", "fuse", "export", "region", "crossings"}
SHELLS = {"cli", "serve", "pipeline", "evaluate"}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                found.add(module.split(".")[0] if module else "")
            elif module.startswith("borderwatch"):
                found.add(module.split(".")[1] if "." in module else "")
            else:
                found.add("ext:" + module.split(".")[0])
        elif isinstance(node, ast.Import):
            found |= {"ext:" + a.name.split(".")[0] for a in node.names}
    return found


def module_of(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


# Read-only index files compiled from the shipped region data (never the event database).
COMPILED_DATA = "compiled"


def test_only_the_store_touches_the_database() -> None:
    for path in PACKAGE.rglob("*.py"):
        if module_of(path) == "store":
            continue
        if module_of(path) == COMPILED_DATA:
            assert "ext:sqlalchemy" not in imports_of(path), path
            continue
        assert "ext:sqlalchemy" not in imports_of(path), path
        assert "ext:sqlite3" not in imports_of(path), path


def test_stages_never_import_the_shells() -> None:
    for path in PACKAGE.rglob("*.py"):
        if module_of(path) in STAGES:
            assert not imports_of(path) & SHELLS, path


def test_stages_do_not_import_the_store() -> None:
    for path in PACKAGE.rglob("*.py"):
        if module_of(path) in STAGES:
            assert "store" not in imports_of(path), path
