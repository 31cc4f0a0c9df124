//go:build linux && cgo

package host

/*
#cgo pkg-config: gtk+-3.0
#include <gtk/gtk.h>

// GTK's file chooser adds every file it accepts to the person's "Recent files"
// (~/.local/share/recently-used.xbel, shown by file managers and other apps), and Wails
// gives no way to stop it. Turning the setting gtk-recent-files-enabled off is no answer:
// GTK then rewrites that file empty at the next change, wiping every other app's list too.
// So: when a file chooser dialog is accepted, its files are remembered for a while and
// removed from the recent list whenever they appear in it. The add is asynchronous (GTK
// first asks the file's type), so the list is watched two ways: every few milliseconds, and
// on the manager's "changed" signal. GTK coalesces changes to that file and writes 250 ms
// after the first, so a removal within that time means the entry is never written; if
// Goldseam was too busy to remove it in time, the removal is itself a change, and GTK
// rewrites the file without the entry 250 ms later.

enum { forgetEveryMs = 5, forgetForMs = 15000 };

static GHashTable *remembered; // uri -> expiry (g_get_monotonic_time, microseconds)

static void forget_remembered(GtkRecentManager *m) {
	if (remembered == NULL) {
		return;
	}
	gint64 now = g_get_monotonic_time();
	GHashTableIter it;
	gpointer uri, expiry;
	g_hash_table_iter_init(&it, remembered);
	while (g_hash_table_iter_next(&it, &uri, &expiry)) {
		if (gtk_recent_manager_has_item(m, uri)) {
			gtk_recent_manager_remove_item(m, uri, NULL);
		}
		if (now > *(gint64 *)expiry) {
			g_hash_table_iter_remove(&it);
		}
	}
}

static void on_recent_changed(GtkRecentManager *m, gpointer data) {
	forget_remembered(m);
}

static gboolean forget_tick(gpointer data) {
	forget_remembered(gtk_recent_manager_get_default());
	if (remembered == NULL || g_hash_table_size(remembered) == 0) {
		return G_SOURCE_REMOVE;
	}
	return G_SOURCE_CONTINUE;
}

static gboolean on_response(GSignalInvocationHint *hint, guint n, const GValue *params, gpointer data) {
	if (n < 2 || !G_VALUE_HOLDS_OBJECT(&params[0])) {
		return TRUE;
	}
	GObject *dialog = g_value_get_object(&params[0]);
	if (!GTK_IS_FILE_CHOOSER(dialog) || g_value_get_int(&params[1]) != GTK_RESPONSE_ACCEPT) {
		return TRUE;
	}
	gboolean watching = g_hash_table_size(remembered) > 0;
	GSList *files = gtk_file_chooser_get_files(GTK_FILE_CHOOSER(dialog));
	for (GSList *l = files; l != NULL; l = l->next) {
		gint64 *expiry = g_new(gint64, 1);
		*expiry = g_get_monotonic_time() + (gint64)forgetForMs * 1000;
		g_hash_table_replace(remembered, g_file_get_uri(G_FILE(l->data)), expiry);
	}
	g_slist_free_full(files, g_object_unref);
	forget_remembered(gtk_recent_manager_get_default()); // at once, then every few ms
	if (!watching) {
		g_timeout_add(forgetEveryMs, forget_tick, NULL);
	}
	return TRUE; // stay installed
}

static gboolean install(gpointer data) {
	remembered = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	g_signal_connect(gtk_recent_manager_get_default(), "changed", G_CALLBACK(on_recent_changed), NULL);
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
