#!/usr/bin/env bash
# window-smoke.sh checks the real built app in a real window under Xvfb:
#  1. it starts, its window appears and paints real content (not blank), and a
#     screenshot lands in build/test-artifacts/window.png;
#  2. two copies started together on one data folder: exactly one runs, the other
#     says the folder is in use and exits with status 3;
#  3. the real app's WebKitGTK enforces exactly Goldseam's Content-Security-Policy (the app
#     checks at start and logs it; internal/policycheck), and the same check, in a window
#     served without the headers, says the policy is missing (scripts/webviewcheck policy);
#  4. Wails' own dispatcher, in a real window, fed calls that panic or do not fit with a
#     canary in their arguments: Goldseam's bridge logger writes no canary, Wails' default
#     logger does (scripts/webviewcheck bridge), so the check can see a leak;
#  5. a file dragged from a real X drag source (XDND, scripts/webviewcheck drag-source) and
#     dropped on the app's window: the window never takes it, while a plain Wails page
#     takes the same drop, and a plain page with frontend/public/refuse-drops.js refuses it.
#  6. the same with a session bus, a second copy started once the first window is up:
#     Wails hands the request to raise the window over D-Bus and ends the process that
#     sends it, so this is where a second copy used to leave with Wails' status (1) instead.
#  7. the quick exit in the real window (with a session bus, in the dark theme): Escape twice
#     unmaps the window (xwininfo) and retitles it "Untitled"; opening Goldseam again maps it
#     again, showing the neutral page in the theme's own colour, never white. Screenshots:
#     quick-exit-before.png, quick-exit-hidden.png (the screen without it), quick-exit-return.png.
# Every wait has a time limit. Run it through xvfb-run (make test does).
set -euo pipefail
self=$(realpath "$0")
cd "$(dirname "$0")/.."

# later APP DIR: step 6, run by this script inside its own D-Bus session.
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

# quick-exit APP DIR ART: step 7, run by this script inside its own D-Bus session.
if [ "${1:-}" = --quick-exit ]; then
  app=$2 dir=$3 art=$4 win=""
  GTK_THEME=Adwaita:dark "$app" --data-dir "$dir" >"$dir.log" 2>&1 & first=$!
  for _ in $(seq 300); do # this copy's own window (another step's Goldseam may still be open)
    win=$(xdotool search --onlyvisible --pid "$first" --name '^Goldseam$' 2>/dev/null | head -1 || true)
    [ -n "$win" ] && break; sleep 0.1
  done
  [ -n "$win" ] || { echo "FAIL: the window never showed"; cat "$dir.log"; exit 1; }
  map_state() { xwininfo -id "$win" | sed -n 's/^ *Map State: //p'; }
  # the colour of one pixel of the window's page, near its top left corner
  pixel() { import -window "$win" -crop 1x1+4+4 +repage -depth 8 txt:- | sed -n 's/.*#\([0-9A-Fa-f]\{6\}\).*/\1/p' | head -1; }
  for _ in $(seq 600); do # the page runs (it reports its policy check once its script runs)
    grep -q "content security policy" "$dir.log" && break; sleep 0.1
  done
  sleep 2 # the welcome has painted
  [ "$(map_state)" = IsViewable ] || { echo "FAIL: map state $(map_state) before the quick exit"; exit 1; }
  import -window root "$art/quick-exit-before.png"
  for _ in 1 2 3; do # a busy machine may still be settling the page: try again, a few times
    # No window manager here: give the page the keyboard with a click on empty margin.
    xdotool mousemove --window "$win" 6 6 click 1
    sleep 0.5
    xdotool key Escape sleep 0.2 key Escape
    for _ in $(seq 50); do [ "$(map_state)" = IsUnMapped ] && break; sleep 0.1; done
    [ "$(map_state)" = IsUnMapped ] && break
  done
  if [ "$(map_state)" != IsUnMapped ] || xdotool search --onlyvisible --name '.' 2>/dev/null | grep -qx "$win"; then
    echo "FAIL: after Escape twice the window is still shown (map state $(map_state))"; cat "$dir.log"; exit 1
  fi
  title=$(xdotool getwindowname "$win")
  [ "$title" = Untitled ] || { echo "FAIL: the hidden window is titled \"$title\""; exit 1; }
  import -window root "$art/quick-exit-hidden.png"
  echo "ok: Escape twice unmapped the window and titled it \"Untitled\""
  status=0
  timeout 30 "$app" --data-dir "$dir" >"$dir.second.log" 2>&1 || status=$?
  # The second copy hands the request over D-Bus through a helper (raise.go) and may leave
  # before the first window has acted on it: wait for the window, not for the process.
  for _ in $(seq 300); do [ "$(map_state)" = IsViewable ] && break; sleep 0.1; done
  [ "$(map_state)" = IsViewable ] || { echo "FAIL: opening Goldseam again did not bring the window back (status $status)"; cat "$dir.second.log" "$dir.log"; exit 1; }
  sleep 1
  import -window "$win" "$art/quick-exit-return.png"
  colour=$(pixel)
  kill $first; wait $first || true
  case "$colour" in
    1C1A17|1c1a17) echo "ok: opened again, the window shows the neutral page in the dark theme's colour (#$colour)" ;;
    F7F3EC|f7f3ec) echo "ok: opened again, the window shows the neutral page in the light theme's colour (#$colour; this WebKitGTK did not take the dark theme)" ;;
    *) echo "FAIL: opened again, the window's page is #$colour, not the theme's paper (white would be FFFFFF)"; exit 1 ;;
  esac
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

# --- the smallest window (issue 15, point 7) -----------------------------------------------
# The window at its own minimum width, 720 px (wails.json, main.go MinWidth): the first screen
# must still paint, and build/test-artifacts/window-720.png is there for a person to look at.
echo "window: at its minimum width, 720 px"
"$app" --data-dir "$tmp/narrow" >"$tmp/narrow.log" 2>&1 & narrow=$!
win=""
for _ in $(seq 300); do
  win=$(xdotool search --onlyvisible --name '^Goldseam$' 2>/dev/null | head -1 || true)
  [ -n "$win" ] && break; sleep 0.1
done
[ -n "$win" ] || { echo "FAIL: no window to narrow"; cat "$tmp/narrow.log"; exit 1; }
xdotool windowsize "$win" 720 820
sleep 3 # the page loads and lays itself out again at the new width
eval "$(xdotool getwindowgeometry --shell "$win")" # sets WIDTH and HEIGHT
import -window "$win" "$art/window-720.png"
kill $narrow 2>/dev/null || true; wait $narrow 2>/dev/null || true
colours=$(identify -format '%k' "$art/window-720.png")
if [ "$WIDTH" -ne 720 ] || [ "$colours" -lt 16 ]; then
  echo "FAIL: the window at 720 px is ${WIDTH} px wide with $colours colours (blank?)"; exit 1
fi
echo "ok: at 720 px the window paints ($colours colours): $art/window-720.png"
# --- end of the smallest window ---------------------------------------------------------------

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
# End the copy that won: a Goldseam left open without a session bus on this display stops a
# later one's raise over D-Bus from arriving (step 7 brings a hidden window back that way).
for pid in $a $b; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done

check=build/tools/webviewcheck
go build -tags "webkit2_41 production" -o "$check" ./scripts/webviewcheck

echo "window: the Content-Security-Policy reaches WebKitGTK"
"$app" --data-dir "$tmp/csp" >"$tmp/csp.log" 2>&1 & csp=$!
for _ in $(seq 300); do
  if grep -q "content security policy" "$tmp/csp.log" || ! kill -0 $csp 2>/dev/null; then break; fi
  sleep 0.1
done
kill $csp 2>/dev/null || true; wait $csp 2>/dev/null || true
if ! grep -q "the webview enforces the content security policy" "$tmp/csp.log"; then
  echo "FAIL: the app did not confirm that its window enforces the policy:"; cat "$tmp/csp.log"; exit 1
fi
"$check" policy >"$tmp/policy.log" 2>&1 || { echo "FAIL: webviewcheck policy:"; cat "$tmp/policy.log"; exit 1; }
if "$check" policy -no-policy >"$tmp/no-policy.log" 2>&1 || ! grep -q "does not enforce" "$tmp/no-policy.log"; then
  echo "FAIL: without the headers the check should say the policy is missing:"; cat "$tmp/no-policy.log"; exit 1
fi
echo "ok: WebKitGTK enforces exactly Goldseam's policy; served without it, the check says so"

echo "window: a failed bridge call logs no argument"
canary="moonlit-canary-4417"
"$check" bridge >"$tmp/bridge.log" 2>&1 || { echo "FAIL: webviewcheck bridge did not finish"; cat "$tmp/bridge.log"; exit 1; }
if grep -q "$canary" "$tmp/bridge.log" || ! grep -q "a call of main.Probe.Boom failed" "$tmp/bridge.log"; then
  echo "FAIL: with Goldseam's logger, a failed call's arguments reached the log (or nothing was logged):"; cat "$tmp/bridge.log"; exit 1
fi
"$check" bridge -wails-logger >"$tmp/bridge-wails.log" 2>&1 || { echo "FAIL: webviewcheck bridge -wails-logger did not finish"; exit 1; }
if ! grep -q "$canary" "$tmp/bridge-wails.log"; then
  echo "FAIL: with Wails' default logger the canary should show, or this check sees nothing"; cat "$tmp/bridge-wails.log"; exit 1
fi
echo "ok: Wails' logger printed the arguments of failed calls; Goldseam's printed only which method failed"

# drop_file_on TITLE: drags a file from a real X drag source onto the middle of the visible
# window titled TITLE with the pointer (xdotool, XTEST) and prints how the drag ended.
drop_file_on() {
  local win="" src="" X Y WIDTH HEIGHT SCREEN # set by getwindowgeometry --shell
  : "${SCREEN:=}"
  for _ in $(seq 150); do
    win=$(xdotool search --onlyvisible --name "^$1\$" 2>/dev/null | head -1 || true)
    [ -n "$win" ] && break; sleep 0.2
  done
  [ -n "$win" ] || { echo "no window titled $1"; return 1; }
  sleep 2 # let the page load
  eval "$(xdotool getwindowgeometry --shell "$win")"
  "$check" drag-source -x 1190 -y 770 "$tmp/dropped.txt" >"$tmp/drag.log" 2>&1 & local source=$!
  for _ in $(seq 100); do
    src=$(xdotool search --onlyvisible --name "^drag source\$" 2>/dev/null | head -1 || true)
    [ -n "$src" ] && break; sleep 0.1
  done
  sleep 0.5
  xdotool mousemove 1230 810 sleep 0.3 mousedown 1 sleep 0.3
  for p in "1220 800" "1200 780" "1100 700" "900 500" "$((X + WIDTH / 2)) $((Y + HEIGHT / 2))"; do
    # shellcheck disable=SC2086 # p is "x y"
    xdotool mousemove $p sleep 0.3
  done
  xdotool mousemove $((X + WIDTH / 2 + 5)) $((Y + HEIGHT / 2 + 5)) sleep 0.5 mouseup 1
  wait $source || true
  cat "$tmp/drag.log"
}

echo "window: a file dropped on the window opens nothing"
echo "A FILE DROPPED ON THE WINDOW" >"$tmp/dropped.txt"
"$check" page -for 40s >/dev/null 2>&1 & plain=$!
got=$(drop_file_on webviewcheck); kill $plain 2>/dev/null || true; wait $plain 2>/dev/null || true
if ! grep -q "result: dropped" <<<"$got"; then
  echo "FAIL: a plain Wails page should take the dropped file, or this check drops nothing:"; echo "$got"; exit 1
fi
"$check" page -for 40s -script frontend/public/refuse-drops.js >/dev/null 2>&1 & guarded=$!
got=$(drop_file_on webviewcheck); kill $guarded 2>/dev/null || true; wait $guarded 2>/dev/null || true
if ! grep -q "drag began: true" <<<"$got" || grep -q "result: dropped" <<<"$got"; then
  echo "FAIL: a page with refuse-drops.js took the dropped file:"; echo "$got"; exit 1
fi
"$app" --data-dir "$tmp/drop" >"$tmp/drop-app.log" 2>&1 & dropped=$!
got=$(drop_file_on Goldseam)
alive=yes; kill -0 $dropped 2>/dev/null || alive=no
kill $dropped 2>/dev/null || true; wait $dropped 2>/dev/null || true
if ! grep -q "drag began: true" <<<"$got" || grep -q "result: dropped" <<<"$got" || grep -q "data asked for: true" <<<"$got" || [ $alive = no ]; then
  echo "FAIL: Goldseam's window took the dropped file (or closed):"; echo "$got"; cat "$tmp/drop-app.log"; exit 1
fi
echo "ok: a plain page takes a dropped file; with refuse-drops.js it refuses it; Goldseam's window never even asks for it"

echo "window: a second copy once the first is open, over a session bus"
mkdir -p "$tmp/three"
dbus-run-session -- "$self" --later "$(realpath "$app")" "$tmp/three" 2>"$tmp/dbus.log" || { cat "$tmp/dbus.log"; exit 1; }

echo "window: the quick exit hides the real window; opening Goldseam again shows a neutral page"
mkdir -p "$tmp/exit"
dbus-run-session -- "$self" --quick-exit "$(realpath "$app")" "$tmp/exit" "$(realpath "$art")" 2>"$tmp/dbus-exit.log" || { cat "$tmp/dbus-exit.log"; exit 1; }
