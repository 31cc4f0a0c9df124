// Package host owns what the Go side asks of the window it runs in: opening a link in the
// operating system's browser, telling the interface that something happened, the file and
// folder dialogs, the window's title, hiding it (the quick exit) and bringing it back,
// printing. It has no way to quit the app: a person closes the window, and only main.go
// closes it for them, when the webview does not enforce the Content-Security-Policy.
//
// Services depend on the [Host] interface, not on the Wails runtime, so the very same
// services run inside the desktop window and inside the browser-test server.
package host

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// Host is the window the services talk to.
type Host interface {
	// OpenURL hands an already validated link to the operating system's browser.
	OpenURL(url string)
	// Emit tells the interface that something happened (for example "vault:locked").
	Emit(event string, data any)
	// SaveFile asks the person where to save a file, suggesting name. It returns the
	// chosen path, or "" when they cancelled.
	SaveFile(title, name string) (string, error)
	// OpenFile asks the person to choose a file to open; "" when they cancelled.
	OpenFile(title string) (string, error)
	// ChooseFolder asks the person to choose a folder; "" when they cancelled.
	ChooseFolder(title string) (string, error)
	// SetTitle changes the window's title; the quick exit makes it say nothing about Goldseam.
	SetTitle(title string)
	// Hide takes the window off the screen and out of the taskbar (the quick exit). Opening
	// Goldseam again brings it back ([Wails.Raise]).
	Hide()
	// Print opens the operating system's print dialog for the page shown, from which a
	// person can also save it as a PDF.
	Print()
}

// Wails is the [Host] of the desktop app. It is usable once Attach has been given the
// context Wails passes to OnStartup; calls before that are dropped, never queued.
type Wails struct {
	mu  sync.RWMutex
	ctx context.Context
}

// Attach records the Wails runtime context. GTK is running by then, so this is also where
// the dialogs are kept out of the desktop's recent files (Linux; recent_linux.go).
func (w *Wails) Attach(ctx context.Context) {
	w.mu.Lock()
	w.ctx = ctx
	w.mu.Unlock()
	keepDialogsOutOfRecent()
}

func (w *Wails) context() context.Context {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.ctx
}

// OpenURL implements [Host].
func (w *Wails) OpenURL(url string) {
	if ctx := w.context(); ctx != nil {
		runtime.BrowserOpenURL(ctx, url)
	}
}

// Emit implements [Host].
func (w *Wails) Emit(event string, data any) {
	if ctx := w.context(); ctx != nil {
		runtime.EventsEmit(ctx, event, data)
	}
}

// SaveFile implements [Host] with the operating system's save dialog.
func (w *Wails) SaveFile(title, name string) (string, error) {
	ctx := w.context()
	if ctx == nil {
		return "", errors.New("save file: the window is not ready")
	}
	path, err := runtime.SaveFileDialog(ctx, runtime.SaveDialogOptions{
		Title:                title,
		DefaultFilename:      name,
		CanCreateDirectories: true,
	})
	if err != nil {
		return "", fmt.Errorf("save file dialog: %w", err)
	}
	return path, nil
}

// OpenFile implements [Host] with the operating system's open dialog.
func (w *Wails) OpenFile(title string) (string, error) {
	ctx := w.context()
	if ctx == nil {
		return "", errors.New("open file: the window is not ready")
	}
	path, err := runtime.OpenFileDialog(ctx, runtime.OpenDialogOptions{Title: title})
	if err != nil {
		return "", fmt.Errorf("open file dialog: %w", err)
	}
	return path, nil
}

// ChooseFolder implements [Host] with the operating system's folder dialog.
func (w *Wails) ChooseFolder(title string) (string, error) {
	ctx := w.context()
	if ctx == nil {
		return "", errors.New("choose folder: the window is not ready")
	}
	path, err := runtime.OpenDirectoryDialog(ctx, runtime.OpenDialogOptions{Title: title, CanCreateDirectories: true})
	if err != nil {
		return "", fmt.Errorf("folder dialog: %w", err)
	}
	return path, nil
}

// SetTitle implements [Host].
func (w *Wails) SetTitle(title string) {
	if ctx := w.context(); ctx != nil {
		runtime.WindowSetTitle(ctx, title)
	}
}

// Hide implements [Host].
func (w *Wails) Hide() {
	if ctx := w.context(); ctx != nil {
		runtime.WindowHide(ctx)
	}
}

// Print implements [Host]. Wails asks each platform's webview natively; window.print()
// from the page alone does nothing in the macOS webview.
func (w *Wails) Print() {
	if ctx := w.context(); ctx != nil {
		runtime.WindowPrint(ctx)
	}
}

// Raise brings the window forward, for a second launch of the same data folder: also after
// the quick exit hid it (Hide).
func (w *Wails) Raise() {
	if ctx := w.context(); ctx != nil {
		runtime.WindowUnminimise(ctx)
		runtime.WindowShow(ctx)
		runtime.Show(ctx)
	}
}
