/* pac-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pac-application"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pac-accessible.h"
#include "pac-application.h"
#include "pac-log.h"
#include "pac-paths.h"
#include "pac-preferences-window.h"
#include "pac-window.h"

struct _PacApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  gboolean demo;
};

G_DEFINE_FINAL_TYPE (PacApplication, pac_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_ ("Show the version and exit"), NULL },
  { "debug", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_ ("Log debug messages, HTTP traffic included (secrets are redacted)"), NULL },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_ ("Open on a simulated vCenter and Supervisor; nothing is kept after exit"), NULL },
  { NULL },
};

/* Once per process, before the application: the locale, the translation
 * domain and the application's name */
void
pac_application_init_process (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, pac_paths_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name ("Pacific");
}

PacApplication *
pac_application_new (void)
{
  return g_object_new (PAC_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                       G_APPLICATION_DEFAULT_FLAGS, "resource-base-path", RESOURCE_PATH, NULL);
}

GSettings *
pac_application_get_settings (PacApplication *self)
{
  g_return_val_if_fail (PAC_IS_APPLICATION (self), NULL);

  return self->settings;
}

static void
apply_color_scheme (PacApplication *self)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT,
    ADW_COLOR_SCHEME_FORCE_LIGHT,
    ADW_COLOR_SCHEME_FORCE_DARK,
  };
  guint choice = (guint) g_settings_get_enum (self->settings, "color-scheme");

  if (choice < G_N_ELEMENTS (schemes))
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), schemes[choice]);
}

static void
on_quit (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
on_preferences (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  PacApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  PacPreferencesWindow *preferences;

  if (!PAC_IS_WINDOW (parent))
    return;
  preferences = pac_preferences_window_new (self->settings, PAC_WINDOW (parent));

  pac_accessible_name_controls (GTK_WIDGET (preferences));
  pac_preferences_window_present (preferences, parent);
}

static void
on_about (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  static const char *developers[] = { "The Pacific developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

#if ADW_CHECK_VERSION(1, 5, 0)
  AdwDialog *about = adw_about_dialog_new ();
#define SET_ABOUT(fn, ...) adw_about_dialog_set_##fn (ADW_ABOUT_DIALOG (about), __VA_ARGS__)
#else
  GtkWidget *about = adw_about_window_new ();
#define SET_ABOUT(fn, ...) adw_about_window_set_##fn (ADW_ABOUT_WINDOW (about), __VA_ARGS__)
#endif
  SET_ABOUT (application_name, "Pacific");
  SET_ABOUT (application_icon, APP_ID);
  SET_ABOUT (developer_name, _ ("The Pacific developers"));
  SET_ABOUT (version, PACKAGE_VERSION);
  SET_ABOUT (comments, _ ("Create and run Tanzu Kubernetes clusters on vSphere with Tanzu"));
  SET_ABOUT (website, PACIFIC_WEBSITE);
  SET_ABOUT (issue_url, PACIFIC_ISSUES);
  SET_ABOUT (license_type, GTK_LICENSE_GPL_3_0);
  SET_ABOUT (copyright, "© 2026 The Pacific developers");
  SET_ABOUT (developers, developers);
  /* Translators: replace with your names, one per line */
  SET_ABOUT (translator_credits, _ ("translator-credits"));
#undef SET_ABOUT
#if ADW_CHECK_VERSION(1, 5, 0)
  adw_dialog_set_title (about, _ ("About Pacific"));
  adw_dialog_present (about, parent ? GTK_WIDGET (parent) : NULL);
  /* its pages' lists and scrolled areas, in its tree once shown */
  pac_accessible_name_controls (GTK_WIDGET (about));
#else
  /* its own inner lists and back buttons have no names on libadwaita 1.2 */
  gtk_window_set_title (GTK_WINDOW (about), _ ("About Pacific"));
  pac_accessible_name_controls (about);
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_present (GTK_WINDOW (about));
#endif
}

/* A notification's default action: the window with the cluster selected */
static void
on_show_cluster (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  const char *account, *namespace, *name;

  g_variant_get (parameter, "(&s&s&s)", &account, &namespace, &name);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (user_data)); l; l = l->next)
    if (PAC_IS_WINDOW (l->data) && pac_window_show_cluster (l->data, account, namespace, name))
      return;
}

static const GActionEntry app_actions[] = {
  { "show-cluster", on_show_cluster, "(sss)" },
  { "quit", on_quit },
  { "preferences", on_preferences },
  { "about", on_about },
};

static void
pac_application_startup (GApplication *app)
{
  PacApplication *self = PAC_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (pac_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         help_accels);

  self->settings = g_settings_new (SCHEMA_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme", G_CALLBACK (apply_color_scheme),
                           self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);
}

static void
pac_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (pac_window_new (PAC_APPLICATION (app)));
      if (PAC_APPLICATION (app)->demo)
        pac_window_start_demo (PAC_WINDOW (window));
    }
  gtk_window_present (window);
}

static int
pac_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("pacific %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_contains (options, "debug"))
    pac_log_set_debug_domains ("all");
  if (g_variant_dict_contains (options, "demo"))
    {
      /* A demo is its own instance, so that it can never mix with a running Pacific's accounts. */
      PAC_APPLICATION (app)->demo = TRUE;
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }
  return -1;
}

static void
pac_application_dispose (GObject *object)
{
  PacApplication *self = PAC_APPLICATION (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (pac_application_parent_class)->dispose (object);
}

/* Quit (Ctrl+Q, a signal, the last window) ends with every window gone,
 * so what they hold is released: the demo's simulator and its files. A
 * window still open when the main loop stops would never be disposed. */
static void
pac_application_shutdown (GApplication *app)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  G_APPLICATION_CLASS (pac_application_parent_class)->shutdown (app);
}

static void
pac_application_class_init (PacApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = pac_application_dispose;
  app_class->startup = pac_application_startup;
  app_class->activate = pac_application_activate;
  app_class->shutdown = pac_application_shutdown;
  app_class->handle_local_options = pac_application_handle_local_options;
}

static void
pac_application_init (PacApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (
    G_APPLICATION (self), _ ("Create and run Tanzu Kubernetes clusters on vSphere with Tanzu."));
}
