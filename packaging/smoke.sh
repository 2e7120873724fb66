#!/usr/bin/env bash
# Smoke test of an installed SignDesk, run from a folder outside the checkout
# with nothing of the checkout on the path:
#   packaging/smoke.sh SIGNDESK [SIGNDESK_CLI]
# SIGNDESK is the launcher (the wheel's `signdesk` script or the frozen
# app); SIGNDESK_CLI defaults to "SIGNDESK" (the launcher runs subcommands too).
# Checks --version, renders the example project's documents and filing pack, `check --lang zh`
# prints Chinese, and the window opens offscreen and quits.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
app="$1"
cli="${2:-$1}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
unset PYTHONPATH
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/config" XDG_DATA_HOME="$work/home/data" \
       XDG_CACHE_HOME="$work/home/cache"
cp "$repo/examples/bubble_tea_shop.signdesk" example.signdesk
fail() { echo "smoke test FAILED: $*" >&2; exit 1; }

want="SignDesk $(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$repo/signdesk/__init__.py")"
got="$("$app" --version)"
[ "$got" = "$want" ] || fail "--version said '$got', not '$want'"

"$cli" render example.signdesk -o out --today 2026-11-22 > render.log
pdfs=$(find out -name '*.pdf' | wc -l)
for kind in 'sign-*.pdf' 'consent-*.pdf' 'pia-report.pdf' 'compliance-report.pdf' 'optout.html'; do
  [ -n "$(find out -name "$kind" -size +1k)" ] || fail "render wrote no $kind: $(cat render.log)"
done
grep -q "files written" render.log || fail "render did not say what it wrote"

"$cli" export example.signdesk --filing -o pack --today 2026-11-22 --lang en > export.log
for name in filing.json filing.csv filing-summary.pdf pia-report.pdf filing-pack.zip; do
  [ -s "pack/$name" ] || fail "export --filing wrote no $name: $(cat export.log)"
done
grep -q "5 files written" export.log || fail "export --filing did not list what it wrote: $(cat export.log)"

set +e
LANG=C.UTF-8 "$cli" check example.signdesk --lang zh --today 2026-11-22 > check-zh.txt 2> check-zh.err
status=$?
set -e
[ "$status" -le 1 ] || fail "check --lang zh exited $status: $(cat check-zh.err)"
grep -qP '[\x{4e00}-\x{9fff}]' check-zh.txt || fail "check --lang zh printed no Chinese: $(head -3 check-zh.txt)"

ready="$(QT_QPA_PLATFORM=offscreen SIGNDESK_QUIT_WHEN_READY=1 LANG=zh_CN.UTF-8 timeout 120 "$app" example.signdesk)"
[ "$ready" = "ready" ] || fail "the window did not open and quit (said '$ready')"

echo "smoke test passed: $got; $pdfs PDFs and the filing pack; check --lang zh in Chinese; window opened offscreen and quit"
