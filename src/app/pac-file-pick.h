/* pac-file-pick.h: asking the user for a file to open or save, on both platforms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @file: (nullable): the file picked, NULL when the user cancelled */
typedef void (*PacFilePicked) (GFile *file, gpointer user_data);

/* What to ask: all but the title may be NULL */
typedef struct
{
  const char *title;
  const char *accept_label; /* "_Select": the accept button */
  GtkFileFilter *filter;    /* offered, and chosen first */
  GFile *folder;            /* where to start */
  const char *name;         /* suggested file name (save) */
} PacFilePick;

void pac_file_pick_open (GtkWindow *parent,
                         const PacFilePick *pick,
                         PacFilePicked done,
                         gpointer user_data);
void pac_file_pick_save (GtkWindow *parent,
                         const PacFilePick *pick,
                         PacFilePicked done,
                         gpointer user_data);

G_END_DECLS
