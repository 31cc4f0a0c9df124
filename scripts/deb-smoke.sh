#!/usr/bin/env bash
# deb-smoke.sh DEB VERSION installs Goldseam's .deb the way a person would, opens it, and
# takes it away again (run through xvfb-run, as root: `make test-dist` does both):
#  1. dpkg -i installs it; the package, the program's --version, the desktop entry, the
#     icons and the runtime dependencies (as dpkg-shlibdeps computes them) are right;
#  2. /usr/bin/goldseam, started as a person with a data folder that already holds words,
#     opens a painted window (screenshot: build/test-artifacts/deb-window.png);
#  3. dpkg -r and then dpkg -P take away every file the package brought, and the person's
#     data folder is byte for byte what it was.
# The package is removed on every exit, failed or not. It refuses to run where goldseam is
# already installed: it removes what it installs, and must never remove someone's install.
set -euo pipefail
cd "$(dirname "$0")/.."
deb=${1:?usage: deb-smoke.sh DEB VERSION}
version=${2:?usage: deb-smoke.sh DEB VERSION}
art=build/test-artifacts
probe=build/tools/winprobe

fail() { echo "FAIL: $*"; exit 1; }
[ "$(id -u)" = 0 ] || fail "installing a .deb needs root"
if dpkg-query -W -f='${Status}' goldseam 2>/dev/null | grep -q 'ok installed\|config-files'; then
  fail "goldseam is already installed here; this test removes what it installs. Remove it first: dpkg -P goldseam"
fi
mkdir -p "$art" build/tools
go build -o "$probe" ./scripts/winprobe

tmp=$(mktemp -d)
installed=0
cleanup() {
  if [ "$installed" = 1 ]; then dpkg -P goldseam >/dev/null 2>&1 || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# A person's home with a data folder from before (at the default place, as a real one is).
home=$tmp/home
data=$home/.local/share/goldseam
mkdir -p "$data"
printf 'Words written before this install. They must outlive it.\n' >"$data/kept.txt"
as_person() { env -u XDG_DATA_HOME -u GOLDSEAM_DATA_DIR HOME="$home" "$@"; }
# Every file and folder with its type, mode, size, time and content hash.
snapshot() {
  (cd "$data" && find . -printf '%p %y %m %s %T@\n' | LC_ALL=C sort &&
    find . -type f -exec sha256sum {} + | LC_ALL=C sort)
}

echo "deb: install $deb"
installed=1
as_person dpkg -i "$deb" >/dev/null

want=$(go run ./scripts/identity -version "$version" debian)
got=$(dpkg-query -W -f='${Version}' goldseam)
[ "$got" = "$want" ] || fail "installed version is $got, want $want"
got=$(/usr/bin/goldseam --version)
[ "$got" = "Goldseam $version" ] || fail "goldseam --version says '$got', want 'Goldseam $version'"
desktop-file-validate /usr/share/applications/goldseam.desktop || fail "the desktop entry is not valid"
grep -qx 'Exec=goldseam' /usr/share/applications/goldseam.desktop || fail "the desktop entry does not start goldseam"
for size in 16 22 24 32 48 64 128 256 512; do
  icon=/usr/share/icons/hicolor/${size}x${size}/apps/goldseam.png
  [ -f "$icon" ] || fail "no $icon"
  [ "$(identify -format '%wx%h' "$icon")" = "${size}x${size}" ] || fail "$icon is not ${size}x${size}"
done
[ "$(stat -c %a /usr/share/icons/hicolor)" = 755 ] || fail "installing changed the mode of /usr/share/icons/hicolor"
# The package must depend on exactly what dpkg-shlibdeps finds the program needs: a
# missing one installs a program that cannot start, a wrong version refuses good systems.
mkdir -p "$tmp/shlibdeps/debian"
printf 'Source: goldseam\n\nPackage: goldseam\nArchitecture: amd64\n' >"$tmp/shlibdeps/debian/control"
need=$(cd "$tmp/shlibdeps" && dpkg-shlibdeps -O -e /usr/bin/goldseam 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$need" ] || fail "dpkg-shlibdeps found no dependencies"
sorted() { tr ',' '\n' | sed 's/^ *//; s/ *$//' | LC_ALL=C sort; }
depends=$(dpkg-query -W -f='${Depends}' goldseam)
if [ "$(sorted <<<"$depends")" != "$(sorted <<<"$need")" ]; then
  fail "the package depends on '$depends'; dpkg-shlibdeps says the program needs '$need' (build/linux/nfpm.yaml)"
fi
echo "ok: installed $want: version, desktop entry, icons and dependencies"

echo "deb: open the installed Goldseam as a person"
before_launch=$(snapshot)
as_person "$probe" -title Goldseam -timeout 60s -screenshot "$art/deb-window.png" -- /usr/bin/goldseam | tee "$art/deb-window.json"
[ -f "$data/goldseam.db" ] || fail "the installed app did not use the person's data folder $data"
[ "$(cat "$data/kept.txt")" = "Words written before this install. They must outlive it." ] || fail "opening the app changed kept.txt"
[ "$before_launch" != "$(snapshot)" ] || fail "the app wrote nothing to its data folder: did it run?"
echo "ok: the installed app opened its window on the person's data folder"

echo "deb: remove, then purge"
before=$(snapshot)
files=$(dpkg-query -L goldseam | while read -r f; do [ -f "$f" ] && echo "$f"; done)
as_person dpkg -r goldseam >/dev/null
# Purge takes what removal keeps (conffiles; the package has none today).
if dpkg-query -W -f='${Status}' goldseam 2>/dev/null | grep -q config-files; then
  as_person dpkg -P goldseam >/dev/null
fi
installed=0
! dpkg-query -W -f='${Status}' goldseam 2>/dev/null | grep -q 'installed\|config-files' || fail "goldseam is still known to dpkg"
for f in $files; do [ ! -e "$f" ] || fail "$f is still there after removal"; done
after=$(snapshot)
if [ "$before" != "$after" ]; then
  diff <(echo "$before") <(echo "$after") || true
  fail "removing the package changed the data folder"
fi
echo "ok: removal took $(wc -w <<<"$files") files away and left the data folder byte for byte as it was"
