# Goldseam's build, test and measurement entry points. A newcomer needs two:
#   make run    install what is missing, build, and open Goldseam
#   make test   the whole test suite (what CI runs)
# Others: make build, make dist (the installers), make bench, make clean.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

# WebKitGTK 4.1: Debian 12, Ubuntu 22.04+ and newer distributions ship it; 4.0 is going away.
export GOFLAGS := -tags=webkit2_41
# Read once and handed to sub-makes, so every artefact of one run carries the same version.
ifndef VERSION
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
endif
export VERSION
LDFLAGS := -X github.com/goldseam/goldseam/internal/buildinfo.Version=$(VERSION)
# The Wails CLI at the library's version (scripts/wails) and nfpm, pinned here: run with
# `go run pkg@version`, so their own dependencies stay out of Goldseam's go.mod.
WAILS := scripts/wails
NFPM := go run github.com/goreleaser/nfpm/v2/cmd/nfpm@v2.45.2
XVFB := xvfb-run -a -s "-screen 0 1280x860x24"
APP := build/bin/goldseam
ART := build/test-artifacts
UNAME := $(shell uname -s)

.PHONY: run desktop-session build deps deps-system deps-node bindings frontend program-packed icons identity test test-copy test-go test-frontend test-e2e test-window test-dist test-lint test-reliability reliability bench clean
.PHONY: dist dist-linux dist-windows dist-macos bench-installers

## Setup ------------------------------------------------------------------

deps: deps-system deps-node

# Quiet when nothing is missing; each says what it installs when something is.
deps-system:
	@scripts/deps.sh system

deps-node: deps-system
	@scripts/deps.sh node

## Build ------------------------------------------------------------------

# Each step says what it does in one line; the tools' own output is kept for warnings and
# errors. The first build compiles Wails, SQLite and WebKitGTK's Go side into the Go cache.

# The typed JavaScript bindings of the bound Go services (frontend/wailsjs, not committed).
bindings:
	@[ -d frontend/wailsjs ] || echo "preparing the build tools (first time: a few minutes)…"
	@$(WAILS) generate module -tags webkit2_41 >/dev/null

# The app embeds the screens gzip'd (frontend/dist-packed); dist stays plain for the
# browser tests.
frontend: deps-node bindings
	@echo "building the screens…"
	@cd frontend && npm run build --silent -- --logLevel warn
	@go run ./scripts/packdir frontend/dist frontend/dist-packed

# The guided program's Markdown gzip'd for the app (the goldseam_packed tag embeds it;
# tests and the browser-test build read internal/program/content as it is).
program-packed:
	@go run ./scripts/packdir internal/program/content internal/program/content-packed

# Every icon size from build/icon.svg (scripts/icons.sh says which are committed and why).
icons:
	scripts/icons.sh

# The version from the git tag, stamped into the Windows resources, the installer, the
# macOS Info.plist (Wails alone would take wails.json's fixed value) and the Linux AppStream
# metainfo, whose release date is the commit's, so a rebuild writes the same file.
identity:
	go run ./scripts/identity -version "$(VERSION)" -sign "$(CURDIR)/scripts/sign-windows.sh" \
	  -date "$$(git log -1 --format=%cs 2>/dev/null || date -u +%F)" write >/dev/null

build: frontend program-packed
	@[ -e $(APP) ] && echo "building Goldseam…" || echo "building Goldseam (first time: a few minutes)…"
	@$(WAILS) build -s -skipbindings -m -nosyncgomod -trimpath -tags webkit2_41,goldseam_packed -ldflags "$(LDFLAGS)" >/dev/null
	@echo "built $(APP)"

run: desktop-session build
	@./$(APP)

# On Linux the window needs a display: say so in one line before a build that could not be
# shown. (main.go says the same to a built or installed Goldseam; no other target needs one.)
desktop-session:
	$(if $(and $(filter Linux,$(UNAME)),$(if $(DISPLAY)$(WAYLAND_DISPLAY),,none)),$(error make run opens Goldseam's window and needs a desktop session (neither DISPLAY nor WAYLAND_DISPLAY is set); make build and make test work without one))

## Installers ------------------------------------------------------------
# Each writes its installer to dist/ and prints its path. docs/install.md says what each holds.

dist: dist-linux dist-windows

# Evaluated only where used (= not :=): the Debian form of the version, from scripts/identity.
# The .rpm carries the same version string (RPM sorts it the same way) and the same files.
DEB = dist/goldseam_$(shell go run ./scripts/identity -version "$(VERSION)" debian)_amd64.deb
RPM = dist/goldseam-$(shell go run ./scripts/identity -version "$(VERSION)" debian)-1.x86_64.rpm
dist-linux: build icons identity
	@mkdir -p dist && rm -f dist/goldseam_*.deb dist/goldseam-*.rpm # dist/ holds this build's installers only
	@v=$$(go run ./scripts/identity -version "$(VERSION)" debian) && \
	  GOLDSEAM_DEB_VERSION=$$v $(NFPM) package --config build/linux/nfpm.yaml --packager deb \
	    --target dist/goldseam_$${v}_amd64.deb >/dev/null && \
	  echo "built dist/goldseam_$${v}_amd64.deb" && \
	  GOLDSEAM_DEB_VERSION=$$v $(NFPM) package --config build/linux/nfpm.yaml --packager rpm \
	    --target dist/goldseam-$${v}-1.x86_64.rpm >/dev/null && \
	  echo "built dist/goldseam-$${v}-1.x86_64.rpm"

# Cross-built without cgo; signed as makensis packs it (scripts/sign-windows.sh: a real
# certificate from GOLDSEAM_SIGN_PFX, else a throwaway one).
WIN_INSTALLER := dist/goldseam-$(VERSION)-windows-amd64-installer.exe
dist-windows: frontend program-packed icons identity
	$(WAILS) build -s -skipbindings -m -nosyncgomod -trimpath -platform windows/amd64 -nsis -tags goldseam_packed -ldflags "$(LDFLAGS)" >/dev/null
	@mkdir -p dist && rm -f dist/goldseam-*-windows-amd64-installer.exe
	cp build/bin/goldseam-amd64-installer.exe $(WIN_INSTALLER)
	@echo "built $(WIN_INSTALLER)"

# A universal (Intel + Apple silicon) Goldseam.app in a .dmg. Only macOS has the SDKs,
# codesign and hdiutil: on anything else this says so and fails.
dist-macos:
	@[ "$$(uname -s)" = Darwin ] || { echo "make dist-macos needs macOS (Xcode's SDK, codesign, hdiutil); the release workflow's macos job runs it." >&2; exit 1; }
	$(MAKE) frontend program-packed
	scripts/dist-macos.sh "$(VERSION)" "$(LDFLAGS)"

## Test -------------------------------------------------------------------

test: deps
	$(MAKE) test-copy
	$(MAKE) test-go
	$(MAKE) test-frontend
	$(MAKE) test-e2e
	$(MAKE) test-window
	$(MAKE) test-reliability
	$(MAKE) test-dist
	@echo "make test: all green"

test-go: bindings
	go vet ./...
	go vet -tags e2e .
	go test -race -count=1 ./...
	# The crash loops kill child processes at random moments; they skip under -race (too slow
	# to reach 100 runs), so they run here once more without it.
	go test -count=1 -run SIGKILL ./...

# No sentence of the program's source articles may appear in the app (the check lives
# beside the project, where the articles are; CI without it says so and goes on).
SEEDCHECK := ../shared/tools/seedcheck.py
test-copy:
	@if [ -f $(SEEDCHECK) ]; then python3 $(SEEDCHECK) .; else echo "seedcheck: $(SEEDCHECK) is not here; skipped"; fi

test-frontend: bindings
	cd frontend && npm run check --silent && npm test --silent

test-e2e: frontend
	cd frontend && npm run e2e --silent

test-window: build
	$(XVFB) scripts/window-smoke.sh $(APP)
	$(XVFB) scripts/recent-files-smoke.sh $(APP)

# The reliability trials a few times each (the long run is make reliability).
test-reliability: build
	$(XVFB) go run ./scripts/reliability -quick

# The installers as people get them: the committed icons still match icon.svg, the release
# workflow is valid, the Windows program and installer are signed and carry the version,
# the .deb installs, opens its window, and uninstalls leaving the data folder as it was, and
# the .rpm holds the same files and requires exactly the libraries the program links.
test-dist: test-lint dist-windows dist-linux
	go run ./scripts/wincheck -version "$(VERSION)" -ca build/sign/ca.pem build/bin/goldseam.exe $(WIN_INSTALLER)
	scripts/rpm-check.sh $(RPM) $(DEB) "$(VERSION)"
	$(XVFB) scripts/deb-smoke.sh $(DEB) "$(VERSION)"

# The metainfo software centres read is rendered by identity, then validated offline.
test-lint: identity
	scripts/icons.sh --check
	shellcheck scripts/*.sh scripts/wails .ci/run
	go tool actionlint
	appstreamcli validate --no-net build/linux/app.goldseam.Goldseam.metainfo.xml

## Measure ----------------------------------------------------------------

# Every fault, attack and bad-input trial at full length (about half an hour; run as root:
# it mounts a small tmpfs to fill). Prints RELIABILITY lines, writes docs/reliability.md.
reliability: deps build
	$(XVFB) go run ./scripts/reliability

bench: deps build dist
	scripts/empty-wails-app.sh
	go build -o build/tools/winprobe ./scripts/winprobe
	$(XVFB) go run ./scripts/bench -windows-installer $(WIN_INSTALLER) -deb $(DEB)

# Only the installers' sizes (make bench measures them too, with everything else).
bench-installers: dist
	go run ./scripts/bench -only installers -windows-installer $(WIN_INSTALLER) -deb $(DEB)

clean:
	rm -rf build/bin build/test-artifacts build/tools build/bench build/sign dist frontend/wailsjs
	find frontend/dist frontend/dist-packed internal/program/content-packed -mindepth 1 ! -name .gitkeep -delete
