#!/usr/bin/env bash
# sign-windows.sh FILE signs a Windows program or installer in place with Authenticode
# (osslsigncode), for `make dist-windows`: makensis calls it for the program before packing
# it, for the uninstaller and for the installer (build/windows/installer/project.nsi).
#
# A real certificate comes from the environment (a release sets these from its secrets):
#   GOLDSEAM_SIGN_PFX            path to the code-signing certificate and key (.pfx / .p12)
#   GOLDSEAM_SIGN_PFX_BASE64     or the .pfx itself, base64-encoded (as a CI secret holds it)
#   GOLDSEAM_SIGN_PASSWORD       its password
#   GOLDSEAM_SIGN_TIMESTAMP_URL  optional RFC 3161 timestamp server, so the signature stays
#                                valid after the certificate expires
# Without either it signs with a throwaway certificate made here on first use
# (build/sign/: a test CA and a code-signing certificate it issued, valid 30 days). That
# proves the signing path works; no Windows trusts it, and it is never a release.
set -euo pipefail
file=${1:?usage: sign-windows.sh FILE}
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$root/build/sign

throwaway() {
  mkdir -p "$dir"
  # Reuse while it has a week left, so repeated builds do not mint a CA each time.
  if [ -f "$dir/signer.pem" ] && openssl x509 -checkend 604800 -noout -in "$dir/signer.pem" >/dev/null; then
    return
  fi
  local tmp; tmp=$(mktemp -d); trap 'rm -rf "$tmp"' RETURN
  openssl req -x509 -newkey rsa:3072 -nodes -days 30 -keyout "$tmp/ca.key" -out "$tmp/ca.pem" \
    -subj "/O=The Goldseam developers/CN=Goldseam throwaway test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl req -newkey rsa:3072 -nodes -keyout "$tmp/signer.key" -out "$tmp/signer.csr" \
    -subj "/O=The Goldseam developers/CN=Goldseam throwaway test signing" 2>/dev/null
  printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature" "extendedKeyUsage=codeSigning" >"$tmp/ext"
  openssl x509 -req -in "$tmp/signer.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca.key" -CAcreateserial \
    -days 30 -extfile "$tmp/ext" -out "$tmp/signer.pem" 2>/dev/null
  # The CA's key is not kept: nothing else will ever be issued under it.
  install -m 600 "$tmp/signer.key" "$dir/signer.key"
  cp "$tmp/ca.pem" "$dir/ca.pem"
  cp "$tmp/signer.pem" "$dir/signer.pem"
}

out="$file.signing"
trap 'rm -f "$out" "${passfile:-}" "${pfxfile:-}"' EXIT
args=(sign -h sha256 -n "Goldseam" -in "$file" -out "$out")
if [ -n "${GOLDSEAM_SIGN_PFX_BASE64:-}" ]; then
  pfxfile=$(mktemp); chmod 600 "$pfxfile"
  base64 --decode <<<"$GOLDSEAM_SIGN_PFX_BASE64" >"$pfxfile"
  GOLDSEAM_SIGN_PFX=$pfxfile
fi
if [ -n "${GOLDSEAM_SIGN_PFX:-}" ]; then
  # The password goes through a private file, never the command line (other users see that).
  passfile=$(mktemp); chmod 600 "$passfile"
  printf '%s' "${GOLDSEAM_SIGN_PASSWORD:-}" >"$passfile"
  args+=(-pkcs12 "$GOLDSEAM_SIGN_PFX" -readpass "$passfile")
  if [ -n "${GOLDSEAM_SIGN_TIMESTAMP_URL:-}" ]; then args+=(-ts "$GOLDSEAM_SIGN_TIMESTAMP_URL"); fi
else
  throwaway
  args+=(-certs "$dir/signer.pem" -ac "$dir/ca.pem" -key "$dir/signer.key")
fi
osslsigncode "${args[@]}" >/dev/null
mv "$out" "$file"
echo "signed $file"
