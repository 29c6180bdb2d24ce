/* pac-file-pick.c: GtkFileDialog (GTK 4.10), GtkFileChooserNative before
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both go through the file chooser portal inside a Flatpak, so Pacific
 * needs no file system access beyond what the user picks. GTK 4.10
 * deprecates the chooser for the dialog; doc/architecture.md, "Two
 * platforms", says how the build chooses.
 */
#include "config.h"

#include "pac-file-pick.h"

typedef struct
{
  PacFilePicked done;
  gpointer user_data;
#if GTK_CHECK_VERSION(4, 10, 0)
  GFile *(*finish) (GtkFileDialog *dialog, GAsyncResult *result, GError **error);
#endif
} Picking;

static Picking *
picking_new (PacFilePicked done, gpointer user_data)
{
  Picking *picking = g_new0 (Picking, 1);

  picking->done = done;
  picking->user_data = user_data;
  return picking;
}

#if GTK_CHECK_VERSION(4, 10, 0)

static GtkFileDialog *
file_dialog (const PacFilePick *pick)
{
  GtkFileDialog *dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, pick->title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  if (pick->accept_label)
    gtk_file_dialog_set_accept_label (dialog, pick->accept_label);
  if (pick->filter)
    {
      g_autoptr (GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
      g_list_store_append (filters, pick->filter);
      gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
      gtk_file_dialog_set_default_filter (dialog, pick->filter);
    }
  if (pick->folder)
    gtk_file_dialog_set_initial_folder (dialog, pick->folder);
  if (pick->name)
    gtk_file_dialog_set_initial_name (dialog, pick->name);
  return dialog;
}

/* open or save: @data says which finish to call */
static void
on_picked (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autofree Picking *picking = data;
  g_autoptr (GFile) file = picking->finish (GTK_FILE_DIALOG (source), result, NULL);

  picking->done (file, picking->user_data);
}

static void
pick_file (GtkWindow *parent,
           const PacFilePick *pick,
           gboolean save,
           PacFilePicked done,
           gpointer user_data)
{
  g_autoptr (GtkFileDialog) dialog = file_dialog (pick);
  Picking *picking = picking_new (done, user_data);

  picking->finish = save ? gtk_file_dialog_save_finish : gtk_file_dialog_open_finish;
  if (save)
    gtk_file_dialog_save (dialog, parent, NULL, on_picked, picking);
  else
    gtk_file_dialog_open (dialog, parent, NULL, on_picked, picking);
}

#else

static void
picking_free (gpointer data, GClosure *closure)
{
  g_free (data);
}

static void
on_response (GtkNativeDialog *chooser, int response, Picking *picking)
{
  g_autoptr (GFile) file = response == GTK_RESPONSE_ACCEPT
                             ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))
                             : NULL;

  picking->done (file, picking->user_data);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
pick_file (GtkWindow *parent,
           const PacFilePick *pick,
           gboolean save,
           PacFilePicked done,
           gpointer user_data)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
    pick->title, parent, save ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
    pick->accept_label, NULL);

  if (pick->filter)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), pick->filter);
  if (pick->folder)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), pick->folder, NULL);
  if (pick->name)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), pick->name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_data (chooser, "response", G_CALLBACK (on_response),
                         picking_new (done, user_data), picking_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

#endif

void
pac_file_pick_open (GtkWindow *parent,
                    const PacFilePick *pick,
                    PacFilePicked done,
                    gpointer user_data)
{
  pick_file (parent, pick, FALSE, done, user_data);
}

void
pac_file_pick_save (GtkWindow *parent,
                    const PacFilePick *pick,
                    PacFilePicked done,
                    gpointer user_data)
{
  pick_file (parent, pick, TRUE, done, user_data);
}
