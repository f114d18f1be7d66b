package io.perfplane.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Typed navigation over parsed YAML/JSON trees (maps, lists, scalars), failing with the path that was missing. */
final class Tree {

  private Tree() {
  }

  static List<Map<String, Object>> documents(String yaml) {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : new Yaml(new LoaderOptions()).loadAll(yaml)) {
      if (doc instanceof Map<?, ?> map) {
        docs.add(cast(map));
      }
    }
    return docs;
  }

  static Map<String, Object> load(String yaml) {
    Object doc = new Yaml(new LoaderOptions()).load(yaml);
    if (!(doc instanceof Map<?, ?> map)) {
      throw new AssertionError("not a YAML mapping");
    }
    return cast(map);
  }

  /** The value at a dot-separated path ({@code spec.template.spec}); list elements by index ({@code containers.0}). */
  static Object at(Object node, String path) {
    Object current = node;
    for (String part : path.split("\\.")) {
      if (current instanceof Map<?, ?> map) {
        if (!map.containsKey(part)) {
          throw new AssertionError("missing '" + part + "' of path " + path);
        }
        current = map.get(part);
      } else if (current instanceof List<?> list && part.matches("\\d+")) {
        current = list.get(Integer.parseInt(part));
      } else {
        throw new AssertionError("cannot descend into '" + part + "' of path " + path);
      }
    }
    return current;
  }

  static Map<String, Object> map(Object node, String path) {
    return at(node, path) instanceof Map<?, ?> map ? cast(map) : fail(path, "a mapping");
  }

  static List<Object> list(Object node, String path) {
    return at(node, path) instanceof List<?> list ? new ArrayList<>(list) : fail(path, "a list");
  }

  static String string(Object node, String path) {
    return String.valueOf(at(node, path));
  }

  static boolean has(Object node, String path) {
    try {
      at(node, path);
      return true;
    } catch (AssertionError | IndexOutOfBoundsException e) {
      return false;
    }
  }

  static Map<String, Object> asMap(Object node) {
    return node instanceof Map<?, ?> map ? cast(map) : fail(String.valueOf(node), "a mapping");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  private static <T> T fail(String path, String what) {
    throw new AssertionError(path + " is not " + what);
  }
}
