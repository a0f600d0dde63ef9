"""Tests for borderwatch.settings: defaults -> TOML file -> environment -> CLI overrides."""

from __future__ import annotations

import os

import pytest

from borderwatch.errors import SettingsError
from borderwatch.settings import Settings, load_settings


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Run every test in an empty directory with no BORDERWATCH_* variables set."""
    for name in list(os.environ):
        if name.startswith("BORDERWATCH_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_config(directory, text: str, name: str = "borderwatch.toml"):
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


# --- defaults ----------------------------------------------------------------------------------


def test_defaults_without_file_or_environment():
    settings = load_settings()
    assert settings.db == "borderwatch.db"
    assert settings.max_document_bytes == 5_000_000
    assert settings.fatality_rule == "conservative"
    assert settings.port == 8000
    assert settings.host == "127.0.0.1"
    assert settings.region_dirs == ()
    assert settings.api_token is None


def test_loaded_defaults_equal_the_dataclass_defaults():
    assert load_settings() == Settings()


# --- TOML file ---------------------------------------------------------------------------------


def test_config_file_in_working_directory_is_read(isolated):
    write_config(isolated, 'db = "from_file.db"\n')
    assert load_settings().db == "from_file.db"


def test_config_file_sets_only_what_it_names(isolated):
    write_config(isolated, 'db = "from_file.db"\nport = 9100\n')
    settings = load_settings()
    assert settings.db == "from_file.db"
    assert settings.port == 9100
    assert settings.max_document_bytes == 5_000_000
    assert settings.fatality_rule == "conservative"
    assert settings.host == "127.0.0.1"


def test_explicit_config_path_is_read(isolated):
    path = write_config(isolated, 'fatality_rule = "best"\n', name="custom.toml")
    assert load_settings(path).fatality_rule == "best"


def test_explicit_config_path_as_string(isolated):
    write_config(isolated, 'fatality_rule = "high"\n', name="custom.toml")
    assert load_settings("custom.toml").fatality_rule == "high"


def test_config_path_from_environment_variable(isolated, monkeypatch):
    path = write_config(isolated, "max_document_bytes = 1234\n", name="elsewhere.toml")
    monkeypatch.setenv("BORDERWATCH_CONFIG", str(path))
    assert load_settings().max_document_bytes == 1234


def test_region_dirs_list_becomes_tuple(isolated):
    write_config(isolated, 'region_dirs = ["regions/north", "regions/east"]\n')
    assert load_settings().region_dirs == ("regions/north", "regions/east")


def test_region_dirs_given_as_a_single_string_is_not_split_into_letters(isolated):
    write_config(isolated, 'region_dirs = "regions"\n')
    try:
        settings = load_settings()
    except SettingsError:
        return
    assert settings.region_dirs == ("regions",)


def test_extra_table_is_kept(isolated):
    write_config(isolated, '[extra]\nlabel = "night shift"\n')
    assert load_settings().extra == {"label": "night shift"}


def test_missing_explicit_config_file_raises(isolated):
    with pytest.raises(SettingsError, match="not found"):
        load_settings(isolated / "nowhere.toml")


def test_missing_config_file_named_by_environment_raises(isolated, monkeypatch):
    monkeypatch.setenv("BORDERWATCH_CONFIG", str(isolated / "nowhere.toml"))
    with pytest.raises(SettingsError, match="nowhere.toml"):
        load_settings()


def test_invalid_toml_raises_with_file_name(isolated):
    write_config(isolated, "db = \n")
    with pytest.raises(SettingsError, match=r"borderwatch\.toml.*not valid TOML"):
        load_settings()


def test_config_file_that_is_not_utf8_raises_settings_error(isolated):
    (isolated / "borderwatch.toml").write_bytes(b'db = "caf\xe9.db"\n')
    with pytest.raises(SettingsError):
        load_settings()


def test_unknown_key_in_config_file_raises(isolated):
    write_config(isolated, "databse = 'typo.db'\n")
    with pytest.raises(SettingsError, match="unknown setting.*databse"):
        load_settings()


def test_invalid_fatality_rule_in_file_raises_naming_the_choices(isolated):
    write_config(isolated, 'fatality_rule = "worst"\n')
    with pytest.raises(SettingsError, match="conservative, best, high") as info:
        load_settings()
    assert "'worst'" in str(info.value)


@pytest.mark.parametrize("value", ["0", "-10"])
def test_non_positive_max_document_bytes_in_file_raises(isolated, value):
    write_config(isolated, f"max_document_bytes = {value}\n")
    with pytest.raises(SettingsError, match="max_document_bytes must be positive"):
        load_settings()


@pytest.mark.parametrize(
    ("line", "setting"),
    [
        ('max_document_bytes = "lots"', "max_document_bytes"),
        ('port = "eighty"', "port"),
    ],
)
def test_wrong_type_in_file_raises_settings_error_naming_the_setting(isolated, line, setting):
    write_config(isolated, line + "\n")
    with pytest.raises(SettingsError, match=setting):
        load_settings()


# --- environment -------------------------------------------------------------------------------


def test_env_db_overrides_default(monkeypatch):
    monkeypatch.setenv("BORDERWATCH_DB", "env.db")
    assert load_settings().db == "env.db"


def test_env_db_overrides_config_file(isolated, monkeypatch):
    write_config(isolated, 'db = "from_file.db"\nport = 9100\n')
    monkeypatch.setenv("BORDERWATCH_DB", "env.db")
    settings = load_settings()
    assert settings.db == "env.db"
    assert settings.port == 9100


def test_env_max_document_bytes_is_an_integer(monkeypatch):
    monkeypatch.setenv("BORDERWATCH_MAX_DOCUMENT_BYTES", "2048")
    assert load_settings().max_document_bytes == 2048


def test_env_max_document_bytes_not_a_number_raises(monkeypatch):
    monkeypatch.setenv("BORDERWATCH_MAX_DOCUMENT_BYTES", "two megabytes")
    with pytest.raises(SettingsError, match="BORDERWATCH_MAX_DOCUMENT_BYTES must be an integer"):
        load_settings()


def test_env_max_document_bytes_zero_raises(monkeypatch):
    monkeypatch.setenv("BORDERWATCH_MAX_DOCUMENT_BYTES", "0")
    with pytest.raises(SettingsError, match="positive"):
        load_settings()


def test_env_region_dirs_split_on_path_separator(monkeypatch):
    monkeypatch.setenv("BORDERWATCH_REGION_DIRS", os.pathsep.join(["one", "", "two"]))
    assert load_settings().region_dirs == ("one", "two")


def test_env_invalid_fatality_rule_raises(monkeypatch):
    monkeypatch.setenv("BORDERWATCH_FATALITY_RULE", "maximum")
    with pytest.raises(SettingsError, match="fatality_rule"):
        load_settings()


def test_unrelated_environment_variables_are_ignored(monkeypatch):
    monkeypatch.setenv("DB", "not_ours.db")
    monkeypatch.setenv("BORDERWATCHDB", "not_ours_either.db")
    assert load_settings().db == "borderwatch.db"


# --- CLI overrides -----------------------------------------------------------------------------


def test_cli_override_beats_environment_and_file(isolated, monkeypatch):
    write_config(isolated, 'db = "from_file.db"\n')
    monkeypatch.setenv("BORDERWATCH_DB", "env.db")
    assert load_settings().with_overrides(db="cli.db").db == "cli.db"


def test_cli_override_of_none_keeps_current_value(monkeypatch):
    monkeypatch.setenv("BORDERWATCH_DB", "env.db")
    settings = load_settings().with_overrides(db=None, port=9200)
    assert settings.db == "env.db"
    assert settings.port == 9200


def test_with_overrides_returns_a_copy():
    base = Settings()
    changed = base.with_overrides(fatality_rule="high")
    assert changed.fatality_rule == "high"
    assert base.fatality_rule == "conservative"


def test_cli_override_unknown_setting_raises():
    with pytest.raises(SettingsError, match="unknown setting.*colour"):
        Settings().with_overrides(colour="blue")


def test_cli_override_invalid_fatality_rule_raises():
    with pytest.raises(SettingsError, match="fatality_rule must be one of"):
        Settings().with_overrides(fatality_rule="median")


def test_cli_override_negative_max_document_bytes_raises():
    with pytest.raises(SettingsError, match="max_document_bytes"):
        Settings().with_overrides(max_document_bytes=-1)


def test_fetch_allow_private_is_read_as_a_boolean(isolated, monkeypatch):
    assert load_settings().fetch_allow_private is False
    write_config(isolated, "fetch_allow_private = true\n")
    assert load_settings().fetch_allow_private is True
    monkeypatch.setenv("BORDERWATCH_FETCH_ALLOW_PRIVATE", "no")
    assert load_settings().fetch_allow_private is False
    monkeypatch.setenv("BORDERWATCH_FETCH_ALLOW_PRIVATE", "maybe")
    with pytest.raises(SettingsError, match="BORDERWATCH_FETCH_ALLOW_PRIVATE.*true or false"):
        load_settings()
