#!/usr/bin/env bash
# rpm-check.sh RPM DEB VERSION reads Goldseam's .rpm back with rpm itself (`make test-dist`
# runs it; no root needed, nothing is installed):
#  1. its name, version (the same string as the .deb's) and architecture;
#  2. it holds the same files as the .deb, both made from build/linux/nfpm.yaml: the program
#     (mode 0755), the desktop entry, the AppStream metainfo and every hicolor icon size,
#     and no folder (those belong to the system and the icon theme);
#  3. the program inside runs and says the version; the metainfo inside is valid and lists
#     this version;
#  4. it requires exactly the shared libraries the program links, as rpmbuild's own
#     generator (elfdeps) computes them: a missing one installs a program that cannot start;
#  5. it has no install or removal scripts, so nothing ever touches a person's data folder.
set -euo pipefail
cd "$(dirname "$0")/.."
rpm=${1:?usage: rpm-check.sh RPM DEB VERSION}
deb=${2:?usage: rpm-check.sh RPM DEB VERSION}
version=${3:?usage: rpm-check.sh RPM DEB VERSION}
metainfo=/usr/share/metainfo/app.goldseam.Goldseam.metainfo.xml

fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
q() { rpm -qp --nosignature "$@" "$rpm"; }

echo "rpm: $rpm"
q --info >"$tmp/info"
want=$(go run ./scripts/identity -version "$version" debian)
got=$(q --queryformat '%{NAME} %{VERSION} %{ARCH}')
[ "$got" = "goldseam $want x86_64" ] || fail "the package is '$got', want 'goldseam $want x86_64'"
grep -q '^Summary *: A private, local-first companion' "$tmp/info" || fail "no summary in: $(cat "$tmp/info")"

# Regular files, as both package tools list them.
q --queryformat '[%{FILEMODES:perms} %{FILENAMES}\n]' >"$tmp/modes"
grep '^-' "$tmp/modes" | awk '{print $2}' | LC_ALL=C sort >"$tmp/rpm-files"
dpkg-deb -c "$deb" | awk '/^-/ {sub(/^\./, "", $6); print $6}' | LC_ALL=C sort >"$tmp/deb-files"
diff -u "$tmp/deb-files" "$tmp/rpm-files" >&2 || fail "the .rpm and the .deb hold different files"
grep -qx -- "-rwxr-xr-x /usr/bin/goldseam" "$tmp/modes" || fail "/usr/bin/goldseam is missing or not 0755"
for f in /usr/share/applications/goldseam.desktop "$metainfo"; do
  grep -qx "$f" "$tmp/rpm-files" || fail "$f is not in the package"
done
for size in 16 22 24 32 48 64 128 256 512; do
  grep -qx "/usr/share/icons/hicolor/${size}x${size}/apps/goldseam.png" "$tmp/rpm-files" || fail "no ${size}x${size} icon"
done
# Every folder it installs into belongs to the system or the icon theme's package.
if grep '^d' "$tmp/modes"; then fail "the package claims the folders above as its own"; fi
echo "ok: goldseam $want: the same $(wc -l <"$tmp/rpm-files") files as the .deb, with the program, desktop entry, metainfo and icons"

mkdir "$tmp/root"
rpm2archive -n - <"$rpm" | tar -xf - -C "$tmp/root"
got=$("$tmp/root/usr/bin/goldseam" --version)
[ "$got" = "Goldseam $version" ] || fail "the packaged goldseam --version says '$got', want 'Goldseam $version'"
appstreamcli validate --no-net "$tmp/root$metainfo" >/dev/null || fail "the packaged metainfo is not valid"
grep -q "<release version=\"$want\"" "$tmp/root$metainfo" || fail "the packaged metainfo does not list version $want"
echo "ok: the packaged program says Goldseam $version; the packaged metainfo is valid and lists $want"

q --requires | grep -v '^rpmlib(' | LC_ALL=C sort -u >"$tmp/requires"
/usr/lib/rpm/elfdeps --requires "$tmp/root/usr/bin/goldseam" | LC_ALL=C sort -u >"$tmp/needs"
[ -s "$tmp/needs" ] || fail "elfdeps found no libraries"
diff -u "$tmp/needs" "$tmp/requires" >&2 ||
  fail "the package's requires differ from what elfdeps finds the program needs (build/linux/nfpm.yaml, overrides.rpm)"
[ -z "$(q --scripts)" ] || fail "the package has install or removal scripts: $(q --scripts)"
echo "ok: requires exactly the $(wc -l <"$tmp/needs") libraries the program links, and has no scripts"
