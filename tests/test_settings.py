from __future__ import annotations

from pathlib import Path

from newsgraph.settings import SETTINGS, load_settings


def test_defaults() -> None:
    s = load_settings(config="/nonexistent.toml", environ={})
    assert s.db == "newsgraph.db" and s.host == "127.0.0.1" and s.token == ""
    assert all(s.origin(x.name) == "default" for x in SETTINGS)


def test_precedence_file_then_environment_then_command_line(tmp_path: Path) -> None:
    config = tmp_path / "newsgraph.toml"
    config.write_text('db = "from-file.db"\nbatch_size = 8\nport = 9000\n', encoding="utf-8")
    s = load_settings(config=config, environ={"NEWSGRAPH_BATCH_SIZE": "16"})
    assert (s.db, s.origin("db")) == ("from-file.db", str(config))
    assert (s.batch_size, s.origin("batch_size")) == (16, "NEWSGRAPH_BATCH_SIZE")
    t = s.with_overrides(port=8080, db=None)
    assert (t.port, t.origin("port")) == (8080, "command line")
    assert t.db == "from-file.db"


def test_every_setting_has_help_and_an_environment_name() -> None:
    for setting in SETTINGS:
        assert setting.help.endswith(".") and setting.env == "NEWSGRAPH_" + setting.name.upper()
