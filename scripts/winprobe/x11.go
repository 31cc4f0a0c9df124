//go:build linux && cgo

package main

/*
#cgo pkg-config: x11
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <stdlib.h>

static int lastError;
static int onError(Display *d, XErrorEvent *e) { lastError = e->error_code; return 0; }
static void quietErrors(void) { XSetErrorHandler(onError); }
static int takeError(void) { int e = lastError; lastError = 0; return e; }
static unsigned long pixelAt(XImage *img, int x, int y) { return XGetPixel(img, x, y); }
static void destroyImage(XImage *img) { XDestroyImage(img); }
*/
import "C"

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"time"
	"unsafe"
)

// display is a connection to the X server named by $DISPLAY.
type display struct{ d *C.Display }

func openDisplay() (*display, error) {
	d := C.XOpenDisplay(nil)
	if d == nil {
		return nil, errors.New("cannot open X display (is DISPLAY set? run under xvfb-run)")
	}
	// A window can vanish between finding and reading it; Xlib's default handler would exit.
	C.quietErrors()
	return &display{d: d}, nil
}

func (x *display) close() { C.XCloseDisplay(x.d) }

// findWindow returns the first viewable window whose name is title, or 0.
func (x *display) findWindow(title string) C.Window {
	return x.search(C.XDefaultRootWindow(x.d), title)
}

func (x *display) search(w C.Window, title string) C.Window {
	var name *C.char
	if C.XFetchName(x.d, w, &name) != 0 && name != nil {
		match := C.GoString(name) == title
		C.XFree(unsafe.Pointer(name))
		if match && x.viewable(w) {
			return w
		}
	}
	var root, parent C.Window
	var children *C.Window
	var n C.uint
	if C.XQueryTree(x.d, w, &root, &parent, &children, &n) == 0 || children == nil {
		return 0
	}
	defer C.XFree(unsafe.Pointer(children))
	for _, child := range unsafe.Slice(children, int(n)) {
		if found := x.search(child, title); found != 0 {
			return found
		}
	}
	return 0
}

func (x *display) viewable(w C.Window) bool {
	var attrs C.XWindowAttributes
	if C.XGetWindowAttributes(x.d, w, &attrs) == 0 {
		return false
	}
	return attrs.map_state == C.IsViewable && attrs.width > 1 && attrs.height > 1
}

// capture reads the window's pixels; step > 1 samples every step-th pixel for speed.
func (x *display) capture(w C.Window, step int) (*image.RGBA, error) {
	var attrs C.XWindowAttributes
	if C.XGetWindowAttributes(x.d, w, &attrs) == 0 {
		return nil, errors.New("window gone")
	}
	width, height := int(attrs.width), int(attrs.height)
	img := C.XGetImage(x.d, C.Drawable(w), 0, 0, C.uint(width), C.uint(height), C.AllPlanes, C.ZPixmap)
	C.XSync(x.d, 0)
	if img == nil || C.takeError() != 0 {
		if img != nil {
			C.destroyImage(img)
		}
		return nil, errors.New("window not readable yet")
	}
	defer C.destroyImage(img)
	out := image.NewRGBA(image.Rect(0, 0, (width+step-1)/step, (height+step-1)/step))
	for y := 0; y < height; y += step {
		for xx := 0; xx < width; xx += step {
			p := uint32(C.pixelAt(img, C.int(xx), C.int(y)))
			out.SetRGBA(xx/step, y/step, color.RGBA{R: uint8(p >> 16), G: uint8(p >> 8), B: uint8(p), A: 0xff})
		}
	}
	return out, nil
}

// screenshot waits settle, then writes window w's picture to shot as a PNG and returns how
// many colours it holds.
func (x *display) screenshot(w C.Window, shot string, settle time.Duration) (int, error) {
	time.Sleep(settle)
	img, err := x.capture(w, 1)
	if err != nil {
		return 0, fmt.Errorf("screenshot: %w", err)
	}
	return distinctColors(img), writePNG(shot, img)
}
