/* pac-certificate-review.c: the pinned and the presented certificate side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When a server presents another certificate than the one pinned for it
 * (or none is pinned any more), the user compares the two chains here:
 * each certificate with its subject, issuer, validity and SHA-256
 * fingerprint, the server's own first and its CA below, the pinned one
 * marked. Admins compare the CA's fingerprint with the vSphere Client; a
 * renewal by the administrator usually keeps the CA, an interception does
 * not. Trusting pins the new chain (see doc/architecture.md, "Trust").
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pac-alert.h"
#include "pac-certificate-review.h"
#include "pac-trust.h"

/* A chain longer than this is shown cut: no real server sends more */
#define MAX_SHOWN 4

/* "CN=Test CA (public\, no key),O=x" → "Test CA (public, no key)": up to the
 * first comma that is not escaped, escapes removed (RFC 4514) */
static char *
common_name (const char *distinguished)
{
  const char *cn = distinguished ? strstr (distinguished, "CN=") : NULL;
  GString *name;

  if (cn == NULL)
    return g_strdup (distinguished ? distinguished : "?");
  name = g_string_new (NULL);
  for (cn += strlen ("CN="); *cn && *cn != ','; cn++)
    {
      if (*cn == '\\' && cn[1])
        cn++;
      g_string_append_c (name, *cn);
    }
  return g_string_free (name, FALSE);
}

static GtkWidget *
certificate_row (GTlsCertificate *certificate, gboolean pinned)
{
  g_autofree char *subject = NULL, *issuer = NULL, *name = NULL, *issuer_name = NULL;
  g_autofree char *until = NULL, *fingerprint = pac_trust_fingerprint (certificate);
  g_autofree char *subtitle = NULL;
  g_autoptr (GDateTime) not_after = NULL;
  GtkWidget *row = adw_action_row_new ();

  g_object_get (certificate, "subject-name", &subject, "issuer-name", &issuer, "not-valid-after",
                &not_after, NULL);
  name = common_name (subject);
  issuer_name = common_name (issuer);
  until = not_after ? g_date_time_format (not_after, "%Y-%m-%d") : g_strdup ("?");
  /* Translators: a certificate's issuer, the last day it is valid, its fingerprint */
  subtitle = g_strdup_printf (_ ("Issued by %s, valid until %s\nSHA-256 %s"), issuer_name, until,
                              fingerprint);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, subject);
  if (pinned)
    {
      GtkWidget *mark = gtk_label_new (_ ("Pinned"));

      gtk_widget_add_css_class (mark, "accent");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), mark);
    }
  return row;
}

static GtkWidget *
chain_group (const char *title, GTlsCertificate *chain, gboolean pinned)
{
  GtkWidget *group = adw_preferences_group_new ();
  GTlsCertificate *certificate = chain;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (chain == NULL)
    adw_preferences_group_set_description (
      ADW_PREFERENCES_GROUP (group),
      _ ("None: this computer trusts no certificate of this server any more"));
  /* Pacific pins the server's own certificate; its CA is shown to compare */
  for (guint i = 0; certificate && i < MAX_SHOWN; i++)
    {
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 certificate_row (certificate, pinned && i == 0));
      certificate = g_tls_certificate_get_issuer (certificate);
    }
  gtk_widget_set_hexpand (group, TRUE);
  gtk_widget_set_valign (group, GTK_ALIGN_START);
  return group;
}

/* What the two chains have in common, said so the user knows what to check */
static char *
describe_difference (const char *host, GTlsCertificate *pinned, GTlsCertificate *presented)
{
  GTlsCertificate *old_ca = pinned ? g_tls_certificate_get_issuer (pinned) : NULL;
  GTlsCertificate *new_ca = g_tls_certificate_get_issuer (presented);

  if (pinned == NULL)
    return g_strdup_printf (_ ("This computer does not trust the certificate %s presents. Compare "
                               "its fingerprints with the ones your administrator or the vSphere "
                               "Client shows before you trust it."),
                            host);
  if (old_ca && new_ca && g_tls_certificate_is_same (old_ca, new_ca))
    return g_strdup_printf (_ ("%s presents another certificate than the one you trusted, issued "
                               "by the same certificate authority. A renewal by its administrator "
                               "looks like this. Compare the fingerprints with the vSphere Client "
                               "before you trust it."),
                            host);
  return g_strdup_printf (_ ("%s presents another certificate than the one you trusted, and it "
                             "is not issued by the same certificate authority. Someone may be "
                             "intercepting the connection: trust it only if your administrator "
                             "replaced the certificate and its fingerprints match."),
                          host);
}

PacAlert *
pac_certificate_review_new (const char *host, GTlsCertificate *pinned, GTlsCertificate *presented)
{
  g_autofree char *body = describe_difference (host, pinned, presented);
  PacAlert *dialog = pac_alert_new (_ ("Compare the Certificates"), body);
  GtkWidget *sides = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (presented), NULL);

  gtk_box_set_homogeneous (GTK_BOX (sides), TRUE);
  gtk_box_append (GTK_BOX (sides), chain_group (_ ("Trusted Until Now"), pinned, TRUE));
  gtk_box_append (GTK_BOX (sides), chain_group (_ ("Presented Now"), presented, FALSE));
  pac_alert_set_extra_child (dialog, sides);
  pac_alert_set_width (dialog, 880);
  pac_alert_add_responses (dialog, "cancel", _ ("_Cancel"), "trust",
                           _ ("_Trust the New Certificate"), NULL);
  pac_alert_set_response_appearance (dialog, "trust",
                                     pinned ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  /* Return and Escape both keep the old trust: trusting is a deliberate click */
  pac_alert_set_default_response (dialog, "cancel");
  pac_alert_set_close_response (dialog, "cancel");
  return dialog;
}
