//go:build linux

package host

/*
#cgo pkg-config: gtk+-3.0
#include <gtk/gtk.h>

// GTK's file chooser adds every file it accepts to the person's "Recent files"
// (~/.local/share/recently-used.xbel, shown by file managers and other apps), and Wails
// gives no way to stop it. Turning the setting gtk-recent-files-enabled off is no answer:
// GTK then rewrites that file empty at the next change, wiping every other app's list too.
// So: when a file chooser dialog is accepted, its files are removed from the recent list
// as soon as GTK has added them. GTK coalesces changes to that file and writes 250 ms after
// the first, so a removal within that time means the entry is never written at all.

enum { forgetEveryMs = 5, forgetTicks = 600 }; // watch for 3 s: the add is asynchronous

typedef struct {
	gchar **uris;
	int ticks;
} forgetting;

static gboolean forget_tick(gpointer data) {
	forgetting *f = data;
	GtkRecentManager *m = gtk_recent_manager_get_default();
	for (gchar **u = f->uris; *u != NULL; u++) {
		GtkRecentInfo *info = gtk_recent_manager_lookup_item(m, *u, NULL);
		if (info != NULL) {
			gtk_recent_info_unref(info);
			gtk_recent_manager_remove_item(m, *u, NULL);
		}
	}
	if (++f->ticks < forgetTicks) {
		return G_SOURCE_CONTINUE;
	}
	g_strfreev(f->uris);
	g_free(f);
	return G_SOURCE_REMOVE;
}

static gboolean on_response(GSignalInvocationHint *hint, guint n, const GValue *params, gpointer data) {
	if (n < 2 || !G_VALUE_HOLDS_OBJECT(&params[0])) {
		return TRUE;
	}
	GObject *dialog = g_value_get_object(&params[0]);
	if (!GTK_IS_FILE_CHOOSER(dialog) || g_value_get_int(&params[1]) != GTK_RESPONSE_ACCEPT) {
		return TRUE;
	}
	GSList *files = gtk_file_chooser_get_files(GTK_FILE_CHOOSER(dialog));
	GPtrArray *uris = g_ptr_array_new();
	for (GSList *l = files; l != NULL; l = l->next) {
		g_ptr_array_add(uris, g_file_get_uri(G_FILE(l->data)));
	}
	g_slist_free_full(files, g_object_unref);
	g_ptr_array_add(uris, NULL);
	forgetting *f = g_new0(forgetting, 1);
	f->uris = (gchar **)g_ptr_array_free(uris, FALSE);
	forget_tick(f); // at once, then every few milliseconds
	g_timeout_add(forgetEveryMs, forget_tick, f);
	return TRUE; // stay installed
}

static gboolean install(gpointer data) {
	g_type_class_ref(GTK_TYPE_DIALOG);
	g_signal_add_emission_hook(g_signal_lookup("response", GTK_TYPE_DIALOG), 0, on_response, NULL, NULL);
	return G_SOURCE_REMOVE;
}

static void keep_dialogs_out_of_recent(void) {
	g_idle_add(install, NULL); // on GTK's own thread
}
*/
import "C"

import "sync"

var recentOnce sync.Once

// keepDialogsOutOfRecent makes every file chosen in a dialog leave no trace in the
// desktop's list of recent files. It is safe to call more than once.
func keepDialogsOutOfRecent() {
	recentOnce.Do(func() { C.keep_dialogs_out_of_recent() })
}
