"""``register … post-sign`` takes the ID printed on the sign: its version and scenario come with it."""

from __future__ import annotations

import re

from pypdf import PdfReader

from signdesk.cli import main
from signdesk.register import Register, register_path


def _run(capsys, *argv):
    status = main(list(map(str, argv)))
    got = capsys.readouterr()
    return status, got.out, got.err


def _sign_id(folder):
    (pdf,) = folder.glob("sign-*.pdf")
    text = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    return re.search(r"sign ID (S-[0-9A-F]{6}-\d{2})", text).group(1)


def test_the_id_on_a_printed_sign_is_what_post_sign_records(shop_path, tmp_path, capsys):
    assert _run(capsys, "render", shop_path, "-o", tmp_path / "a", "--today", "2026-11-22")[0] == 0
    first = _sign_id(tmp_path / "a")
    status, out, err = _run(capsys, "register", shop_path, "post-sign", "--sign-id", first.lower(),
                            "--location", "南门", "--date", "2026-11-23", "--lang", "en")
    assert status == 0, err
    assert f"Sign {first} posted at 南门" in out
    with Register.open(register_path(shop_path), lock=False, read_only=True) as reg:
        row = reg.connection.execute("SELECT sign_id, scenario_id, version FROM signs").fetchone()
    assert tuple(row) == (first, "s-till", first[:8])
    # the next print numbers on, so two copies of one text are told apart
    assert _run(capsys, "render", shop_path, "-o", tmp_path / "b", "--today", "2026-11-24")[0] == 0
    second = _sign_id(tmp_path / "b")
    assert second[:8] == first[:8] and int(second[-2:]) == int(first[-2:]) + 1
    status, _out, err = _run(capsys, "register", shop_path, "post-sign", "--sign-id", first, "--location", "北门",
                             "--lang", "en")
    assert status == 2 and "already recorded as posted" in err


def test_an_id_of_no_known_sign_asks_for_the_scenario(shop_path, capsys):
    status, _out, err = _run(capsys, "register", shop_path, "post-sign", "--sign-id", "S-000000-01",
                             "--location", "南门", "--lang", "en")
    assert status == 2 and "Say which scenario the sign is for" in err


def _sign_ids(folder):
    (pdf,) = folder.glob("sign-*.pdf")
    return [re.search(r"sign ID (S-[0-9A-F]{6}-\d{2})", " ".join(page.extract_text().split())).group(1)
            for page in PdfReader(pdf).pages]


def test_copies_of_a_sign_each_carry_their_own_id_and_each_can_be_posted(shop_path, tmp_path, capsys):
    assert _run(capsys, "render", shop_path, "-o", tmp_path / "a", "--today", "2026-11-22")[0] == 0
    first = _sign_id(tmp_path / "a")
    assert _run(capsys, "register", shop_path, "post-sign", "--sign-id", first, "--location", "南门",
                "--lang", "en")[0] == 0
    status, _out, err = _run(capsys, "render", shop_path, "-o", tmp_path / "b", "--today", "2026-11-22",
                             "--sign-copies", "3")
    assert status == 0, err
    ids = _sign_ids(tmp_path / "b")
    version = first[:8]
    assert ids == [f"{version}-{n:02d}" for n in (2, 3, 4)]  # on after the one posted
    for sign, where in zip(ids, ("北门", "东门", "收银台")):
        assert _run(capsys, "register", shop_path, "post-sign", "--sign-id", sign, "--location", where,
                    "--lang", "en")[0] == 0
    # The one already up is named with where it hangs, and the way out.
    status, _out, err = _run(capsys, "register", shop_path, "post-sign", "--sign-id", ids[0], "--location", "后门",
                             "--lang", "en")
    assert status == 2 and "already recorded as posted at 北门" in err and "print the sign again" in err


def test_a_number_of_copies_out_of_range_is_one_line_in_the_users_language(shop_path, tmp_path, capsys):
    for value in ("0", "51", "two"):
        status, _out, err = _run(capsys, "render", shop_path, "-o", tmp_path / "x", "--sign-copies", value,
                                 "--lang", "zh")
        assert status == 2 and "不是 1 到 50 之间的份数" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x").exists()
