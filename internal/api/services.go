package api

import "github.com/goldseam/goldseam/internal/host"

// Services holds every bound service. main.go binds its fields; the browser-test server
// exposes the same ones by reflection, so both see exactly the same methods.
type Services struct {
	System *System
}

// NewServices builds the services for the app whose data lives in dataDir.
func NewServices(h host.Host, dataDir string) *Services {
	return &Services{System: NewSystem(h, dataDir)}
}

// Bind lists the services for Wails' Bind option.
func (s *Services) Bind() []any {
	return []any{s.System}
}
