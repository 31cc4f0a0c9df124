#!/usr/bin/env bash
# recent-files-smoke.sh checks, in the real built app under Xvfb, that saving the recovery
# kit through the real GTK save dialog leaves no trace in the desktop's list of recent
# files (~/.local/share/recently-used.xbel), and that another app's entry there survives.
# GTK's file chooser adds every accepted file to that list; internal/host removes it before
# GTK writes the list. Run it through xvfb-run with a 1280x860 screen (make test-window
# does): the clicks below are where the screens draw their buttons at that size.
set -euo pipefail
cd "$(dirname "$0")/.."
app=$(realpath "${1:-build/bin/goldseam}")
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT
home=$tmp/home recent=$tmp/home/.local/share/recently-used.xbel
mkdir -p "$home/.local/share" "$tmp/out"
cat >"$recent" <<'XBEL'
<?xml version="1.0" encoding="UTF-8"?>
<xbel version="1.0" xmlns:bookmark="http://www.freedesktop.org/standards/desktop-bookmarks" xmlns:mime="http://www.freedesktop.org/standards/shared-mime-info">
  <bookmark href="file:///srv/other-app/letter.odt" added="2026-11-30T10:00:00Z" modified="2026-11-30T10:00:00Z" visited="2026-11-30T10:00:00Z">
    <info><metadata owner="http://freedesktop.org"><mime:mime-type type="application/vnd.oasis.opendocument.text"/><bookmark:applications><bookmark:application name="Writer" exec="&apos;writer %u&apos;" modified="2026-11-30T10:00:00Z" count="1"/></bookmark:applications></metadata></info>
  </bookmark>
</xbel>
XBEL

# wait_for tries a command every 0.2 s for at most $1 seconds.
wait_for() {
  local limit=$1; shift
  for _ in $(seq $((limit * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  return 1
}
window() { xdotool search --onlyvisible --name "$1"; }

echo "recent files: save a kit through the real dialog"
# GTK's dialog opens in the working folder: the kit is saved there under the name suggested.
(cd "$tmp/out" && exec env -u XDG_DATA_HOME HOME="$home" "$app" --data-dir "$tmp/data" >"$tmp/app.log" 2>&1) &
wait_for 30 window '^Goldseam$' || { echo "FAIL: the window never appeared"; cat "$tmp/app.log"; exit 1; }
sleep 3 # the welcome paints
pass="lantern orchard quietly 42"
xdotool mousemove 640 500 click 1 sleep 0.5 key End sleep 1     # the welcome, to its end
xdotool mousemove 425 652 click 1 sleep 1.5                     # "Begin when you are ready"
xdotool mousemove 596 486 click 1 sleep 0.5 key ctrl+a BackSpace # the passphrase
xdotool type --delay 30 "$pass"
xdotool sleep 0.3 key Tab Tab sleep 0.3 key ctrl+a BackSpace      # once more
xdotool type --delay 30 "$pass"
xdotool sleep 0.3 key Return
# The vault is made (Argon2id calibration may take a while), then the kit shows: click
# "Save as a file" until the save dialog opens.
opened=no
for _ in $(seq 45); do
  sleep 2
  xdotool mousemove 470 733 click 1
  if wait_for 2 window '^Save your recovery kit$'; then opened=yes; break; fi
done
[ $opened = yes ] || { echo "FAIL: the save dialog never opened"; exit 1; }
sleep 2
xdotool key Return # save, under the suggested name
saved() { compgen -G "$tmp/out/kit-*.txt"; }
wait_for 15 saved || { echo "FAIL: no kit was saved in $tmp/out"; ls -la "$tmp/out"; exit 1; }
kit=$(saved)
sleep 2 # GTK writes the recent list 250 ms after a change; give it plenty

if [ "$(stat -c %a "$kit")" != 600 ]; then echo "FAIL: the kit file is mode $(stat -c %a "$kit")"; exit 1; fi
# Normally the entry is never written. On a machine too busy to remove it within GTK's
# 250 ms, it is written and then rewritten without it: allow that, a few seconds at most.
no_kit_listed() { ! grep -q "kit-" "$recent"; }
if ! wait_for 8 no_kit_listed; then
  echo "FAIL: the recent files list names the kit:"; cat "$recent"; exit 1
fi
if ! grep -q "file:///srv/other-app/letter.odt" "$recent"; then
  echo "FAIL: another app's recent file was lost:"; cat "$recent"; exit 1
fi
echo "ok: the kit was saved (0600) and the recent files list holds no entry for it; another app's entry is still there"
