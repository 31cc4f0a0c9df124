//go:build linux && cgo

package main

/*
#cgo pkg-config: gtk+-3.0
#include <gtk/gtk.h>
#include <stdio.h>

static const char *drag_uri;
static int data_asked = 0;
static int drag_result = 0; // GTK_DRAG_RESULT_SUCCESS unless drag-failed says otherwise
static int drag_began = 0;

static void on_begin(GtkWidget *w, GdkDragContext *c, gpointer u) { drag_began = 1; }

static void on_get(GtkWidget *w, GdkDragContext *c, GtkSelectionData *d, guint info, guint t, gpointer u) {
	data_asked = 1;
	if (info == 0) {
		gchar *uris[] = {(gchar *)drag_uri, NULL};
		gtk_selection_data_set_uris(d, uris);
	} else {
		gtk_selection_data_set_text(d, drag_uri, -1);
	}
}

static gboolean on_failed(GtkWidget *w, GdkDragContext *c, GtkDragResult r, gpointer u) {
	drag_result = r;
	return FALSE;
}

static gboolean quit_soon(gpointer u) { gtk_main_quit(); return G_SOURCE_REMOVE; }

static void on_end(GtkWidget *w, GdkDragContext *c, gpointer u) { g_timeout_add(300, quit_soon, NULL); }

// run_drag_source shows a small window at (x, y) from which a drag offers uri as a file
// (text/uri-list, and as text); it returns when a drag ended or after 30 s.
static void run_drag_source(const char *uri, int x, int y, int *began, int *asked, int *result) {
	drag_uri = uri;
	gtk_init(NULL, NULL);
	GtkWidget *win = gtk_window_new(GTK_WINDOW_TOPLEVEL);
	gtk_window_set_title(GTK_WINDOW(win), "drag source");
	gtk_window_set_default_size(GTK_WINDOW(win), 80, 80);
	gtk_window_move(GTK_WINDOW(win), x, y);
	GtkWidget *box = gtk_event_box_new();
	gtk_container_add(GTK_CONTAINER(win), box);
	GtkTargetEntry targets[] = {{"text/uri-list", 0, 0}, {"text/plain", 0, 1}};
	gtk_drag_source_set(box, GDK_BUTTON1_MASK, targets, 2, GDK_ACTION_COPY | GDK_ACTION_MOVE | GDK_ACTION_LINK);
	g_signal_connect(box, "drag-begin", G_CALLBACK(on_begin), NULL);
	g_signal_connect(box, "drag-data-get", G_CALLBACK(on_get), NULL);
	g_signal_connect(box, "drag-failed", G_CALLBACK(on_failed), NULL);
	g_signal_connect(box, "drag-end", G_CALLBACK(on_end), NULL);
	gtk_widget_show_all(win);
	g_timeout_add(30000, quit_soon, NULL);
	gtk_main();
	*began = drag_began;
	*asked = data_asked;
	*result = drag_result;
}
*/
import "C"

import (
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"unsafe"
)

// dragResults names GtkDragResult.
var dragResults = map[int]string{0: "dropped", 1: "no target took it", 2: "cancelled", 3: "timed out", 4: "grab broken", 5: "error"}

// dragSource is a real X drag source (GTK, so the XDND protocol end to end): a person's
// file manager, in effect. scripts/window-smoke.sh moves the pointer with xdotool (XTEST)
// from this window onto the app's and releases it there. It prints whether the drag began,
// whether the window under the pointer ever asked for the dropped data (a webview must, to
// open or navigate to it), and how GTK says the drag ended.
func dragSource(args []string) {
	flags := flag.NewFlagSet("drag-source", flag.ExitOnError)
	x := flags.Int("x", 1200, "put the source window at this x")
	y := flags.Int("y", 780, "and this y")
	flags.Parse(args)
	if flags.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: webviewcheck drag-source [-x X -y Y] FILE")
		os.Exit(2)
	}
	abs, err := filepath.Abs(flags.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	uri := C.CString((&url.URL{Scheme: "file", Path: abs}).String())
	defer C.free(unsafe.Pointer(uri))
	var began, asked, result C.int
	C.run_drag_source(uri, C.int(*x), C.int(*y), &began, &asked, &result)
	fmt.Printf("drag began: %v\ndata asked for: %v\nresult: %s\n", began == 1, asked == 1, dragResults[int(result)])
	if began != 1 {
		os.Exit(1)
	}
}
