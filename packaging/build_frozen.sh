#!/usr/bin/env bash
# Builds the frozen desktop app (PyInstaller, one folder) from
# packaging/signdesk.spec and smoke-tests it:
#   packaging/build_frozen.sh [OUT_DIR]      (default: build/frozen)
# The app is built from the wheel installed into a fresh venv, so it holds
# exactly what a pip install holds. Writes OUT_DIR/signdesk/ (the folder to
# ship) and OUT_DIR/signdesk-<version>-linux-x86_64.tar.gz, and prints the
# sizes and how long the build took.
# FROZEN_VENV=DIR reuses a venv that already has the wheel installed (CI
# passes the one packaging/wheel_smoke.sh made).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "${1:-$repo/build/frozen}" && cd "${1:-$repo/build/frozen}" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
started=$SECONDS
venv="${FROZEN_VENV:-}"
if [ -z "$venv" ]; then
  venv="$work/venv"
  python -m pip wheel --quiet --no-deps --wheel-dir "$work/dist" "$repo"
  python -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$work"/dist/signdesk-*.whl
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pyinstaller>=6.10,<7"
version="$("$venv/bin/python" -c 'import signdesk; print(signdesk.__version__)')"
rm -rf "$out/signdesk"
(cd "$repo/packaging" && env -u PYTHONPATH "$venv/bin/pyinstaller" --noconfirm --log-level WARN \
    --distpath "$out" --workpath "$work/build" signdesk.spec) 2>&1 | tee "$work/pyinstaller.log"
# The app carries the X11 plugin's libraries from this machine: all of them.
unresolved="$(sed -n "s/.*could not resolve '\([^']*\)', dependency of '.*xcb.*/\1/p" "$work/pyinstaller.log" | sort -u)"
if [ -n "$unresolved" ]; then
  echo "the X11 plugin's libraries are not all on this machine; install their packages first:" $unresolved >&2
  exit 1
fi
build_seconds=$((SECONDS - started))
archive="$out/signdesk-$version-linux-x86_64.tar.gz"
tar -C "$out" -czf "$archive" signdesk
bash "$repo/packaging/smoke.sh" "$out/signdesk/signdesk" "$out/signdesk/signdesk-cli"
# The user guide (Help > User guide) is data the spec must collect.
for lang in zh_CN en; do
  find "$out/signdesk" -path "*/signdesk/guide/guide.$lang.html" | grep -q . ||
    { echo "the frozen app holds no user guide guide.$lang.html" >&2; exit 1; }
done
# Nothing of what SignDesk does not use may slip in.
if find "$out/signdesk" -iname '*WebEngine*' -o -iname '*Qt6Qml*' -o -iname '*Qt6Quick*' | grep -q .; then
  echo "the frozen app holds Qt modules it does not use:" >&2
  find "$out/signdesk" -iname '*WebEngine*' -o -iname '*Qt6Qml*' -o -iname '*Qt6Quick*' >&2
  exit 1
fi
echo "frozen app: $out/signdesk, $(du -sh "$out/signdesk" | cut -f1) unpacked," \
     "$(du -h "$archive" | cut -f1) as $(basename "$archive"); built in ${build_seconds}s"
