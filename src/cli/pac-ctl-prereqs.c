/* pac-ctl-prereqs.c: pacific-ctl prereqs — is a Supervisor ready for
 * Tanzu Kubernetes clusters?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app's readiness checklist (core PacReadiness) as lines for a
 * pipeline: "STATE CHECK DETAIL", the words untranslated. With --vcenter
 * the checks are vCenter's (library, subscription, sync, namespaces'
 * storage policies and VM classes); without, what the Supervisor shows.
 * Exit 0 when ready, 1 when something is missing or failed, 2 for bad
 * usage.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pac-ctl.h"
#include "pac-error.h"
#include "pac-json.h"
#include "pac-ctl-target.h"
#include "pac-readiness.h"

typedef struct
{
  PacCtlTarget t;
  char *vcenter, *cluster, *datastore, *thumbprint;
  gboolean fix;
  int timeout;
} Options;

static void
options_clear (Options *o)
{
  pac_ctl_target_clear (&o->t);
  g_free (o->vcenter);
  g_free (o->cluster);
  g_free (o->datastore);
  g_free (o->thumbprint);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static gboolean
parse (int *argc, char ***argv, Options *o, GError **error)
{
  const GOptionEntry entries[] = {
    { "vcenter", 0, 0, G_OPTION_ARG_STRING, &o->vcenter,
      N_ ("vCenter’s URL, for the checks only vCenter can make"), N_ ("URL") },
    { "cluster", 0, 0, G_OPTION_ARG_STRING, &o->cluster,
      N_ ("The Supervisor’s vCenter cluster id (default: the first vCenter lists)"), N_ ("ID") },
    { "fix", 0, 0, G_OPTION_ARG_NONE, &o->fix,
      N_ ("Attach, sync or create the content library where needed, then wait for the releases"),
      NULL },
    { "datastore", 0, 0, G_OPTION_ARG_STRING, &o->datastore,
      N_ ("For --fix: the new library’s datastore id"), N_ ("ID") },
    { "thumbprint", 0, 0, G_OPTION_ARG_STRING, &o->thumbprint,
      N_ ("For --fix: the subscription server’s SHA-1 thumbprint, as expected"), N_ ("SHA1") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &o->timeout,
      N_ ("For --fix: seconds to wait for the releases (default 600)"), N_ ("SECONDS") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (
    context, _ ("Check a Supervisor’s prerequisites for Tanzu Kubernetes clusters."));
  pac_ctl_target_add_entries (context, &o->t, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, error) || !pac_ctl_target_check (&o->t, error))
    return FALSE;
  if (o->fix && o->vcenter == NULL)
    return g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                        _ ("--fix needs --vcenter: only vCenter can fix these")),
           FALSE;
  return o->vcenter == NULL || pac_ctl_check_server (o->vcenter, error);
}

/* The first Supervisor vCenter lists, when --cluster was not given */
static char *
first_supervisor (PacVcenterClient *vcenter, GError **error)
{
  PacCtlWait wait = PAC_CTL_WAIT_INIT;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (JsonNode) list = NULL;

  pac_vcenter_client_list_supervisors_async (vcenter, NULL, pac_ctl_on_done, &wait);
  result = pac_ctl_wait_for (&wait);
  list = pac_vcenter_client_call_finish (vcenter, result, error);
  if (list == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (list) || json_array_get_length (json_node_get_array (list)) == 0)
    {
      g_set_error (error, PAC_ERROR, PAC_ERROR_NOT_FOUND, _ ("vCenter has no Supervisor"));
      return NULL;
    }
  return g_strdup (pac_json_string (
    pac_json_node_object (json_array_get_element (json_node_get_array (list), 0)), "cluster"));
}

/* vCenter signs in as the Supervisor did, with the same password */
static PacVcenterClient *
open_vcenter (const Options *o, char **cluster, GError **error)
{
  PacTrust *trust = pac_trust_get_default ();
  g_autoptr (PacConnection) anchor = pac_connection_new (o->vcenter, o->t.user, trust);
  g_autoptr (PacVcenterClient) vcenter = NULL;

  if (!pac_ctl_trust_ca_file (anchor, o->t.ca_file, error))
    return NULL;
  vcenter = pac_vcenter_client_new (o->vcenter, o->t.user, trust);
  if (o->t.password)
    pac_vcenter_client_set_password (vcenter, o->t.password);
  *cluster = o->cluster ? g_strdup (o->cluster) : first_supervisor (vcenter, error);
  return *cluster ? g_steal_pointer (&vcenter) : NULL;
}

static const PacCtlColumn item_columns[]
  = { { "STATE", "state" }, { "CHECK", "check" }, { "DETAIL", "detail" }, { NULL } };

/* Rows: check, state, detail, fix (the app's fix, or null) */
static int
print_items (const PacCtlTarget *t, PacReadiness *readiness)
{
  GListModel *items = pac_readiness_get_items (readiness);
  g_autoptr (JsonArray) rows = json_array_new ();
  g_autoptr (JsonNode) data = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (PacReadinessItem) item = g_list_model_get_item (items, i);
      JsonObject *row = json_object_new ();
      json_object_set_string_member (row, "check",
                                     pac_check_to_string (pac_readiness_item_get_check (item)));
      json_object_set_string_member (
        row, "state", pac_readiness_state_to_string (pac_readiness_item_get_state (item)));
      json_object_set_string_member (row, "detail", pac_readiness_item_get_detail (item));
      json_object_set_string_member (row, "fix", pac_readiness_item_get_fix_label (item));
      json_array_add_object_element (rows, row);
    }
  json_node_set_array (data, rows);
  pac_ctl_print (t, data, item_columns);
  return pac_readiness_is_ready (readiness) ? PAC_CTL_OK : PAC_CTL_ERROR;
}

static gboolean
check (PacReadiness *readiness, GError **error)
{
  PacCtlWait wait = PAC_CTL_WAIT_INIT;
  g_autoptr (GAsyncResult) result = NULL;

  pac_readiness_check_async (readiness, NULL, pac_ctl_on_done, &wait);
  result = pac_ctl_wait_for (&wait);
  return pac_readiness_check_finish (readiness, result, error);
}

/* The library's fix, made the way the app makes it; a new library only
 * with the thumbprint the pipeline expects, compared with vCenter's probe */
static gboolean
fix_library (PacReadiness *readiness, PacReadinessItem *item, const Options *o, GError **error)
{
  PacCtlWait wait = PAC_CTL_WAIT_INIT;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *probed = NULL;
  PacLibrarySpec spec = { "Kubernetes", o->datastore, PAC_WP_CONTENT_URL, NULL, TRUE };

  switch (pac_readiness_item_get_fix (item))
    {
      case PAC_FIX_ATTACH_LIBRARY:
        pac_readiness_attach_library_async (readiness, pac_readiness_item_get_target (item), NULL,
                                            pac_ctl_on_done, &wait);
        break;
      case PAC_FIX_SYNC_LIBRARY:
        pac_readiness_sync_library_async (readiness, pac_readiness_item_get_target (item), NULL,
                                          pac_ctl_on_done, &wait);
        break;
      case PAC_FIX_CREATE_LIBRARY:
        if (o->datastore == NULL || o->thumbprint == NULL)
          {
            g_main_loop_unref (wait.loop);
            return g_set_error (error, PAC_ERROR, PAC_ERROR_INVALID,
                                _ ("a new library needs --datastore and the --thumbprint you "
                                   "expect for %s"),
                                PAC_WP_CONTENT_URL),
                   FALSE;
          }
        pac_readiness_probe_async (readiness, PAC_WP_CONTENT_URL, NULL, pac_ctl_on_done, &wait);
        result = pac_ctl_wait_for (&wait);
        if ((probed = pac_readiness_probe_finish (readiness, result, error)) == NULL)
          return FALSE;
        if (g_ascii_strcasecmp (probed, o->thumbprint) != 0)
          return g_set_error (error, PAC_ERROR, PAC_ERROR_TLS_UNTRUSTED,
                              _ ("vCenter sees the thumbprint %s, not the one given"), probed),
                 FALSE;
        g_clear_object (&result);
        spec.thumbprint = probed;
        wait.loop = g_main_loop_new (NULL, FALSE);
        pac_readiness_create_library_async (readiness, &spec, NULL, pac_ctl_on_done, &wait);
        break;
      default:
        g_main_loop_unref (wait.loop);
        return TRUE;
    }
  result = pac_ctl_wait_for (&wait);
  if (!pac_readiness_fix_finish (readiness, result, error))
    return FALSE;
  g_print ("fixed       %-15s %s\n", pac_check_to_string (pac_readiness_item_get_check (item)),
           pac_readiness_item_get_fix_label (item));
  return TRUE;
}

/* Fixes what it can, then checks again until nothing is under way */
static int
fix (PacReadiness *readiness, const Options *o)
{
  gint64 deadline
    = g_get_monotonic_time () + (o->timeout > 0 ? o->timeout : 600) * (gint64) G_USEC_PER_SEC;
  g_autoptr (GError) error = NULL;

  for (PacCheck c = PAC_CHECK_LIBRARY; c <= PAC_CHECK_SYNC; c++)
    {
      PacReadinessItem *item = pac_readiness_get_item (readiness, c);
      if (item && !fix_library (readiness, item, o, &error))
        return pac_ctl_fail_with ("prereqs", error);
      if (!check (readiness, &error))
        return pac_ctl_fail_with ("prereqs", error);
    }
  while (pac_readiness_is_settling (readiness))
    {
      if (g_get_monotonic_time () >= deadline)
        {
          print_items (&o->t, readiness);
          return pac_ctl_fail ("prereqs", _ ("still in progress when the time was up"),
                               PAC_CTL_TIMEOUT);
        }
      pac_ctl_progress ("waiting for the library and its releases…");
      pac_ctl_pause (2000);
      if (!check (readiness, &error))
        return pac_ctl_fail_with ("prereqs", error);
    }
  return print_items (&o->t, readiness);
}

int
pac_ctl_prereqs (int argc, char **argv)
{
  g_auto (Options) o = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (PacCapabilities) capabilities = NULL;
  g_autoptr (PacSupervisorClient) client = NULL;
  g_autoptr (PacVcenterClient) vcenter = NULL;
  g_autoptr (PacReadiness) readiness = NULL;
  g_autofree char *cluster = NULL;

  if (!parse (&argc, &argv, &o, &error))
    return pac_ctl_fail_usage ("prereqs", error);
  if ((client = pac_ctl_target_open (&o.t, &capabilities, &error)) == NULL
      || (o.vcenter && (vcenter = open_vcenter (&o, &cluster, &error)) == NULL))
    return pac_ctl_fail_with ("prereqs", error);
  readiness = pac_readiness_new (vcenter, cluster, client, capabilities);
  if (!check (readiness, &error))
    return pac_ctl_fail_with ("prereqs", error);
  return o.fix ? fix (readiness, &o) : print_items (&o.t, readiness);
}
