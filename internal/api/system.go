package api

import (
	"runtime"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/buildinfo"
	"github.com/goldseam/goldseam/internal/host"
	"github.com/goldseam/goldseam/internal/webguard"
)

// System answers questions about the app itself and opens outside links.
type System struct {
	host    host.Host
	dataDir string
}

// NewSystem returns the System service for the app using dataDir.
func NewSystem(h host.Host, dataDir string) *System {
	return &System{host: h, dataDir: dataDir}
}

// AppInfo describes this installation, for the About and Settings pages.
type AppInfo struct {
	Name     string `json:"name"`
	Version  string `json:"version"`
	DataDir  string `json:"dataDir"`
	Platform string `json:"platform"`
}

// Info returns the app's name, version, data folder and platform.
func (s *System) Info() (AppInfo, error) {
	return AppInfo{
		Name:     buildinfo.Name,
		Version:  buildinfo.Version,
		DataDir:  s.dataDir,
		Platform: runtime.GOOS,
	}, nil
}

// Print opens the print dialog for what the window shows (the printable agreements).
func (s *System) Print() error {
	s.host.Print()
	return nil
}

// OpenExternal opens an https or mailto link in the operating system's browser or mail
// program, after checking it. The interface calls this only when a person clicks a link.
func (s *System) OpenExternal(url string) error {
	safe, err := webguard.ExternalURL(url)
	if err != nil {
		return apperr.Wrap(apperr.Invalid, "That link cannot be opened from Goldseam. Only https web pages and email addresses can.", err)
	}
	s.host.OpenURL(safe)
	return nil
}
