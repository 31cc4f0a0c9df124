#!/usr/bin/env bash
# empty-wails-app.sh builds the yardstick for `make bench`: an empty Wails app ("plain"
# template: one static page, no framework) made by the same pinned Wails version with the
# same build flags, so startup and memory can be compared in the same run.
# Output: build/bench/empty/build/bin/empty
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=build/bench/empty
cli=build/tools/wails
mkdir -p build/tools build/bench
# The CLI at the Wails version in go.mod, as scripts/wails runs it.
GOBIN="$root/build/tools" go install "github.com/wailsapp/wails/v2/cmd/wails@$(go list -m -f '{{.Version}}' github.com/wailsapp/wails/v2)"
if [ ! -f "$out/main.go" ]; then
  rm -rf "$out"
  "$root/$cli" init -n emptyapp -t plain -d "$out" -q
fi
cd "$out"
# Same Wails version as Goldseam: the template pins the CLI's own version.
grep -q "github.com/wailsapp/wails/v2 $(cd "$root" && go list -m -f '{{.Version}}' github.com/wailsapp/wails/v2)" go.mod
"$root/$cli" build -tags webkit2_41 -trimpath -m -nosyncgomod >/dev/null
test -x build/bin/empty
