#!/usr/bin/env bash
# Builds the wheel, installs it (not editable) into a fresh venv and runs
# packaging/smoke.sh against the installed copy. Prints the wheel's path.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${WHEEL_WORK:-$(mktemp -d)}"
python -m pip wheel --quiet --no-deps --wheel-dir "$work/dist" "$repo"
wheel="$(ls "$work"/dist/signdesk-*.whl)"
python -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$wheel"
# The installed copy reads its fonts, catalogues, examples and user guide from inside itself.
(cd "$work" && env -u PYTHONPATH "$work/venv/bin/python" -c '
from signdesk import paths
assert paths.INSTALLED, paths.PACKAGE_DIR
for f in ("fonts/NotoSansSC_400Regular.ttf", "translations/zh_CN/ui.po", "examples/bubble_tea_shop.signdesk"):
    assert (paths.BUNDLED_DATA_DIR / f).is_file(), f
assert (paths.qt_translations_dir() / "qtbase_zh_CN.qm").is_file()
# The user guide is package data, read through importlib.resources.
from signdesk.guide import guide_html
assert "SignDesk 使用指南" in guide_html("zh_CN") and "SignDesk user guide" in guide_html("en")
assert "微信公众号" in guide_html("zh_CN") and "WeChat" in guide_html("en")
')
bash "$repo/packaging/smoke.sh" "$work/venv/bin/signdesk" "$work/venv/bin/signdesk-cli"
echo "wheel: $wheel"
