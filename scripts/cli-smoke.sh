#!/usr/bin/env bash
# cli-smoke.sh runs the built app's command line as a script would: make a vault, export a
# backup, verify it, restore it both ways, and check the exit statuses of the failures:
# passphrase files others can read, a weak passphrase, and a recovery key with nowhere safe
# to go are refused before anything is made. All of it runs with no display, as over SSH:
# the commands need none, and the window says in one line that it does.
set -euo pipefail
unset DISPLAY WAYLAND_DISPLAY
app=$(realpath "${1:-build/bin/goldseam}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
umask 077 # passphrase files readable by their owner only, as Goldseam asks
printf 'vault passphrase for the smoke test\n' >vault.pass
printf 'backup passphrase for the smoke test\n' >backup.pass
printf 'not the right one at all\n' >wrong.pass
printf 'password1\n' >weak.pass
printf 'vault passphrase for the smoke test\n' >shared.pass
chmod 644 shared.pass
export GOLDSEAM_PASSPHRASE_FILE=$tmp/vault.pass GOLDSEAM_BACKUP_PASSPHRASE_FILE=$tmp/backup.pass

expect() { # expect STATUS command...: run it and check its exit status
  local want=$1 got=0
  shift
  "$@" >out.txt 2>err.txt || got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL: '$*' exited $got, want $want"; cat out.txt err.txt; exit 1
  fi
}
expect 0 "$app" --version
grep -q '^Goldseam ' out.txt
# The window, with no display: one plain line (no stack trace, no GTK warnings), status 1,
# and no data folder made.
expect 1 "$app" --data-dir nodisplay
if [ "$(wc -l <err.txt)" != 1 ] || ! grep -q '^Goldseam needs a desktop session' err.txt || [ -s out.txt ] || [ -e nodisplay ]; then
  echo "FAIL: without a display the app did not say so in one line"; cat out.txt err.txt; exit 1
fi
# The recovery key goes to a terminal or to a new file named for it; here there is no terminal.
expect 1 "$app" --data-dir data init
grep -q -- '--recovery-kit FILE' err.txt
[ ! -e data ]
GOLDSEAM_PASSPHRASE_FILE=$tmp/shared.pass expect 1 "$app" --data-dir data init --recovery-kit kit.txt
grep -q 'chmod 600' err.txt
[ ! -e kit.txt ] && [ ! -e data/goldseam.db ]
GOLDSEAM_PASSPHRASE_FILE=$tmp/weak.pass expect 1 "$app" --data-dir data init --recovery-kit kit.txt
grep -q 'commonly used password' err.txt
[ ! -e kit.txt ] && [ ! -e data/goldseam.db ]
expect 0 "$app" --data-dir data init --recovery-kit kit.txt
grep -Eq '([0-9A-Z]{4}-){8}[0-9A-Z]{4}' kit.txt
[ "$(stat -c %a kit.txt)" = 600 ]
if grep -Eq '([0-9A-Z]{4}-){8}[0-9A-Z]{4}' out.txt err.txt; then echo "FAIL: the recovery key was printed"; exit 1; fi
expect 1 "$app" --data-dir other init --recovery-kit kit.txt
grep -q 'already there' err.txt
GOLDSEAM_BACKUP_PASSPHRASE_FILE=$tmp/weak.pass expect 1 "$app" --data-dir data backup export weak.age
grep -q 'commonly used password' err.txt
[ ! -e weak.age ]
expect 0 "$app" --data-dir data backup export backup.age
head -c 22 backup.age | grep -q 'age-encryption.org/v1'
expect 0 "$app" backup verify backup.age
expect 0 "$app" --data-dir data backup restore backup.age --merge
expect 0 "$app" --data-dir data backup restore backup.age --replace
GOLDSEAM_BACKUP_PASSPHRASE_FILE=$tmp/wrong.pass expect 1 "$app" backup verify backup.age
grep -q 'does not open this backup' err.txt
GOLDSEAM_PASSPHRASE_FILE=$tmp/wrong.pass expect 1 "$app" --data-dir data backup export other.age
[ ! -e other.age ]
expect 2 "$app" backup restore backup.age
echo "ok: the command line made, exported, verified and restored a vault; failures said why"
