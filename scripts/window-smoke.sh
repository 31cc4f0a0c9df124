#!/usr/bin/env bash
# window-smoke.sh checks the real built app in a real window under Xvfb:
#  1. it starts, its window appears and paints real content (not blank), and a
#     screenshot lands in build/test-artifacts/window.png;
#  2. two copies started together on one data folder: exactly one runs, the other
#     says the folder is in use and exits with status 3;
#  3. the same with a session bus, a second copy started once the first window is up:
#     Wails hands the request to raise the window over D-Bus and ends the process that
#     sends it, so this is where a second copy used to leave with Wails' status (1) instead.
# Every wait has a time limit. Run it through xvfb-run (make test does).
set -euo pipefail
self=$(realpath "$0")
cd "$(dirname "$0")/.."

# later APP DIR: step 3, run by this script inside its own D-Bus session.
if [ "${1:-}" = --later ]; then
  app=$2 dir=$3
  "$app" --data-dir "$dir" >"$dir.first.log" 2>&1 & first=$!
  for _ in $(seq 300); do # the first window is up (its D-Bus name is claimed before it shows)
    xdotool search --onlyvisible --name '^Goldseam$' >/dev/null 2>&1 && break
    sleep 0.1
  done
  xdotool search --onlyvisible --name '^Goldseam$' >/dev/null || { echo "FAIL: the first window never showed"; cat "$dir.first.log"; exit 1; }
  sleep 1
  status=0
  timeout 30 "$app" --data-dir "$dir" >"$dir.second.log" 2>&1 || status=$?
  kill -0 $first 2>/dev/null || { echo "FAIL: the first copy stopped"; cat "$dir.first.log"; exit 1; }
  kill $first; wait $first || true
  if [ "$status" -ne 3 ] || ! grep -q "already open with this data folder" "$dir.second.log"; then
    echo "FAIL: with a session bus the second copy exited with $status and said:"; cat "$dir.second.log"; exit 1
  fi
  echo "ok: with a session bus too, the second copy said so and exited with 3"
  exit 0
fi

app=${1:-build/bin/goldseam}
probe=build/tools/winprobe
art=build/test-artifacts
mkdir -p "$art" build/tools
go build -o "$probe" ./scripts/winprobe

tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT

echo "window: start, paint, screenshot"
"$probe" -title Goldseam -timeout 30s -screenshot "$art/window.png" -- "$app" --data-dir "$tmp/one" | tee "$art/window.json"

echo "window: two copies on one data folder"
"$app" --data-dir "$tmp/two" >"$tmp/a.log" 2>&1 & a=$!
"$app" --data-dir "$tmp/two" >"$tmp/b.log" 2>&1 & b=$!
# The loser exits within seconds; give it 20 at most.
for _ in $(seq 200); do
  if ! kill -0 $a 2>/dev/null || ! kill -0 $b 2>/dev/null; then break; fi
  sleep 0.1
done
sleep 1 # let a wrongly started second window show itself
alive=0; loser=""
for pid in $a $b; do
  if kill -0 "$pid" 2>/dev/null; then alive=$((alive + 1)); else loser=$pid; fi
done
if [ "$alive" -ne 1 ] || [ -z "$loser" ]; then
  echo "FAIL: $alive copies running on one data folder (want exactly 1)"; cat "$tmp"/*.log; exit 1
fi
status=0; wait "$loser" || status=$?
log=$([ "$loser" = "$a" ] && echo "$tmp/a.log" || echo "$tmp/b.log")
if [ "$status" -ne 3 ] || ! grep -q "already open with this data folder" "$log"; then
  echo "FAIL: the second copy exited with $status and said:"; cat "$log"; exit 1
fi
echo "ok: one copy owns the folder; the other said so and exited with 3"

echo "window: a second copy once the first is open, over a session bus"
mkdir -p "$tmp/three"
dbus-run-session -- "$self" --later "$(realpath "$app")" "$tmp/three" 2>"$tmp/dbus.log" || { cat "$tmp/dbus.log"; exit 1; }
