/* pac-choice.c: one thing a form offers to pick
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The id is what goes into the spec ("best-effort-small",
 * "v1.17.8+vmware.1-tkg.1.5417466"); the subtitle says what it is; a
 * reason, when set, says why it cannot be used (a release the Supervisor
 * calls incompatible), so a list can grey it out and explain.
 */
#include "config.h"

#include "pac-choice.h"

struct _PacChoice
{
  GObject parent_instance;

  char *id;
  char *subtitle;
  char *reason;
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_SUBTITLE,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PacChoice, pac_choice, G_TYPE_OBJECT)

PacChoice *
pac_choice_new (const char *id, const char *subtitle, const char *reason)
{
  return g_object_new (PAC_TYPE_CHOICE, "id", id, "subtitle", subtitle, "reason", reason, NULL);
}

const char *
pac_choice_get_id (PacChoice *self)
{
  return self->id;
}

const char *
pac_choice_get_subtitle (PacChoice *self)
{
  return self->subtitle;
}

const char *
pac_choice_get_reason (PacChoice *self)
{
  return self->reason;
}

gboolean
pac_choice_is_available (PacChoice *self)
{
  return self->reason == NULL;
}

/* The position of @id in @choices, or G_MAXUINT */
guint
pac_choice_find (GListModel *choices, const char *id)
{
  for (guint i = 0; id && i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr (PacChoice) choice = g_list_model_get_item (choices, i);
      if (g_strcmp0 (choice->id, id) == 0)
        return i;
    }
  return G_MAXUINT;
}

static void
pac_choice_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  PacChoice *self = PAC_CHOICE (object);

  switch (id)
    {
      case PROP_ID:
        g_value_set_string (value, self->id);
        break;
      case PROP_SUBTITLE:
        g_value_set_string (value, self->subtitle);
        break;
      case PROP_REASON:
        g_value_set_string (value, self->reason);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
pac_choice_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  PacChoice *self = PAC_CHOICE (object);

  switch (id)
    {
      case PROP_ID:
        self->id = g_value_dup_string (value);
        break;
      case PROP_SUBTITLE:
        self->subtitle = g_value_dup_string (value);
        break;
      case PROP_REASON:
        self->reason = g_value_dup_string (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
pac_choice_finalize (GObject *object)
{
  PacChoice *self = PAC_CHOICE (object);

  g_free (self->id);
  g_free (self->subtitle);
  g_free (self->reason);
  G_OBJECT_CLASS (pac_choice_parent_class)->finalize (object);
}

static void
pac_choice_class_init (PacChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = pac_choice_get_property;
  object_class->set_property = pac_choice_set_property;
  object_class->finalize = pac_choice_finalize;
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL, flags);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pac_choice_init (PacChoice *self)
{
}
