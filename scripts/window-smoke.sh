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
#     logger does (scripts/webviewcheck bridge), so the check can see a leak.
# Every wait has a time limit. Run it through xvfb-run (make test does).
set -euo pipefail
cd "$(dirname "$0")/.."
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
