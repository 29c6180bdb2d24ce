/* test-yaml.c: pac-yaml reads YAML as kubectl (go-yaml v2) does, and
 * refuses what it cannot read with a line and a column; pac_json_contains
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pac-error.h"
#include "pac-json.h"
#include "pac-yaml.h"

static char *
as_json (const char *yaml)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = pac_yaml_load (yaml, -1, &error);

  g_assert_no_error (error);
  return json_to_string (node, FALSE);
}

static void
test_scalars (void)
{
  static const struct
  {
    const char *yaml;
    const char *json;
  } cases[] = {
    { "a: yes", "{\"a\":true}" },
    { "a: Off", "{\"a\":false}" },
    { "a: 'yes'", "{\"a\":\"yes\"}" },
    { "a: !!str 12", "{\"a\":\"12\"}" },
    { "a: 12", "{\"a\":12}" },
    { "a: -0x1F", "{\"a\":-31}" },
    { "a: 0755", "{\"a\":493}" },
    { "a: 1_000", "{\"a\":1000}" },
    { "a: 1.5", "{\"a\":1.5}" },
    { "a: 10.0.0.0/8", "{\"a\":\"10.0.0.0/8\"}" },
    { "a: 1.26", "{\"a\":1.26}" },
    { "a: \"1.26\"", "{\"a\":\"1.26\"}" },
    { "a: ~", "{\"a\":null}" },
    { "a:", "{\"a\":null}" },
    { "a: .inf", "{\"a\":\".inf\"}" },
    { "a: v1.26.5+vmware.2", "{\"a\":\"v1.26.5+vmware.2\"}" },
    { "- 1\n- [x, {b: c}]", "[1,[\"x\",{\"b\":\"c\"}]]" },
    { "a: &x {b: 1}\nc: *x", "{\"a\":{\"b\":1},\"c\":{\"b\":1}}" },
    { "a: |\n  line one\n  line two\n", "{\"a\":\"line one\\nline two\\n\"}" },
    { "", "null" },
    { "---\na: 1\n---\n", "{\"a\":1}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = as_json (cases[i].yaml);
      g_assert_cmpstr (json, ==, cases[i].json);
    }
}

static void
test_errors (void)
{
  static const struct
  {
    const char *yaml;
    const char *where;
  } cases[] = {
    { "a: [1, 2\nb: 3\n", "line 2" },       { "a: 1\n  b: 2\n", "line 2" },
    { "a: 1\na: 2\n", "line 2, column 1" }, { "a: *nowhere\n", "line 1" },
    { "a: \"unterminated\n", "line 2" },    { "[a, b]: 1\n", "line 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node = pac_yaml_load (cases[i].yaml, -1, &error);

      g_assert_null (node);
      g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
      if (strstr (error->message, cases[i].where) == NULL)
        g_error ("case %u: “%s” does not name %s", i, error->message, cases[i].where);
    }
}

/* Nine levels of nine aliases would be 9^9 nodes: refused, quickly */
static void
test_alias_bomb (void)
{
  g_autoptr (GString) yaml = g_string_new ("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  for (int level = 1; level <= 9; level++)
    {
      g_string_append_printf (yaml, "a%d: &a%d [", level, level);
      for (int i = 0; i < 9; i++)
        g_string_append_printf (yaml, "%s*a%d", i ? ", " : "", level - 1);
      g_string_append (yaml, "]\n");
    }
  node = pac_yaml_load (yaml->str, -1, &error);
  g_assert_null (node);
  g_assert_error (error, PAC_ERROR, PAC_ERROR_INVALID);
}

static JsonNode *
json (const char *text)
{
  return json_from_string (text, NULL);
}

/* What pac_yaml_dump writes reads back as the same tree, and strings that
 * look like other types are quoted so that they stay strings */
static void
test_dump_round_trip (void)
{
  static const char *const cases[] = {
    "{\"a\":\"yes\",\"b\":\"0755\",\"c\":\"1.26\",\"d\":\"\",\"e\":\"~\",\"f\":\"null\"}",
    "{\"n\":12,\"x\":2.0,\"y\":-0.5,\"t\":true,\"z\":null,\"s\":\"10.0.0.0/8\"}",
    "{\"pem\":\"-----BEGIN X-----\\nabc\\n-----END X-----\\n\",\"lead\":\" x\\ny\"}",
    "{\"list\":[],\"map\":{},\"deep\":[{\"a\":[1,\"2\",{\"b\":\"- c\"}]}]}",
    "{\"key: colon\":\"#hash\",\"on\":\"off\",\"123\":\"'\\\"\",\"tab\":\"a\\tb\"}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonNode) tree = json_from_string (cases[i], NULL);
      g_autofree char *yaml = pac_yaml_dump (tree);
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) back = pac_yaml_load (yaml, -1, &error);

      g_assert_no_error (error);
      if (!json_node_equal (tree, back))
        g_error ("%s came back differently from\n%s", cases[i], yaml);
    }
}

static void
test_dump_style (void)
{
  g_autoptr (JsonNode) tree
    = json_from_string ("{\"name\":\"dev\",\"mode\":\"0755\",\"n\":3,\"l\":[\"a\"]}", NULL);
  g_autofree char *yaml = pac_yaml_dump (tree);

  g_assert_cmpstr (yaml, ==, "name: dev\nmode: \"0755\"\n\"n\": 3\nl:\n- a\n");
  g_assert_true (pac_yaml_plain_is_string ("calico"));
  g_assert_false (pac_yaml_plain_is_string ("on"));
  g_assert_false (pac_yaml_plain_is_string ("1e3"));
  g_assert_false (pac_yaml_plain_is_string (""));
}

static void
test_marks (void)
{
  g_autoptr (GHashTable) marks = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) tree = pac_yaml_load_with_marks ("spec:\n  pools:\n  - name: a\n"
                                                        "    replicas: 2\n  - {name: b}\n",
                                                        -1, &marks, &error);
  PacYamlMark *mark;

  g_assert_no_error (error);
  g_assert_nonnull (tree);
  mark = g_hash_table_lookup (marks, "spec.pools[0].replicas");
  g_assert_nonnull (mark);
  g_assert_cmpuint (mark->line, ==, 4);
  g_assert_cmpuint (mark->column, ==, 15);
  mark = g_hash_table_lookup (marks, "spec.pools[1].name");
  g_assert_nonnull (mark);
  g_assert_cmpuint (mark->line, ==, 5);
  g_assert_cmpuint (mark->column, ==, 12);
  g_assert_nonnull (g_hash_table_lookup (marks, "spec.pools"));
  g_assert_null (g_hash_table_lookup (marks, "spec.pools[2]"));
}

static void
test_contains (void)
{
  g_autoptr (JsonNode) whole = json ("{\"a\":{\"b\":1,\"c\":[1,{\"d\":2,\"e\":3}]},\"f\":\"g\"}");
  static const char *const inside[]
    = { "{}", "{\"a\":{\"b\":1.0}}", "{\"a\":{\"c\":[1,{\"d\":2}]}}", "{\"f\":\"g\"}", NULL };
  static const char *const outside[] = { "{\"a\":{\"b\":2}}", "{\"a\":{\"c\":[1]}}", "{\"x\":1}",
                                         "{\"f\":null}",      "{\"a\":[]}",          NULL };

  for (guint i = 0; inside[i]; i++)
    {
      g_autoptr (JsonNode) part = json (inside[i]);
      g_assert_true (pac_json_contains (whole, part));
    }
  for (guint i = 0; outside[i]; i++)
    {
      g_autoptr (JsonNode) part = json (outside[i]);
      if (pac_json_contains (whole, part))
        g_error ("%s is not in the whole", outside[i]);
    }
}

/* json-glib 1.6 takes `{…} {…}` as valid and leaks the second value
 * (found by the models fuzzer): refused before json-glib sees it */
static void
test_load (void)
{
  static const char *const good[]
    = { "{\"a\":{\"b\":[1,\"}\"]}}", " [1, 2] \n", "\"sid\"", "42", "null",
        "{\"a\":\"\\\"{\"}",         NULL };
  static const char *const bad[] = { "{\"a\":1} {\"b\":{\"c\":1}}",
                                     "[1] {\"b\":{}}",
                                     "1 {\"b\":{\"c\":1}}",
                                     "\"s\" {\"b\":{}}",
                                     "null {\"a\":{}}",
                                     "true [{\"b\":1}]",
                                     "{\"a\":1}x",
                                     "{\"a\":",
                                     "]",
                                     NULL };

  for (guint i = 0; good[i]; i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      if (!pac_json_load (parser, good[i], -1, &error))
        g_error ("%s refused: %s", good[i], error->message);
    }
  for (guint i = 0; bad[i]; i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      if (pac_json_load (parser, bad[i], -1, &error))
        g_error ("%s taken", bad[i]);
      g_assert_nonnull (error);
    }
}

/* A second document was dropped in silence (a manifest of two clusters
 * made one), `{…} {…}` read as its first value, and merge keys became a
 * member named "<<". Now: one document, and merges as kubectl reads them. */
static void
test_documents_and_merges (void)
{
  static const struct
  {
    const char *yaml, *json_or_error;
  } cases[] = {
    { "a: 1\n---\nb: 2\n", "line 2, column 1: a second document" },
    { "{\"a\":1} {\"b\":2}", "line 1, column 9: unexpected text after the end" },
    { "[1]\n[2]\n", "line 2, column 1: unexpected text after the end" },
    { "a: 1\n---\n", "{\"a\":1}" },
    { "--- {a: 1}\n...\n", "{\"a\":1}" },
    { "base: &b {x: 1, z: 0}\nm:\n  <<: *b\n  z: 2\n",
      "{\"base\":{\"x\":1,\"z\":0},\"m\":{\"z\":2,\"x\":1}}" },
    { "m: {<<: [{a: 1}, {a: 2, b: 2}], c: 3}", "{\"m\":{\"c\":3,\"a\":1,\"b\":2}}" },
    { "m: {\"<<\": {a: 1}}", "{\"m\":{\"<<\":{\"a\":1}}}" },
    { "m: {!!merge <<: {a: 1}}", "{\"m\":{\"a\":1}}" },
    { "m: {<<: 5}", "line 1, column 5: a merge key (<<) takes a mapping" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node = pac_yaml_load (cases[i].yaml, -1, &error);
      g_autofree char *json = node ? json_to_string (node, FALSE) : NULL;
      const char *got = json ? json : error->message;

      if (strstr (got, cases[i].json_or_error) == NULL)
        g_error ("%s: %s", cases[i].yaml, got);
    }
}

static char *
brackets (guint depth)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, "{\"a\":[");
  for (guint i = 0; i < depth; i++)
    g_string_append (text, "]}");
  return g_string_free (text, FALSE);
}

/* A server answering 100,000 brackets deep crashed json-glib's recursive
 * parser: refused with a message; 250 pairs (500 levels) still load */
static void
test_load_depth (void)
{
  g_autofree char *deep = brackets (50000);
  g_autofree char *fine = brackets (250);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  g_assert_false (pac_json_load (parser, deep, -1, &error));
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "deeper than"));
  g_clear_error (&error);
  if (!pac_json_load (parser, fine, -1, &error))
    g_error ("%s", error->message);
  g_assert_true (pac_json_contains (json_parser_get_root (parser), json_parser_get_root (parser)));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/yaml/scalars", test_scalars);
  g_test_add_func ("/yaml/errors", test_errors);
  g_test_add_func ("/yaml/alias-bomb", test_alias_bomb);
  g_test_add_func ("/yaml/dump-round-trip", test_dump_round_trip);
  g_test_add_func ("/yaml/json-load-depth", test_load_depth);
  g_test_add_func ("/yaml/documents-and-merges", test_documents_and_merges);
  g_test_add_func ("/yaml/dump-style", test_dump_style);
  g_test_add_func ("/yaml/marks", test_marks);
  g_test_add_func ("/json/contains", test_contains);
  g_test_add_func ("/json/load", test_load);
  return g_test_run ();
}
