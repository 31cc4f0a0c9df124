#!/usr/bin/env bash
# icons.sh renders the one icon source, build/icon.svg, to every size each platform needs.
# rsvg-convert draws each size from the vector source (sharper than scaling one bitmap down);
# ImageMagick packs the Windows sizes into one .ico. Both give the same bytes every run.
#
#   scripts/icons.sh          render everything (fast: well under a second)
#   scripts/icons.sh --check  fail if a committed render no longer matches icon.svg
#
# Two renders are committed because Go embeds or Wails reads them even on a fresh clone:
#   build/appicon.png         1024 px: Wails makes the macOS .icns from it
#   build/linux/icon-128.png  the window icon embedded in the binary (main.go)
# The rest are build outputs (not committed):
#   build/linux/icons/hicolor/<n>x<n>/apps/goldseam.png   the Linux menu and dock icons
#   build/windows/icon.ico    16-256 px: the .exe's and the installer's icon
set -euo pipefail
cd "$(dirname "$0")/.."
umask 022 # the .deb takes the rendered files' modes as they are
src=build/icon.svg

render() { # size output
  mkdir -p "$(dirname "$2")"
  rsvg-convert --width "$1" --height "$1" --format png "$src" --output "$2"
}

if [ "${1:-}" = "--check" ]; then
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  status=0
  for pair in 1024:build/appicon.png 128:build/linux/icon-128.png; do
    size=${pair%%:*} file=${pair#*:}
    render "$size" "$tmp/fresh.png"
    # Pixels, not bytes: another librsvg may encode the same picture differently. The fuzz
    # forgives anti-aliasing differences of a shade or two, not a changed drawing.
    diff=$(compare -metric AE -fuzz 3% "$tmp/fresh.png" "$file" null: 2>&1) || true
    if [ "$diff" != "0" ]; then
      echo "FAIL: $file is not a render of $src ($diff pixels differ): run scripts/icons.sh and commit it"
      status=1
    fi
  done
  [ "$status" = 0 ] && echo "ok: the committed icons are renders of $src"
  exit "$status"
fi

render 1024 build/appicon.png
render 128 build/linux/icon-128.png

# The sizes of the freedesktop hicolor theme that menus, docks and app switchers ask for.
for size in 16 22 24 32 48 64 128 256 512; do
  render "$size" "build/linux/icons/hicolor/${size}x${size}/apps/goldseam.png"
done
mkdir -p build/linux/icons/hicolor/scalable/apps
cp "$src" build/linux/icons/hicolor/scalable/apps/goldseam.svg

# Windows picks among these for the title bar (16, 20, 24 at 100-150 % scaling), the taskbar
# (24-40), Explorer's views (48, 64) and the Start menu's large tiles (256, stored as PNG).
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pngs=()
for size in 16 20 24 32 40 48 64 256; do
  render "$size" "$tmp/$size.png"
  pngs+=("$tmp/$size.png")
done
mkdir -p build/windows
convert "${pngs[@]}" build/windows/icon.ico
