#!/usr/bin/env bash
# deps.sh installs what building and testing Goldseam needs on Debian 12 / Ubuntu,
# and nothing else. It is idempotent: a machine that has everything pays ~1 s.
#
#   scripts/deps.sh system   Debian packages (apt-get as root; otherwise prints the sudo line and fails)
#   scripts/deps.sh node     npm packages of frontend/ (from package-lock.json)
#   scripts/deps.sh all      both
set -euo pipefail
cd "$(dirname "$0")/.."

# Build: GTK and WebKitGTK 4.1 headers for Wails (built with -tags webkit2_41).
# Tests: Xvfb + xdotool + ImageMagick for the real-window check (dbus-daemon for a session bus,
# the channel a second Goldseam raises the first one through), Chromium for browser tests,
# age for backup interop, strace for the no-network check, nsis for the Windows installer,
# librsvg2-bin to render the one icon source (build/icon.svg) to every size, poppler-utils
# (pdftotext) to read the printable agreements back from the PDF Chromium makes, syncthing
# (Debian's 1.19) for the sharing tests, which run two real instances on 127.0.0.1
# (internal/testkit/syncthing); Goldseam itself never starts or needs it.
# Installers: osslsigncode and openssl sign the Windows program and installer, 7zip unpacks
# the installer to check what it packs, desktop-file-utils validates the Linux desktop entry,
# appstream (appstreamcli) validates the AppStream metainfo software centres read, rpm reads
# the .rpm back (rpm -qp) and computes the libraries it must require (elfdeps), and
# ShellCheck checks the scripts and the release workflow's steps (actionlint calls it).
SYSTEM_PACKAGES=(
  build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev
  xvfb xauth xdotool dbus-daemon imagemagick librsvg2-bin chromium age strace nsis poppler-utils
  osslsigncode openssl 7zip desktop-file-utils shellcheck appstream rpm syncthing
)

missing_system_packages() {
  local p
  for p in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

install_system() {
  # macOS and Windows have no apt: building there needs Xcode's tools or WebView2 (README).
  if ! command -v dpkg-query >/dev/null; then
    echo "deps: not a Debian system; system packages are skipped"
    return 0
  fi
  local missing
  missing=$(missing_system_packages | tr '\n' ' ')
  [ -z "${missing// /}" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "Goldseam needs some system packages. Please run:" >&2
    echo "  sudo apt-get install -y $missing" >&2
    echo "then run this command again." >&2
    exit 1
  fi
  echo "Installing system packages: $missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing
}

# Go and Node.js come from their own sites, not apt: Debian 12 ships Go 1.19 and Node 18,
# older than the toolchain needs. Say so plainly instead of failing halfway through.
check_toolchains() {
  local ok=1
  if ! command -v go >/dev/null; then
    echo "Goldseam needs Go 1.21 or newer (it fetches the exact version it builds with): https://go.dev/dl/" >&2; ok=0
  fi
  if ! command -v node >/dev/null || ! node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)'; then
    echo "Goldseam needs Node.js 20.19 or newer (with npm): https://nodejs.org/en/download" >&2; ok=0
  fi
  [ "$ok" = 1 ] || exit 1
}

install_node() {
  check_toolchains
  # npm ci is reproducible from the lock file; skip it when node_modules matches the lock.
  local stamp=frontend/node_modules/.goldseam-lock-stamp
  if [ -f "$stamp" ] && cmp -s frontend/package-lock.json "$stamp"; then
    return 0
  fi
  echo "installing the screens' npm packages (npm ci)…"
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
  cp frontend/package-lock.json "$stamp"
}

case "${1:-all}" in
  system) install_system ;;
  node) install_node ;;
  all) install_system; install_node ;;
  *) echo "usage: $0 [system|node|all]" >&2; exit 2 ;;
esac
