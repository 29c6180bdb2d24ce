/* pac-account.c: a vCenter or Supervisor the user signs in to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the non-secret part: the password lives in the keyring under the
 * account's address and user name (PacSecrets).
 */
#include "config.h"

#include "pac-account.h"

struct _PacAccount
{
  GObject parent_instance;

  char *id;
  PacAccountKind kind;
  char *address;
  char *username;
  char *display_name;
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_ADDRESS,
  PROP_USERNAME,
  PROP_DISPLAY_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PacAccount, pac_account, G_TYPE_OBJECT)

PacAccount *
pac_account_new (PacAccountKind kind,
                 const char *address,
                 const char *username,
                 const char *display_name)
{
  return g_object_new (PAC_TYPE_ACCOUNT, "kind", kind, "address", address, "username", username,
                       "display-name", display_name, NULL);
}

const char *
pac_account_get_id (PacAccount *self)
{
  return self->id;
}

PacAccountKind
pac_account_get_kind (PacAccount *self)
{
  return self->kind;
}

const char *
pac_account_get_address (PacAccount *self)
{
  return self->address;
}

const char *
pac_account_get_username (PacAccount *self)
{
  return self->username;
}

/* The display name, or the address when the user gave none. */
const char *
pac_account_get_display_name (PacAccount *self)
{
  return self->display_name && *self->display_name ? self->display_name : self->address;
}

void
pac_account_set_display_name (PacAccount *self, const char *display_name)
{
  if (g_strcmp0 (self->display_name, display_name) == 0)
    return;
  g_free (self->display_name);
  self->display_name = g_strdup (display_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

/* "https://host[:port]"; an address may carry its own scheme and port. */
char *
pac_account_get_base_url (PacAccount *self)
{
  if (g_str_has_prefix (self->address, "https://"))
    return g_strdup (self->address);
  return g_strdup_printf ("https://%s", self->address);
}

/**
 * pac_account_dup_host:
 * @port: (out): the port, 443 when the address names none
 *
 * Returns: (transfer full) (nullable): the host of the address, as trust
 *   pins and keyring items name it; %NULL when it is no URL
 */
char *
pac_account_dup_host (PacAccount *self, guint16 *port)
{
  g_autofree char *url = pac_account_get_base_url (self);
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  *port = uri && g_uri_get_port (uri) > 0 ? (guint16) g_uri_get_port (uri) : 443;
  return uri && g_uri_get_host (uri) ? g_strdup (g_uri_get_host (uri)) : NULL;
}

static void
pac_account_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PacAccount *self = PAC_ACCOUNT (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_value_set_string (value, self->id);
        break;
      case PROP_KIND:
        g_value_set_int (value, self->kind);
        break;
      case PROP_ADDRESS:
        g_value_set_string (value, self->address);
        break;
      case PROP_USERNAME:
        g_value_set_string (value, self->username);
        break;
      case PROP_DISPLAY_NAME:
        g_value_set_string (value, pac_account_get_display_name (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pac_account_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  PacAccount *self = PAC_ACCOUNT (object);

  switch (prop_id)
    {
      case PROP_ID:
        g_free (self->id);
        self->id = g_value_dup_string (value);
        break;
      case PROP_KIND:
        self->kind = g_value_get_int (value);
        break;
      case PROP_ADDRESS:
        g_free (self->address);
        self->address = g_value_dup_string (value);
        break;
      case PROP_USERNAME:
        g_free (self->username);
        self->username = g_value_dup_string (value);
        break;
      case PROP_DISPLAY_NAME:
        pac_account_set_display_name (self, g_value_get_string (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pac_account_constructed (GObject *object)
{
  PacAccount *self = PAC_ACCOUNT (object);

  G_OBJECT_CLASS (pac_account_parent_class)->constructed (object);
  if (self->id == NULL)
    self->id = g_uuid_string_random ();
}

static void
pac_account_finalize (GObject *object)
{
  PacAccount *self = PAC_ACCOUNT (object);

  g_free (self->id);
  g_free (self->address);
  g_free (self->username);
  g_free (self->display_name);
  G_OBJECT_CLASS (pac_account_parent_class)->finalize (object);
}

static void
pac_account_class_init (PacAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = pac_account_get_property;
  object_class->set_property = pac_account_set_property;
  object_class->constructed = pac_account_constructed;
  object_class->finalize = pac_account_finalize;

  properties[PROP_ID] = g_param_spec_string (
    "id", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] = g_param_spec_int (
    "kind", NULL, NULL, PAC_ACCOUNT_VCENTER, PAC_ACCOUNT_SUPERVISOR, PAC_ACCOUNT_SUPERVISOR,
    G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDRESS]
    = g_param_spec_string ("address", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USERNAME]
    = g_param_spec_string ("username", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME]
    = g_param_spec_string ("display-name", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pac_account_init (PacAccount *self)
{
}
