"""``signdesk-cli register``: the register from the command line, and the
register belonging to its project."""

from __future__ import annotations

import json
import shutil

import pytest

from signdesk.cli import main
from signdesk.model import load
from signdesk.register import Register, RegisterMismatchError, open_project_register, register_path

SC = "s-till"


def _run(capsys, *argv):
    status = main(list(map(str, argv)))
    out = capsys.readouterr()
    return status, out.out, out.err


def test_first_change_creates_the_register_beside_the_project_and_pairs_them(shop_path, capsys):
    status, out, _ = _run(capsys, "register", shop_path, "add", "--name", "王芳", "--phone4", "1234",
                          "--scenario", SC, "--ticks", "purpose:payment", "--date", "2026-11-02", "--lang", "en")
    assert status == 0 and "Consent recorded: entry 1" in out
    db = register_path(shop_path)
    assert db.name == "shop.register.sqlite" and db.exists()
    rid = json.loads(shop_path.read_text("utf-8"))["register_id"]
    with Register.open(db) as reg:
        assert reg.register_id == rid


def test_withdraw_by_serial_gives_the_due_date_from_the_answers(shop_path, capsys):
    project = load(shop_path)
    project.scenarios[0].answers["withdrawal_deletion_days"] = 7
    from signdesk.model import save

    save(project, shop_path)
    _run(capsys, "register", shop_path, "add", "--name", "王芳", "--serial", "000101", "--scenario", SC,
         "--date", "2026-11-02")
    status, out, _ = _run(capsys, "register", shop_path, "withdraw", "--serial", "000101", "--date", "2026-11-03",
                          "--channel", "phone", "--lang", "en")
    assert status == 0 and "delete the facial information by 2026-11-10" in out
    status, out, _ = _run(capsys, "register", shop_path, "list", "--status", "overdue", "--today", "2026-11-11",
                          "--lang", "zh")
    assert "王芳" in out and "已撤回" in out
    status, out, _ = _run(capsys, "check", shop_path, "--today", "2026-11-11", "--lang", "en")
    assert "Facial information not deleted after withdrawal" in out and status == 1
    _run(capsys, "register", shop_path, "delete", "--serial", "000101", "--staff", "李", "--devices", "till",
         "--date", "2026-11-09")
    status, out, _ = _run(capsys, "check", shop_path, "--today", "2026-11-11", "--lang", "en")
    assert "Facial information not deleted" not in out


def test_verify_names_the_first_broken_entry_and_exits_1(shop_path, capsys):
    import sqlite3

    for name in ("王芳", "张伟"):
        _run(capsys, "register", shop_path, "add", "--name", name, "--scenario", SC, "--date", "2026-11-02")
    status, out, _ = _run(capsys, "register", shop_path, "verify", "--lang", "en")
    assert status == 0 and "intact: 2 entries" in out
    conn = sqlite3.connect(register_path(shop_path))
    conn.execute("DROP TRIGGER entries_append_only_update")
    conn.execute("UPDATE entries SET day = '2026-01-01' WHERE seq = 1")
    conn.commit()
    conn.close()
    status, out, _ = _run(capsys, "register", shop_path, "verify", "--lang", "zh")
    assert status == 1 and "第 1 条" in out and "篡改" in out


def test_a_register_from_another_project_is_refused(shop_path, tmp_path, capsys):
    _run(capsys, "register", shop_path, "add", "--name", "王芳", "--scenario", SC)
    other = tmp_path / "other.signdesk"
    shutil.copy(shop_path.parent / "shop.signdesk", other)
    project = load(other)
    project.register_id = "0" * 32
    from signdesk.model import save

    save(project, other)
    shutil.copy(register_path(shop_path), register_path(other))
    status, _, err = _run(capsys, "register", other, "list", "--lang", "zh")
    assert status == 2 and "属于另一个项目" in err and "Traceback" not in err
    with pytest.raises(RegisterMismatchError):
        open_project_register(other, load(other))


def test_import_skips_bad_rows_by_line_and_writes_the_rest(shop_path, tmp_path, capsys):
    csv_file = tmp_path / "consents.csv"
    csv_file.write_text(
        "serial,name,phone_last4,date,ticks,decision\n"
        "000201,王芳,1234,2026-11-01,purpose:payment,consent\n"
        "000202,张伟,12,2026-11-01,,consent\n"          # phone not four digits
        "000203,刘洋,5678,2026-13-01,,consent\n"        # no such date
        "000201,李娜,4321,2026-11-01,,consent\n"        # serial twice
        "000204,陈静,8765,2026-11-02,purpose:nonsense,consent\n"
        "000205,赵磊,1111,2026-11-02,,refusal\n", encoding="utf-8-sig")
    status, out, err = _run(capsys, "register", shop_path, "import", csv_file, "--lang", "en")
    assert status == 1 and "2 consents imported, 4 lines skipped" in out
    assert [line.split()[1] for line in err.splitlines()] == ["3", "4", "5", "6"]
    assert "four digits" in err and "appears twice" in err
    with open_project_register(shop_path, load(shop_path)) as reg:
        assert [e.kind for e in reg.entries()] == ["consent", "refusal"]
        assert reg.verify().ok


def test_export_writes_a_formula_safe_csv_with_bom_and_pdfs(shop_path, tmp_path, capsys):
    _run(capsys, "register", shop_path, "add", "--name", "=HYPERLINK(\"x\")", "--scenario", SC, "--date", "2026-11-02")
    status, out, _ = _run(capsys, "register", shop_path, "export", "-o", tmp_path / "out", "--today", "2026-11-22")
    raw = (tmp_path / "out" / "register.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "'=HYPERLINK" in raw.decode("utf-8-sig")
    assert (tmp_path / "out" / "register-summary.pdf").read_bytes().startswith(b"%PDF")
    pid = raw.decode("utf-8-sig").splitlines()[1].split(",")[4]
    status, out, _ = _run(capsys, "register", shop_path, "export", "-o", tmp_path / "out", "--person", pid,
                          "--today", "2026-11-22")
    assert status == 0 and (tmp_path / "out" / f"register-{pid}.pdf").exists()
    # Deterministic: the same register gives the same files.
    first = (tmp_path / "out" / "register-summary.pdf").read_bytes()
    _run(capsys, "register", shop_path, "export", "-o", tmp_path / "out", "--today", "2026-11-22")
    assert (tmp_path / "out" / "register-summary.pdf").read_bytes() == first


def test_bad_input_is_one_line_never_a_traceback(shop_path, capsys):
    status, _, err = _run(capsys, "register", shop_path, "list", "--lang", "en")
    assert status == 2 and "has no register yet" in err
    _run(capsys, "register", shop_path, "add", "--name", "王芳", "--scenario", SC)
    status, _, err = _run(capsys, "register", shop_path, "withdraw", "--serial", "999999", "--lang", "en")
    assert status == 2 and err.count("\n") == 1 and "999999" in err
    status, _, err = _run(capsys, "register", shop_path, "add", "--name", "王", "--phone4", "abc", "--scenario", SC)
    assert status == 2 and "Traceback" not in err


def test_check_compares_signed_forms_with_todays_form_version(shop_path, capsys):
    from signdesk.documents.consent import form_version

    project = load(shop_path)
    today = form_version(project, project.scenarios[0]).code
    _run(capsys, "register", shop_path, "add", "--name", "王芳", "--scenario", SC, "--form-version", today)
    status, out, _ = _run(capsys, "check", shop_path, "--lang", "en")
    assert "earlier version of the form" not in out
    _run(capsys, "register", shop_path, "add", "--name", "张伟", "--scenario", SC, "--form-version", "C-000000")
    status, out, _ = _run(capsys, "check", shop_path, "--lang", "en", "--format", "json")
    found = [f for f in json.loads(out)["findings"] if f["rule"] == "RG-03"]
    assert found and "1" in found[0]["title"]


def test_a_pending_deletion_is_a_dated_deadline_in_the_json(shop_path, capsys):
    _run(capsys, "register", shop_path, "add", "--name", "王芳", "--serial", "000101", "--scenario", SC,
         "--date", "2026-11-02")
    _run(capsys, "register", shop_path, "withdraw", "--serial", "000101", "--date", "2026-11-20")
    status, out, _ = _run(capsys, "check", shop_path, "--today", "2026-11-22", "--format", "json")
    deadlines = [d for d in json.loads(out)["deadlines"] if d["rule"] == "RG-02"]
    assert deadlines and deadlines[0]["date"] == "2026-12-05"
