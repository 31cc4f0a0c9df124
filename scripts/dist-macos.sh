#!/usr/bin/env bash
# dist-macos.sh VERSION LDFLAGS builds dist/Goldseam-VERSION-macos-universal.dmg: one
# Goldseam.app for Intel and Apple silicon, in a disk image with a link to Applications.
# `make dist-macos` calls it; the release workflow's macos job runs that. Only macOS has
# the SDK, codesign and hdiutil, so anywhere else it says so and fails.
#
# Signing and notarization are driven by the environment (a release sets it from secrets);
# without them the app is signed ad hoc (it runs on the Mac that built it; others will ask
# the person to allow it in System Settings):
#   GOLDSEAM_MACOS_CERT_P12_BASE64  Developer ID Application certificate and key (.p12), base64
#   GOLDSEAM_MACOS_CERT_PASSWORD    its password
#   GOLDSEAM_MACOS_SIGN_IDENTITY    the identity to sign with, e.g. "Developer ID Application: Name (TEAMID)"
#   GOLDSEAM_NOTARY_APPLE_ID, GOLDSEAM_NOTARY_TEAM_ID, GOLDSEAM_NOTARY_PASSWORD
#                                   an Apple ID, its team and an app-specific password: notarize
#                                   the .dmg and staple the ticket to it
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:?usage: dist-macos.sh VERSION LDFLAGS}
ldflags=${2:?usage: dist-macos.sh VERSION LDFLAGS}

if [ "$(uname -s)" != Darwin ]; then
  echo "make dist-macos needs macOS (Xcode's SDK, codesign, hdiutil); this is $(uname -s)." >&2
  echo "The release workflow (.github/workflows/release.yml) runs it on a macOS runner." >&2
  exit 1
fi

app=build/bin/Goldseam.app
dmg=dist/Goldseam-$version-macos-universal.dmg
identity=${GOLDSEAM_MACOS_SIGN_IDENTITY:-}

# Info.plist with the version from the git tag, then the universal build (Wails runs lipo).
go run ./scripts/identity -version "$version" write >/dev/null
scripts/wails build -s -skipbindings -m -nosyncgomod -trimpath -platform darwin/universal -tags goldseam_packed -ldflags "$ldflags" >/dev/null
lipo -info "$app/Contents/MacOS/goldseam" | grep -q 'x86_64 arm64' || { echo "not universal: $(lipo -info "$app/Contents/MacOS/goldseam")" >&2; exit 1; }

if [ -n "${GOLDSEAM_MACOS_CERT_P12_BASE64:-}" ]; then
  # A keychain of its own for this build, so the runner's login keychain is never touched.
  keychain=${RUNNER_TEMP:-$(mktemp -d)}/goldseam-signing.keychain-db
  keychain_password=$(uuidgen)
  p12=$(mktemp)
  trap 'rm -f "$p12"; security delete-keychain "$keychain" 2>/dev/null || true' EXIT
  base64 --decode <<<"$GOLDSEAM_MACOS_CERT_P12_BASE64" >"$p12"
  security create-keychain -p "$keychain_password" "$keychain"
  security set-keychain-settings -lut 3600 "$keychain"
  security unlock-keychain -p "$keychain_password" "$keychain"
  security import "$p12" -k "$keychain" -P "${GOLDSEAM_MACOS_CERT_PASSWORD:-}" -T /usr/bin/codesign
  security set-key-partition-list -S apple-tool:,apple: -s -k "$keychain_password" "$keychain" >/dev/null
  # Add it to the search list, keeping the others (their paths have no spaces; macOS's
  # bash 3.2 has no mapfile).
  # shellcheck disable=SC2046
  security list-keychains -d user -s "$keychain" $(security list-keychains -d user | tr -d '"')
fi

if [ -n "$identity" ]; then
  # The hardened runtime and a secure timestamp are what notarization requires.
  codesign --force --deep --options runtime --timestamp --sign "$identity" "$app"
else
  codesign --force --deep --sign - "$app"
fi
codesign --verify --deep --strict "$app"

mkdir -p dist
stage=$(mktemp -d)
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
rm -f "$dmg"
hdiutil create -volname Goldseam -srcfolder "$stage" -ov -format UDZO "$dmg" >/dev/null
rm -rf "$stage"
if [ -n "$identity" ]; then
  codesign --force --timestamp --sign "$identity" "$dmg"
fi

if [ -n "${GOLDSEAM_NOTARY_APPLE_ID:-}" ]; then
  xcrun notarytool submit "$dmg" --apple-id "$GOLDSEAM_NOTARY_APPLE_ID" \
    --team-id "$GOLDSEAM_NOTARY_TEAM_ID" --password "$GOLDSEAM_NOTARY_PASSWORD" --wait
  xcrun stapler staple "$dmg"
fi
hdiutil verify "$dmg" >/dev/null
echo "built $dmg"
