/* pac-cluster-creator-files.c: the creator's manifest and CA files, and
 * the clipboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files are picked through pac-file-pick.c (the file chooser portal inside
 * a Flatpak), so no file system access is needed beyond what the user picks.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pac-cluster-creator-private.h"
#include "pac-file-pick.h"
#include "pac-form-text.h"

typedef void (*FileChosen) (PacClusterCreator *self, GFile *file);

static void
toast (PacClusterCreator *self, const char *text)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
}

/* What to do with the file picked */
typedef struct
{
  PacClusterCreator *creator; /* held while the user picks */
  FileChosen chosen;
} Choosing;

static void
on_picked (GFile *file, gpointer data)
{
  Choosing *choosing = data;

  if (file)
    choosing->chosen (choosing->creator, file);
  g_object_unref (choosing->creator);
  g_free (choosing);
}

static void
choose_file (PacClusterCreator *self,
             const char *title,
             gboolean save,
             const char *suggested_name,
             const char *pattern,
             FileChosen chosen)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  PacFilePick pick = { .title = title, .filter = filter, .name = suggested_name };
  Choosing *choosing = g_new0 (Choosing, 1);

  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_set_name (filter, pattern);
  *choosing = (Choosing){ g_object_ref (self), chosen };
  if (save)
    pac_file_pick_save (GTK_WINDOW (self), &pick, on_picked, choosing);
  else
    pac_file_pick_open (GTK_WINDOW (self), &pick, on_picked, choosing);
}

/* ---- the manifest ---- */

static void
open_manifest (PacClusterCreator *self, GFile *file)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length;

  if (!g_file_load_contents (file, NULL, &text, &length, NULL, &error))
    {
      toast (self, error->message);
      return;
    }
  if (!g_utf8_validate (text, (gssize) length, NULL))
    {
      toast (self, _ ("The file is not text"));
      return;
    }
  /* Into the YAML view, as if typed: the form follows if it parses */
  gtk_text_buffer_set_text (pac_cluster_creator_get_buffer (self), text, (int) length);
}

static void
save_manifest (PacClusterCreator *self, GFile *file)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = pac_text_view_dup_text (GTK_TEXT_VIEW (self->yaml_view));
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *saved = g_strdup_printf (_ ("Saved as %s"), name);

  if (!g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                NULL, &error))
    {
      toast (self, error->message);
      return;
    }
  self->dirty = FALSE;
  toast (self, saved);
}

static void
open_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  choose_file (PAC_CLUSTER_CREATOR (widget), _ ("Open a Cluster Manifest"), FALSE, NULL, "*.y*ml",
               open_manifest);
}

static void
save_as_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacClusterCreator *self = PAC_CLUSTER_CREATOR (widget);
  PacClusterSpec *spec = pac_cluster_creator_get_spec (self);
  g_autofree char *name = g_strdup_printf ("%s.yaml", spec && pac_cluster_spec_get_name (spec)
                                                        ? pac_cluster_spec_get_name (spec)
                                                        : "cluster");

  choose_file (self, _ ("Save the Cluster Manifest"), TRUE, name, "*.y*ml", save_manifest);
}

static void
copy_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PacClusterCreator *self = PAC_CLUSTER_CREATOR (widget);
  g_autofree char *text = pac_text_view_dup_text (GTK_TEXT_VIEW (self->yaml_view));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  toast (self, _ ("YAML copied"));
}

/* ---- CAs ---- */

static void
add_ca (PacClusterCreator *self, const char *name, const char *pem)
{
  g_autoptr (GError) error = NULL;

  if (!pac_cluster_creator_add_ca (self, name, pem, &error))
    {
      g_autofree char *text = g_strdup_printf (_ ("Not a PEM certificate: %s"), error->message);
      toast (self, text);
    }
}

static void
open_ca (PacClusterCreator *self, GFile *file)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = g_file_get_basename (file);

  if (!g_file_load_contents (file, NULL, &text, NULL, NULL, &error))
    toast (self, error->message);
  else
    add_ca (self, name, text);
}

static void
add_ca_file_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  choose_file (PAC_CLUSTER_CREATOR (widget), _ ("Add a Trusted CA"), FALSE, NULL, "*.*", open_ca);
}

static void
on_clipboard_text (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PacClusterCreator) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);

  if (text == NULL)
    toast (self, _ ("The clipboard holds no text"));
  else
    add_ca (self, "pasted-ca", text);
}

static void
paste_ca_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_clipboard_text,
                                 g_object_ref (widget));
}

void
pac_cluster_creator_class_init_files (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "creator.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "creator.save-as", NULL, save_as_activated);
  gtk_widget_class_install_action (widget_class, "creator.copy", NULL, copy_activated);
  gtk_widget_class_install_action (widget_class, "creator.add-ca-file", NULL,
                                   add_ca_file_activated);
  gtk_widget_class_install_action (widget_class, "creator.paste-ca", NULL, paste_ca_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "creator.open",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "creator.save-as", NULL);
}
