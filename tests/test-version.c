/* test-version.c: PacVersion against the vectors of doc/resources.md, "Image names to versions"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pac-error.h"
#include "pac-version.h"

/* Non-comment lines of a file in tests/data. */
static GStrv
read_data_lines (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && lines[i][0] != '#')
      g_strv_builder_add (builder, lines[i]);
  return g_strv_builder_end (builder);
}

static void
test_image_names (void)
{
  g_auto (GStrv) lines = read_data_lines ("image-versions.txt");
  guint n_with_version = 0;

  g_assert_cmpuint (g_strv_length (lines), ==, 25);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) fields = g_strsplit (lines[i], " ", 2);
      g_autofree char *found = pac_version_string_from_image_name (fields[0]);

      g_test_message ("%s", fields[0]);
      if (g_str_equal (fields[1], "-"))
        g_assert_null (found);
      else
        {
          g_assert_cmpstr (found, ==, fields[1]);
          n_with_version++;
        }
    }
  g_assert_cmpuint (n_with_version, ==, 23);
}

static void
test_image_names_without_version (void)
{
  static const char *names[] = {
    "",
    "ob-12345-photon-3-k8s-",
    "ob-12345-photon-3-k8s-vX.Y.Z",
    "photon-5-v1.28",
    "ubuntu-v01.2.3",
    "windows-server-2019-v2-20240101",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *found = pac_version_string_from_image_name (names[i]);
      g_assert_null (found);
    }
}

static void
test_tkr_names (void)
{
  g_auto (GStrv) names = read_data_lines ("tkr-names.txt");

  g_assert_cmpuint (g_strv_length (names), ==, 30);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_auto (GStrv) halves = g_strsplit (names[i], "---", -1);
      g_autofree char *expected = g_strjoinv ("+", halves);
      g_autofree char *version = pac_version_string_from_tkr_name (names[i]);
      g_autofree char *back = pac_version_string_to_tkr_name (version);

      g_assert_cmpuint (g_strv_length (halves), ==, 2);
      g_assert_cmpstr (version, ==, expected);
      g_assert_cmpstr (back, ==, names[i]);
    }
}

/* The listing is in release order; the order must be strict. */
static void
test_ordering_of_releases (void)
{
  g_auto (GStrv) names = read_data_lines ("tkr-names.txt");

  for (guint i = 0; names[i + 1] != NULL; i++)
    {
      g_autoptr (PacVersion) a = pac_version_parse (names[i], NULL);
      g_autoptr (PacVersion) b = pac_version_parse (names[i + 1], NULL);

      g_assert_nonnull (a);
      g_assert_nonnull (b);
      g_assert_cmpint (pac_version_compare (a, b), <, 0);
      g_assert_cmpint (pac_version_compare (b, a), >, 0);
      g_assert_cmpint (pac_version_compare (a, a), ==, 0);
    }
}

static void
test_ordering_rules (void)
{
  static const struct
  {
    const char *lower, *higher;
  } pairs[] = {
    { "v1.9.0", "v1.10.0" },
    { "v1.17.8", "v1.17.8+vmware.1" },
    { "v1.17.8-rc.1", "v1.17.8" },
    { "v1.17.8-alpha", "v1.17.8-alpha.1" },
    { "v1.17.8-alpha.1", "v1.17.8-beta" },
    { "v1.17.8+vmware.1-tkg.9", "v1.17.8+vmware.1-tkg.10" },
    { "v1.17.8+vmware.2", "v1.17.8+vmware.10" },
    { "v1.17.9", "v1.17.10+vmware.1" },
    { "0.99.99", "1.0.0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autoptr (PacVersion) lower = pac_version_parse (pairs[i].lower, NULL);
      g_autoptr (PacVersion) higher = pac_version_parse (pairs[i].higher, NULL);

      g_test_message ("%s < %s", pairs[i].lower, pairs[i].higher);
      g_assert_cmpint (pac_version_compare (lower, higher), <, 0);
      g_assert_cmpint (pac_version_compare (higher, lower), >, 0);
    }
}

static void
test_parse_parts (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PacVersion) v = pac_version_parse ("v1.25.7+vmware.3-fips.1-tkg.1", &error);
  g_autoptr (PacVersion) plain = pac_version_parse ("1.24.9", &error);
  g_autoptr (PacVersion) pre = pac_version_parse ("v1.26.0-rc.2+build.5", &error);
  g_autoptr (PacVersion) copy = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (pac_version_get_major (v), ==, 1);
  g_assert_cmpuint (pac_version_get_minor (v), ==, 25);
  g_assert_cmpuint (pac_version_get_patch (v), ==, 7);
  g_assert_null (pac_version_get_prerelease (v));
  g_assert_cmpstr (pac_version_get_build (v), ==, "vmware.3-fips.1-tkg.1");

  text = pac_version_to_string (plain);
  g_assert_cmpstr (text, ==, "v1.24.9");
  g_assert_null (pac_version_get_build (plain));

  g_assert_cmpstr (pac_version_get_prerelease (pre), ==, "rc.2");
  g_assert_cmpstr (pac_version_get_build (pre), ==, "build.5");
  /* Found by the fuzz target: the release-name spelling of a pre-release
   * with a build must not swallow the build into the pre-release. */
  {
    g_autofree char *name = pac_version_to_tkr_name (pre);
    g_autoptr (PacVersion) back = pac_version_parse (name, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (name, ==, "v1.26.0-rc.2---build.5");
    g_assert_cmpstr (pac_version_get_prerelease (back), ==, "rc.2");
    g_assert_cmpstr (pac_version_get_build (back), ==, "build.5");
  }

  copy = pac_version_copy (v);
  g_assert_cmpint (pac_version_compare (copy, v), ==, 0);
  g_assert_cmpstr (pac_version_get_build (copy), ==, pac_version_get_build (v));
  g_assert_true (pac_version_get_build (copy) != pac_version_get_build (v));
}

static void
test_parse_rejects (void)
{
  static const char *bad[] = {
    "",
    "v",
    "1",
    "1.2",
    "v1.2.",
    "1.2.3.4",
    "01.2.3",
    "1.02.3",
    "1.2.03",
    "va.b.c",
    "1.2.3+",
    "1.2.3-",
    "1.2.3+a..b",
    "1.2.3-a+",
    "1.2.3 ",
    " 1.2.3",
    "1.2.3+vmware_1",
    "V1.2.3",
    "1.2.3---",
    "1.2.3+a+b",
    "4294967296.0.0",
    "1.1000000000.0",
    "vv1.2.3",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PacVersion) v = pac_version_parse (bad[i], &error);

      g_test_message ("rejects “%s”", bad[i]);
      g_assert_null (v);
      g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
    }
}

static void
check_upgrade (const char *from_text, const char *to_text, gboolean allowed)
{
  g_autoptr (PacVersion) from = pac_version_parse (from_text, NULL);
  g_autoptr (PacVersion) to = pac_version_parse (to_text, NULL);
  g_autoptr (GError) error = NULL;

  g_test_message ("%s -> %s", from_text, to_text);
  g_assert_cmpint (pac_version_check_upgrade (from, to, &error), ==, allowed);
  if (allowed)
    g_assert_no_error (error);
  else
    {
      g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_upgrade_rules (void)
{
  /* patch releases, any number of them */
  check_upgrade ("v1.24.9+vmware.1-tkg.4", "v1.24.11+vmware.1-fips.1-tkg.1", TRUE);
  /* a newer build of the same Kubernetes patch */
  check_upgrade ("v1.23.8+vmware.2-tkg.2-zshippable", "v1.23.8+vmware.3-tkg.1", TRUE);
  /* one minor */
  check_upgrade ("v1.24.9+vmware.1-tkg.4", "v1.25.7+vmware.3-fips.1-tkg.1", TRUE);
  /* two minors */
  check_upgrade ("v1.23.15+vmware.1-tkg.4", "v1.25.7+vmware.3-fips.1-tkg.1", FALSE);
  /* down */
  check_upgrade ("v1.25.7+vmware.3-fips.1-tkg.1", "v1.24.9+vmware.1-tkg.4", FALSE);
  check_upgrade ("v1.24.11+vmware.1-fips.1-tkg.1", "v1.24.9+vmware.1-tkg.4", FALSE);
  /* the same */
  check_upgrade ("v1.24.9+vmware.1-tkg.4", "v1.24.9+vmware.1-tkg.4", FALSE);
  /* another major */
  check_upgrade ("v1.32.0+vmware.6-fips-vkr.2", "v2.0.0", FALSE);
}

static void
test_pod_security_boundary (void)
{
  static const struct
  {
    const char *version;
    gboolean psp;
  } cases[] = {
    { "v1.17.8+vmware.1-tkg.1.5417466", TRUE },
    { "v1.24.11+vmware.1-fips.1-tkg.1", TRUE },
    { "v1.25.0", FALSE },
    { "v1.25.7+vmware.3-fips.1-tkg.1", FALSE },
    { "v1.32.0+vmware.6-fips-vkr.2", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PacVersion) v = pac_version_parse (cases[i].version, NULL);
      g_assert_cmpint (pac_version_uses_pod_security_policy (v), ==, cases[i].psp);
    }
}

static char *
version_of_image (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return pac_version_string_from_image (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_image_objects (void)
{
  /* vSphere 7, v1alpha1: the annotation wins over the name. */
  g_autofree char *annotated = version_of_image (
    "{\"metadata\":{\"name\":\"ob-20611023-photon-3-amd64-vmi-k8s-v1.23.8---vmware.2-tkg.1-"
    "zshippable\","
    "\"annotations\":{\"vmware-system.guest.kubernetes.distribution.image.version\":"
    "\"{\\\"distribution\\\":{\\\"version\\\":\\\"v1.23.8+vmware.2-tkg.2-zshippable\\\"}}\"}}}");
  /* vSphere 8, v1alpha2+: vmwareSystemProperties, generated name. */
  g_autofree char *properties
    = version_of_image ("{\"metadata\":{\"name\":\"vmi-0068fddbde9be1a0b\"},\"status\":{\"name\":"
                        "\"ob-22187091-ubuntu-2004-amd64-vmi-k8s-v1.26.5---vmware.2-fips.1-tkg.1\","
                        "\"vmwareSystemProperties\":"
                        "[{\"key\":\"other\",\"value\":\"x\"},{\"key\":\"vmware-system.guest."
                        "kubernetes.distribution.image.version\","
                        "\"value\":\"{\\\"distribution\\\":{\\\"version\\\":\\\"v1.26.5+vmware.2-"
                        "fips.1-tkg.1\\\"}}\"}]}}");
  /* No system property: the display name (status.name), not the generated one. */
  g_autofree char *display
    = version_of_image ("{\"metadata\":{\"name\":\"vmi-0068fddbde9be1a0b\"},\"status\":{\"name\":"
                        "\"ob-21554409-photon-3-amd64-vmi-k8s-v1.24.9---vmware.1-tkg.4\"}}");
  g_autofree char *broken_json = version_of_image (
    "{\"metadata\":{\"name\":\"ob-16551547-photon-3-k8s-v1.17.8---vmware.1-tkg.1.5417466\","
    "\"annotations\":{\"vmware-system.guest.kubernetes.distribution.image.version\":\"{not "
    "json\"}}}");
  g_autofree char *none
    = version_of_image ("{\"metadata\":{\"name\":\"ubuntu-20-1633387172196\"}}");

  /* The research's caveat: name says tkg.1, the distribution says tkg.2. */
  g_assert_cmpstr (annotated, ==, "v1.23.8+vmware.2-tkg.2-zshippable");
  g_assert_cmpstr (properties, ==, "v1.26.5+vmware.2-fips.1-tkg.1");
  g_assert_cmpstr (display, ==, "v1.24.9+vmware.1-tkg.4");
  g_assert_cmpstr (broken_json, ==, "v1.17.8+vmware.1-tkg.1.5417466");
  g_assert_null (none);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/version/image-names", test_image_names);
  g_test_add_func ("/version/image-names-without-version", test_image_names_without_version);
  g_test_add_func ("/version/tkr-names", test_tkr_names);
  g_test_add_func ("/version/image-objects", test_image_objects);
  g_test_add_func ("/version/ordering/releases", test_ordering_of_releases);
  g_test_add_func ("/version/ordering/rules", test_ordering_rules);
  g_test_add_func ("/version/parse/parts", test_parse_parts);
  g_test_add_func ("/version/parse/rejects", test_parse_rejects);
  g_test_add_func ("/version/upgrade-rules", test_upgrade_rules);
  g_test_add_func ("/version/pod-security-boundary", test_pod_security_boundary);

  return g_test_run ();
}
