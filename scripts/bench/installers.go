package main

import (
	"fmt"
	"os"
)

// installersSuite weighs what people download: the signed Windows installer (program,
// uninstaller and the WebView2 bootstrapper, LZMA-compressed by NSIS) and the .deb. `make
// bench` builds both with the dist targets first and names them with -windows-installer
// and -deb, so the sizes are of the real, current artefacts.
func installersSuite(cfg config) ([]figure, error) {
	if cfg.windowsInstaller == "" || cfg.deb == "" {
		return nil, fmt.Errorf("name the built installers with -windows-installer and -deb (make bench does)")
	}
	win, err := os.Stat(cfg.windowsInstaller)
	if err != nil {
		return nil, err
	}
	deb, err := os.Stat(cfg.deb)
	if err != nil {
		return nil, err
	}
	return []figure{
		{"installer_windows_mb", float64(win.Size()) / 1e6, "MB", "<= 12", "",
			"size of the signed NSIS installer from `make dist-windows` (10^6 bytes)"},
		{"deb_mb", float64(deb.Size()) / 1e6, "MB", "<= 12", "",
			"size of the .deb from `make dist-linux` (10^6 bytes)"},
	}, nil
}
