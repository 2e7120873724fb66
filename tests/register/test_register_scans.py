"""A scan of the signed form attached after the consent was recorded, and
corrections as the register reads them."""

from __future__ import annotations

import hashlib

import pytest
from register_helpers import DAY, consent

from signdesk.register import EntryError
from signdesk.register.store import attachments_folder


def test_a_scan_attached_later_is_kept_by_its_hash_and_erasure_removes_it(reg, tmp_path):
    entry = consent(reg, serial="000101")
    photo = tmp_path / "IMG_0042.JPG"
    photo.write_bytes(b"\xff\xd8 the signed form 000101")
    fix = reg.attach_scan(entry.seq, photo, day=DAY, reason="scan attached", staff="赵")
    digest = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert (fix.kind, fix.refers_to) == ("correction", entry.seq)
    kept = attachments_folder(reg.path) / f"{digest}.jpg"
    assert kept.read_bytes() == photo.read_bytes()
    (read,) = reg.corrected_entries(entry.person_id)
    assert read.seq == entry.seq and read.data["attachment"] == {"sha256": digest, "file": kept.name}
    assert reg.verify().ok
    reg.erase_person(entry.person_id, day=DAY)
    assert not kept.exists() and reg.verify().ok


def test_a_scan_goes_only_with_a_consent_or_refusal(reg, tmp_path):
    entry = consent(reg)
    (withdrawal,) = reg.withdraw(entry.person_id, day=DAY, channel="phone", deletion_days=15)
    photo = tmp_path / "a.png"
    photo.write_bytes(b"png")
    with pytest.raises(EntryError, match="neither"):
        reg.attach_scan(withdrawal.seq, photo, day=DAY, reason="x")
    with pytest.raises(EntryError, match="cannot be read"):
        reg.attach_scan(entry.seq, tmp_path / "missing.png", day=DAY, reason="x")
    assert [e.kind for e in reg.entries()] == ["consent", "withdrawal"]


def test_corrected_entries_fold_in_corrections_and_leave_out_voided_ones(reg):
    entry = consent(reg, serial="000101")
    (withdrawal,) = reg.withdraw(entry.person_id, day=DAY, channel="phone", deletion_days=15)
    reg.correct(entry.seq, day=DAY, reason="typo", changes={"serial": "000110"})
    reg.correct(withdrawal.seq, day=DAY, reason="entered by mistake", void=True)
    (read,) = reg.corrected_entries(entry.person_id)
    assert (read.kind, read.serial) == ("consent", "000110")
