"""Hostile and clumsy input through the command line (issue 13, cases 1 to 15).

Each case ends in one clear line on stderr with exit status 2 (or works),
writes nothing half, and reads a bounded amount whatever the file claims.
Some run the CLI as a real process: memory limits, FIFOs, SIGKILL and
full disks only show there.
"""

from __future__ import annotations

import io
import json
import os
import resource
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from signdesk.batch import DONE_MARKER, LOCK_NAME, output_lock
from signdesk.cli import EXIT_INTERNAL, main
from signdesk.model import load
from signdesk.model.files import STALE_TEMP_SECONDS, save

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
TEA = EXAMPLES / "bubble_tea_shop.signdesk"
COMPOUND = EXAMPLES / "residential_compound.signdesk"   # a filing is due
TODAY = "2026-11-22"
GOOD_ROW = "柠檬茶{n}号店,上海市徐汇区{n}号,021-5555 0123,https://lemontea.example.cn/s{n}"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--lang", "en"])
    out, err = capsys.readouterr()
    return code, out, err


def run_process(*argv: str, limit_memory: int | None = None, limit_file_size: int | None = None,
                timeout: float = 60, env: dict | None = None) -> subprocess.CompletedProcess:
    def limits() -> None:
        if limit_memory:
            resource.setrlimit(resource.RLIMIT_AS, (limit_memory, limit_memory))
        if limit_file_size is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, as on a full disk
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))

    return subprocess.run([sys.executable, "-m", "signdesk.cli", *argv, "--lang", "en"], capture_output=True,
                          text=True, timeout=timeout, preexec_fn=limits,
                          env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})})


def one_line(err: str) -> str:
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1, err
    assert "Traceback" not in err and "\x1b" not in err
    return lines[0]


def project_json(**changes) -> dict:
    data = json.loads(TEA.read_text("utf-8"))
    data.update(changes)
    return data


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


# ------------------------------------------------------------ 1. huge integers
def test_an_integer_of_thousands_of_digits_names_its_field(tmp_path, capsys):
    data = project_json()
    text = json.dumps(data).replace('"people_stored": 4200', '"people_stored": ' + "9" * 5000)
    path = tmp_path / "huge-int.signdesk"
    path.write_text(text, "utf-8")
    code, _out, err = run(capsys, "check", str(path))
    assert code == 2
    assert "business.people_stored" in one_line(err)
    filing = tmp_path / "filing.json"
    filing.write_text('{"format": "signdesk-filing", "format_version": ' + "1" * 5000 + ', "project": {}}', "utf-8")
    code, _out, err = run(capsys, "import-filing", str(filing), "-o", str(tmp_path / "back.signdesk"))
    assert code == 2 and "format_version" in one_line(err)


# ---------------------------------------------------------- 2. lone surrogates
@pytest.mark.parametrize("where, field", [
    ("business", "business.operator_name"), ("name", "scenarios[1].name"), ("key", "business"),
])
def test_a_lone_surrogate_is_refused_at_load_naming_the_field(tmp_path, capsys, where, field):
    text = TEA.read_text("utf-8")
    if where == "business":
        text = text.replace('"上海柠檬茶饮有限公司"', '"上海\\ud800柠檬"', 1)
    elif where == "name":
        text = text.replace('"收银台刷脸支付"', '"\\udfff"', 1)
    else:
        text = text.replace('"operator_name"', '"operator_\\ud83d"', 1)
    path = tmp_path / "surrogate.signdesk"
    path.write_text(text, "utf-8")
    for command in (["check", str(path)], ["render", str(path), "-o", str(tmp_path / "out")],
                    ["export", str(path), "--filing", "-o", str(tmp_path / "out")]):
        code, _out, err = run(capsys, *command)
        assert code == 2
        line = one_line(err)
        assert field in line and "surrogate" in line
    assert not (tmp_path / "out").exists()


def test_a_lone_surrogate_in_an_imported_filing_is_refused(tmp_path, capsys):
    code, _out, _err = run(capsys, "export", str(COMPOUND), "--filing", "-o", str(tmp_path / "pack"),
                           "--today", TODAY)
    assert code == 0
    filing = tmp_path / "pack" / "filing.json"
    filing.write_text(filing.read_text("utf-8").replace('"小区人脸门禁"', '"\\ud800"'), "utf-8")
    code, _out, err = run(capsys, "import-filing", str(filing), "-o", str(tmp_path / "back.signdesk"))
    assert code == 2 and "project.scenarios" in one_line(err)
    assert not (tmp_path / "back.signdesk").exists()


# -------------------------------------------------------- 3. odd v1 shapes
@pytest.mark.parametrize("scenarios", [None, 3, "gate", {"a": 1}, True])
def test_a_version_1_file_with_odd_scenarios_is_refused_clearly(tmp_path, capsys, scenarios):
    path = write_json(tmp_path / "v1.signdesk", {"version": 1, "business": {}, "scenarios": scenarios})
    code, _out, err = run(capsys, "check", str(path))
    assert code == 2 and "scenarios" in one_line(err)


# ------------------------------------------- 4 and 13. zips and format versions
def _pack_zip(tmp_path, capsys) -> bytes:
    code, _out, _err = run(capsys, "export", str(COMPOUND), "--filing", "-o", str(tmp_path / "pack"),
                           "--today", TODAY)
    assert code == 0
    return (tmp_path / "pack" / "filing-pack.zip").read_bytes()


def _zip_with(member: bytes, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as zf:
        zf.writestr("filing.json", member)
    return buffer.getvalue()


def _set_flag_and_method(raw: bytes, *, flag: int | None = None, method: int | None = None) -> bytes:
    """Rewrite the general-purpose flag / compression method in both headers, as another tool would."""
    out = bytearray(raw)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := out.find(signature, start)) != -1:
            if flag is not None:
                out[start + offset:start + offset + 2] = (int.from_bytes(out[start + offset:start + offset + 2],
                                                                         "little") | flag).to_bytes(2, "little")
            if method is not None:
                out[start + offset + 2:start + offset + 4] = method.to_bytes(2, "little")
            start += 4
    return bytes(out)


def _garble_after(raw: bytes, name: bytes) -> bytes:
    """Flip the bits of 200 bytes of an entry's data (right after its local header)."""
    start = raw.index(name) + len(name) + 20
    return raw[:start] + bytes(b ^ 0x5A for b in raw[start:start + 200]) + raw[start + 200:]


@pytest.mark.parametrize("damage, words", [
    (lambda z: _set_flag_and_method(z, flag=0x1), "password"),
    (lambda z: _set_flag_and_method(z, method=6), "compression method"),   # imploded: nobody reads it
    (lambda z: _set_flag_and_method(z, method=14), "compression method"),  # LZMA: not what we write
    (lambda z: z[:len(z) // 2], "damaged"),
    (lambda z: _garble_after(z, b"filing.json"), "damaged"),
    (lambda z: z.replace(b"filing.json", b"filing.jsoN"), "does not contain filing.json"),
])
def test_import_of_a_foreign_or_damaged_zip_says_what_is_wrong(tmp_path, capsys, damage, words):
    path = tmp_path / "pack.zip"
    path.write_bytes(damage(_pack_zip(tmp_path, capsys)))
    code, _out, err = run(capsys, "import-filing", str(path), "-o", str(tmp_path / "back.signdesk"))
    assert code == 2 and words in one_line(err)
    assert not (tmp_path / "back.signdesk").exists()


def test_a_zip_whose_header_lies_about_the_size_is_damaged_not_read_on(tmp_path, capsys):
    honest = _zip_with(b"{" + b" " * 5000 + b"}")
    # Claim 10 bytes where 5,002 inflate: the read stops at the claim, the checksum fails.
    lying = honest.replace((5002).to_bytes(4, "little"), (10).to_bytes(4, "little"))
    path = tmp_path / "lying.zip"
    path.write_bytes(lying)
    code, _out, err = run(capsys, "import-filing", str(path), "-o", str(tmp_path / "back.signdesk"))
    assert code == 2 and "damaged" in one_line(err)


@pytest.mark.parametrize("version", ['"1"', "1.0", "true", "null", "-1", "0", "[1]"])
def test_a_wrong_typed_or_negative_format_version_is_named(tmp_path, capsys, version):
    path = tmp_path / "filing.json"
    path.write_text('{"format": "signdesk-filing", "format_version": %s, "project": {}}' % version, "utf-8")
    code, _out, err = run(capsys, "import-filing", str(path), "-o", str(tmp_path / "back.signdesk"))
    line = one_line(err)
    assert code == 2 and "no valid format version" in line and "None" not in line


# ------------------------------------------------------ 5. batch output folder
def _stores(tmp_path, count=2, extra=()) -> Path:
    path = tmp_path / "stores.csv"
    rows = ["name,address,contact,optout_url", *(GOOD_ROW.format(n=n) for n in range(count)), *extra]
    path.write_text("\n".join(rows) + "\n", "utf-8")
    return path


def test_batch_with_output_naming_a_file_is_one_line(tmp_path, capsys):
    target = tmp_path / "not-a-folder"
    target.write_text("x")
    code, _out, err = run(capsys, "batch", str(TEA), str(_stores(tmp_path)), "-o", str(target), "--workers", "0")
    assert code == 2 and "is a file, not a folder" in one_line(err)
    assert target.read_text() == "x"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_batch_into_a_read_only_folder_is_one_line(tmp_path, capsys):
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o500)
    try:
        code, _out, err = run(capsys, "batch", str(TEA), str(_stores(tmp_path)), "-o", str(out), "--workers", "0")
    finally:
        out.chmod(0o700)
    assert code == 2 and "could not be written" in one_line(err)


def test_batch_on_a_full_disk_stops_with_one_line_and_no_half_site(tmp_path):
    out = tmp_path / "out"
    # Files may grow to 20 KB: the lock and markers fit, a sign PDF does not.
    result = run_process("batch", str(TEA), str(_stores(tmp_path, 3)), "-o", str(out), "--workers", "0",
                         "--today", TODAY, limit_file_size=20_000)
    assert result.returncode == 2, result.stderr
    assert "could not be written" in one_line(result.stderr)
    assert [p for p in out.iterdir() if p.is_dir()] == []   # the failed site left nothing behind


# ---------------------------------------------------- 6. two runs, one folder
def test_a_second_batch_into_a_busy_folder_is_told_so(tmp_path):
    out = tmp_path / "out"
    with output_lock(out):
        result = run_process("batch", str(TEA), str(_stores(tmp_path)), "-o", str(out), "--workers", "0",
                             "--today", TODAY)
    assert result.returncode == 2
    assert "Another batch is writing into" in one_line(result.stderr)
    assert [p.name for p in out.iterdir()] == [LOCK_NAME]


def test_two_batches_at_once_never_both_write_and_the_result_is_whole(tmp_path):
    out = tmp_path / "out"
    stores = _stores(tmp_path, 4)
    argv = [sys.executable, "-m", "signdesk.cli", "batch", str(TEA), str(stores), "-o", str(out),
            "--workers", "1", "--today", TODAY, "--lang", "en"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in runs]
    statuses = sorted(code for code, _err in results)
    assert statuses in ([0, 0], [0, 2]), results
    for code, err in results:
        if code == 2:
            assert "Another batch is writing into" in one_line(err)
    folders = [p for p in out.iterdir() if p.is_dir()]
    assert len(folders) == 4
    for folder in folders:
        marker = json.loads((folder / DONE_MARKER).read_text("utf-8"))
        for name in marker["files"]:
            assert (folder / name).read_bytes().startswith(b"%PDF-")


def test_a_marker_is_believed_only_when_its_files_are_whole_pdfs(tmp_path, capsys):
    out = tmp_path / "out"
    stores = _stores(tmp_path, 3)
    code, _out, _err = run(capsys, "batch", str(TEA), str(stores), "-o", str(out), "--workers", "0", "--today", TODAY)
    assert code == 0
    first, second, third = sorted(p for p in out.iterdir() if p.is_dir())
    gone = next(first.glob("*.pdf"))
    gone.unlink()
    cut = next(second.glob("*.pdf"))
    cut.write_bytes(cut.read_bytes()[:1000])
    code, out_text, _err = run(capsys, "batch", str(TEA), str(stores), "-o", str(out), "--workers", "0",
                               "--today", TODAY)
    assert code == 0
    assert "2 sites done, 1 already done" in out_text
    assert gone.exists() and cut.read_bytes().rstrip().endswith(b"%%EOF")


# ------------------------------------------------------ 7. bounded reading
def test_a_sparse_3_gib_project_is_refused_in_little_memory(tmp_path):
    path = tmp_path / "sparse.signdesk"
    with path.open("wb") as fh:
        fh.truncate(3 * 1024 ** 3)
    for argv in (["check", str(path)], ["import-filing", str(path), "-o", str(tmp_path / "x.signdesk")]):
        result = run_process(*argv, limit_memory=1024 ** 3)  # reading it would need 3 GiB
        assert result.returncode == 2
        assert "too large" in one_line(result.stderr)


def test_a_zip_bomb_is_refused_in_little_memory(tmp_path):
    bomb = _zip_with(b" " * (400 * 1024 ** 2))   # 400 MB of spaces in about 400 KB
    path = tmp_path / "bomb.zip"
    path.write_bytes(bomb)
    result = run_process("import-filing", str(path), "-o", str(tmp_path / "x.signdesk"), limit_memory=1024 ** 3)
    assert result.returncode == 2 and "too large" in one_line(result.stderr)
    # The same bomb with its sizes claimed small is read only as far as the claim.
    lying = bomb.replace((400 * 1024 ** 2).to_bytes(4, "little"), (1000).to_bytes(4, "little"))
    path.write_bytes(lying)
    result = run_process("import-filing", str(path), "-o", str(tmp_path / "x.signdesk"), limit_memory=1024 ** 3)
    assert result.returncode == 2 and "damaged" in one_line(result.stderr)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_not_read(device, capsys):
    code, _out, err = run(capsys, "check", device)
    assert code == 2 and "not a regular file" in one_line(err)


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "project.signdesk"
    os.mkfifo(fifo)
    for argv in (["check", str(fifo)], ["import-filing", str(fifo), "-o", str(tmp_path / "x.signdesk")],
                 ["batch", str(TEA), str(fifo), "-o", str(tmp_path / "out")]):
        result = run_process(*argv, timeout=60)  # blocked forever before
        assert result.returncode == 2 and "not a regular file" in one_line(result.stderr)


# ------------------------------------------------- 8. kept answers never printed
@pytest.mark.parametrize("key, value, command", [
    ("optout_url", "http://localhost/optout", "export"),
    ("contact_phone", "<script>alert(1)</script>", "render"),
    ("uscc", "9" * 2000, "export"),
    ("legal_representative", "王" * 1500, "export"),
    ("pia_assessor", "x" * 900, "export"),
])
def test_an_answer_kept_from_an_older_file_is_never_printed(tmp_path, capsys, key, value, command):
    data = json.loads(COMPOUND.read_text("utf-8"))
    data["business"][key] = value
    path = write_json(tmp_path / "old.signdesk", data)
    code, _out, err = run(capsys, "check", str(path), "--today", TODAY)
    assert f"business.{key}" in err   # check opens it and warns
    argv = (["export", str(path), "--filing"] if command == "export" else ["render", str(path)])
    code, _out, err = run(capsys, *argv, "-o", str(tmp_path / "out"), "--today", TODAY)
    assert code == 2
    line = one_line(err)
    assert f"business.{key}" in line and "Correct it before printing" in line
    assert not (tmp_path / "out").exists()


# ------------------------------------------ 9. glyphs in headings and paragraphs
@pytest.mark.parametrize("name", ["门禁😀", "𪚥门禁", "بوابة", "门\u200b禁", "门\u0489禁"])
def test_a_scenario_name_the_font_lacks_is_refused_in_the_filing_pack(tmp_path, capsys, name):
    data = json.loads(COMPOUND.read_text("utf-8"))
    data["scenarios"][0]["name"] = name
    path = write_json(tmp_path / "p.signdesk", data)
    code, _out, err = run(capsys, "export", str(path), "--filing", "-o", str(tmp_path / "out"), "--today", TODAY)
    assert code == 2 and "scenario name" in one_line(err)
    code, _out, err = run(capsys, "export", str(path), "--pia", "-o", str(tmp_path / "out"), "--today", TODAY)
    assert code == 2 and "scenario name" in one_line(err)
    assert not (tmp_path / "out").exists()


# --------------------------------------------------- 10. long values flow on
def test_a_long_valid_value_flows_to_the_next_page_not_over_the_footer(tmp_path, capsys):
    from tests.documents.pdf_checks import reader, text_origins

    data = json.loads(COMPOUND.read_text("utf-8"))
    data["business"].update(group_filing=True, group_members=("上海安居物业管理有限公司、" * 166)[:2000])
    path = write_json(tmp_path / "group.signdesk", data)
    code, _out, err = run(capsys, "export", str(path), "--filing", "-o", str(tmp_path / "out"), "--today", TODAY)
    assert code == 0, err
    pdf = (tmp_path / "out" / "filing-summary.pdf").read_bytes()
    footer_top = 10 * 72 / 25.4 + 7.5   # the footer's baseline (10 mm) and its size
    body_bottom = 18 * 72 / 25.4        # the bottom margin
    for page in text_origins(pdf):
        for _x, y, size, text in page:
            assert y > body_bottom or y < footer_top, (y, text)   # body text stays above the margin
    assert len(reader(pdf).pages) >= 3
    assert "上海安居物业管理有限公司" in "".join(t for page in text_origins(pdf)[1:] for *_r, t in page)


# ---------------------------------------------- 11. echoed values in messages
@pytest.mark.parametrize("key", ["bad\nid", "esc\x1b[2Jclear", "k" * 1_000_000, "bidi\u202eevil"])
def test_an_unknown_key_is_echoed_capped_and_visible(tmp_path, capsys, key):
    data = project_json()
    data["business"][key] = 1
    path = write_json(tmp_path / "p.signdesk", data)
    code, _out, err = run(capsys, "check", str(path))
    line = one_line(err)
    assert code == 2 and len(line.encode("utf-8")) < 1000
    assert "\u202e" not in line and "\n" not in line


def test_check_and_batch_show_names_with_control_characters_visibly(tmp_path, capsys):
    data = project_json()
    data["scenarios"][0]["name"] = "till\x1b[2J\x07"
    path = write_json(tmp_path / "p.signdesk", data)
    code, out, _err = run(capsys, "check", str(path))
    assert "\x1b" not in out and "\x07" not in out and "till\\x1b[2J\\x07" in out
    stores = _stores(tmp_path, 1, extra=['店\x1b[2J,上海市,021-5555 0123,https://lemontea.example.cn/x'])
    code, out, err = run(capsys, "batch", str(TEA), str(stores), "-o", str(tmp_path / "out"), "--workers", "0",
                         "--today", TODAY)
    assert code == 1
    assert "\x1b" not in out + err and "店\\x1b[2J" in out


# --------------------------------------------------- 12. names and file names
def test_scenarios_whose_names_slugify_alike_get_files_of_their_own(tmp_path, capsys):
    data = project_json()
    first = data["scenarios"][0]
    # "gate-a-y", "gate-a", then "gate a" clashes and becomes "gate-a-y": the first one's name.
    data["scenarios"] = [dict(first, id="z", name="Gate A y"), dict(first, id="x", name="Gate A"),
                         dict(first, id="y", name="gate a")]
    path = write_json(tmp_path / "p.signdesk", data)
    out = tmp_path / "out"
    code, text, err = run(capsys, "render", str(path), "-o", str(out), "--today", TODAY)
    assert code == 0, err
    signs = sorted(p.name for p in out.glob("sign-*.pdf"))
    assert len(signs) == 3 and len({s.casefold() for s in signs}) == 3
    assert len(list(out.glob("consent-*.pdf"))) == 3
    assert f"{len(list(out.iterdir()))} files written" in text


def test_an_id_with_a_trailing_newline_is_refused(tmp_path, capsys):
    data = project_json()
    data["scenarios"][0]["id"] = "s-till\n"
    path = write_json(tmp_path / "p.signdesk", data)
    code, _out, err = run(capsys, "check", str(path))
    assert code == 2 and "scenarios[1].id" in one_line(err)


# ------------------------------------------------ 14. workers die with parent
def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
def test_batch_workers_end_when_the_batch_is_killed(tmp_path):
    stores = _stores(tmp_path, 40)
    batch = subprocess.Popen([sys.executable, "-m", "signdesk.cli", "batch", str(TEA), str(stores), "-o",
                              str(tmp_path / "out"), "--workers", "2", "--today", TODAY],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env={**os.environ, "PYTHONPATH": str(REPO)})
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and batch.poll() is None:
        workers = _children(batch.pid)
        time.sleep(0.1)
    assert len(workers) >= 2, "the workers never started"
    batch.send_signal(signal.SIGKILL)
    batch.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() and
                                              (Path(f"/proc/{w}/stat").read_text().split()[2] != "Z")
                                              for w in workers if Path(f"/proc/{w}/stat").exists()):
        time.sleep(0.1)
    alive = [w for w in workers if Path(f"/proc/{w}/stat").exists()
             and Path(f"/proc/{w}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"]
    for w in alive:
        os.kill(w, signal.SIGKILL)
    assert not alive, "workers outlived the batch"


# ------------------------------------------------------ 15. stale temp files
def test_the_next_save_removes_temp_files_left_by_killed_saves(tmp_path):
    project = load(TEA)
    target = tmp_path / "shop.signdesk"
    old = [tmp_path / f".shop.signdesk.{suffix}.tmp" for suffix in ("abcd1234", "zz_9ab0c")]
    fresh = tmp_path / ".shop.signdesk.qwer5678.tmp"     # maybe another save, right now
    other = tmp_path / ".other.signdesk.abcd1234.tmp"     # another file's: not ours to judge
    for path in [*old, fresh, other]:
        path.write_bytes(b"half")
    long_ago = time.time() - STALE_TEMP_SECONDS - 60
    for path in [*old, other]:
        os.utime(path, (long_ago, long_ago))
    save(project, target)
    assert not any(p.exists() for p in old)
    assert fresh.exists() and other.exists()
    assert load(target) == project


# ------------------------------------------- duplicate and unknown keys
def test_a_key_given_twice_is_refused_by_name(tmp_path, capsys):
    text = TEA.read_text("utf-8").replace('"business": {', '"business": {"operator_name": "甲", ', 1)
    path = tmp_path / "dup.signdesk"
    path.write_text(text, "utf-8")
    code, _out, err = run(capsys, "check", str(path))
    assert code == 2 and "operator_name" in one_line(err) and "more than once" in err


@pytest.mark.parametrize("where", ["top", "scenario"])
def test_an_unknown_key_is_refused_not_dropped(tmp_path, capsys, where):
    data = project_json()
    (data if where == "top" else data["scenarios"][0])["written_by_a_newer_version"] = {"x": 1}
    path = write_json(tmp_path / "new.signdesk", data)
    before = path.read_bytes()
    code, _out, err = run(capsys, "check", str(path))
    assert code == 2 and "written_by_a_newer_version" in one_line(err) and "newer SignDesk" in err
    assert path.read_bytes() == before


# ------------------------------------------------------ internal errors
def test_an_internal_error_is_one_line_with_its_own_status_and_a_log(tmp_path):
    # A bug stands in: check's report writer is made to fail.
    sitecustomize = tmp_path / "inject" / "sitecustomize.py"
    sitecustomize.parent.mkdir()
    sitecustomize.write_text("import signdesk.cli.check as c\n"
                             "def broken(*a, **k):\n    raise ZeroDivisionError('a bug')\n"
                             "c.assessment_to_text = broken\n", "utf-8")
    data_home = tmp_path / "data"
    result = run_process("check", str(TEA), env={"PYTHONPATH": f"{sitecustomize.parent}{os.pathsep}{REPO}",
                                                 "XDG_DATA_HOME": str(data_home)})
    assert result.returncode == EXIT_INTERNAL != 1
    line = one_line(result.stderr)
    logs = list((data_home / "SignDesk" / "logs").glob("crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in line
    assert "ZeroDivisionError: a bug" in logs[0].read_text("utf-8")
