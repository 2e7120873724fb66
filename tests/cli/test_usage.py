"""What ``signdesk-cli`` says about itself: its name, its version, its commands."""

from __future__ import annotations

from signdesk import __version__
from signdesk.cli import COMMANDS, EXIT_USAGE, main


def test_no_command_lists_the_commands(capsys):
    assert main([]) == EXIT_USAGE
    out, err = capsys.readouterr()
    assert out == ""
    assert "Traceback" not in err and "usage" not in err
    for name in COMMANDS:
        assert any(line.split()[0] == name for line in err.splitlines()[1:-1]), name
    assert "signdesk-cli COMMAND --help" in err


def test_no_command_in_chinese(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    main([])
    err = capsys.readouterr().err
    assert err.startswith("命令：") and "检查" in err


def test_usage_names_signdesk_cli(capsys):
    assert main(["--help"]) == 0
    assert capsys.readouterr().out.startswith("usage: signdesk-cli ")
    assert main(["check", "--help"]) == 0
    assert capsys.readouterr().out.startswith("usage: signdesk-cli check ")
    assert main(["check"]) == EXIT_USAGE
    assert capsys.readouterr().err.startswith("signdesk-cli check: ")


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"SignDesk {__version__}\n"
