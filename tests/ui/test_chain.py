"""A chain prints every site's signs from the File menu, with progress and a summary."""

from __future__ import annotations

HEADER = "name,address,contact,optout_url,sizes\n"


def test_chain_of_sites_from_the_menu(make_window, dialogs, examples_dir, tmp_path, qtbot):
    stores = tmp_path / "stores.csv"
    stores.write_text(HEADER
                      + "徐汇店,上海市徐汇区漕溪北路88号,021-5555 0123,https://tea.example.cn/xh,A4\n"
                      + "静安店,上海市静安区南京西路1号,021-5555 0124,http://tea.example.cn/ja,A4\n"
                      + "浦东店,上海市浦东新区世纪大道1号,021-5555 0125,https://tea.example.cn/pd,A5\n",
                      "utf-8")
    dialogs.stores_answer = stores
    dialogs.folder_answer = tmp_path / "sites"
    window = make_window(examples_dir / "bubble_tea_shop.signdesk")

    window.menus.chain.trigger()
    job = window.chain_job
    with qtbot.waitSignal(job.finished, timeout=120_000):
        pass

    report = job.report
    assert report is not None and report.count("done") == 2
    folders = sorted(p for p in (tmp_path / "sites").iterdir() if p.is_dir())
    assert len(folders) == 2
    for folder in folders:
        assert any(f.name.startswith("sign-") and f.read_bytes().startswith(b"%PDF-") for f in folder.iterdir())
    assert (tmp_path / "sites" / "summary.csv").exists()
    # The owner is told which line was skipped and why.
    title, text = dialogs.infos[-1]
    assert "Line 3" in text and "https://" in text
    assert not dialogs.errors
    # The status bar's progress bar is gone again.
    assert not job.bar.isVisible()


def test_a_missing_stores_file_is_an_error_message_not_a_crash(make_window, dialogs, tmp_path, qtbot):
    dialogs.stores_answer = tmp_path / "nowhere.csv"
    dialogs.folder_answer = tmp_path / "sites"
    window = make_window()
    window.menus.new.trigger()  # the welcome page has no project to print for
    window.menus.chain.trigger()
    with qtbot.waitSignal(window.chain_job.finished, timeout=30_000):
        pass
    assert dialogs.errors and "nowhere.csv" in dialogs.errors[-1][1]


def test_an_incomplete_project_is_refused_with_what_to_answer_or_printed_as_drafts(
        make_window, dialogs, examples_dir, tmp_path, qtbot):
    from pypdf import PdfReader

    stores = tmp_path / "stores.csv"
    stores.write_text(HEADER + "徐汇店,上海市徐汇区漕溪北路88号,021-5555 0123,https://tea.example.cn/xh,A4\n", "utf-8")
    dialogs.stores_answer = stores
    dialogs.folder_answer = tmp_path / "sites"
    window = make_window(examples_dir / "residential_compound.signdesk")  # how long faces are kept: not decided

    # The owner declines: nothing is printed, and was told what to answer.
    dialogs.confirm_answer = False
    window.menus.chain.trigger()
    assert "how long facial information is kept" in dialogs.asked[-1] and "DRAFT" in dialogs.asked[-1]
    assert not hasattr(window, "chain_job") and not (tmp_path / "sites").exists()

    # The owner insists: every site's signs carry the DRAFT mark.
    dialogs.confirm_answer = True
    window.menus.chain.trigger()
    with qtbot.waitSignal(window.chain_job.finished, timeout=120_000):
        pass
    assert window.chain_job.report.count("done") == 1
    sign = next((tmp_path / "sites").glob("*/sign-*.pdf"))
    text = PdfReader(str(sign)).pages[0].extract_text()
    assert "DRAFT" in text and "草稿" in text
