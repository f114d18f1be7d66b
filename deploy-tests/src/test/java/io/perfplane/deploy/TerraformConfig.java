package io.perfplane.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Terraform directory (root or module) as {@code @cdktf/hcl2json} parsed it, expressions kept as written
 * ({@code "${var.x}"}), with the names it declares and the references its expressions make.
 */
final class TerraformConfig {

  private static final Pattern VAR = Pattern.compile("\\bvar\\.([A-Za-z0-9_-]+)");
  private static final Pattern LOCAL = Pattern.compile("\\blocal\\.([A-Za-z0-9_-]+)");
  private static final Pattern MODULE = Pattern.compile("\\bmodule\\.([A-Za-z0-9_-]+)(?:\\[\\d+\\])?(?:\\.([A-Za-z0-9_]+))?");
  private static final Pattern DATA = Pattern.compile("\\bdata\\.([a-z0-9_]+)\\.([A-Za-z0-9_-]+)");
  private static final Pattern RESOURCE = Pattern.compile("(?<![.\\w])((?:aws|random)_[a-z0-9_]+)\\.([A-Za-z0-9_-]+)");

  final Path dir;
  /** File name (e.g. main.tf) to its parsed JSON. */
  final Map<String, JsonNode> files;

  private TerraformConfig(Path dir, Map<String, JsonNode> files) {
    this.dir = dir;
    this.files = files;
  }

  /**
   * Parses every .tf, .tfvars and .hcl (backend configuration) file under {@code root}, grouped by directory, with
   * one node process.
   */
  static Map<Path, TerraformConfig> parseTree(Path root, Path node, Path parser) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(f -> f.toString().endsWith(".tf") || f.toString().endsWith(".tfvars")
              || f.toString().endsWith(".hcl"))
          .filter(f -> !f.toString().contains("/.terraform/")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = new ArrayList<>(List.of(node.toString(), parser.toString()));
    files.forEach(f -> command.add(f.toString()));
    Tools.Run run = Tools.run(parser.getParent(), command);
    if (run.exitCode() != 0) {
      throw new AssertionError("hcl2json: " + run.output());
    }
    JsonNode parsed = JsonMapper.builder().build().readTree(run.output());
    Map<Path, Map<String, JsonNode>> byDir = new LinkedHashMap<>();
    for (Path file : files) {
      byDir.computeIfAbsent(file.getParent(), d -> new LinkedHashMap<>())
          .put(file.getFileName().toString(), parsed.path(file.toString()));
    }
    Map<Path, TerraformConfig> configs = new LinkedHashMap<>();
    byDir.forEach((dir, parsedFiles) -> configs.put(dir, new TerraformConfig(dir, parsedFiles)));
    return configs;
  }

  /** Blocks of one kind across the .tf files: {@code variable}, {@code module}, {@code output}... name to body. */
  Map<String, JsonNode> blocks(String kind) {
    Map<String, JsonNode> blocks = new LinkedHashMap<>();
    tf().forEach(json -> json.path(kind).properties().forEach(e -> blocks.put(e.getKey(), e.getValue().get(0))));
    return blocks;
  }

  /** {@code type.name} of each resource ({@code "resource"}) or data source ({@code "data"}). */
  Set<String> typed(String kind) {
    Set<String> names = new TreeSet<>();
    tf().forEach(json -> json.path(kind).properties().forEach(type ->
        type.getValue().properties().forEach(name -> names.add(type.getKey() + "." + name.getKey()))));
    return names;
  }

  JsonNode resource(String type, String name) {
    return tf().stream().map(json -> json.path("resource").path(type).path(name)).filter(n -> !n.isMissingNode())
        .findFirst().orElseThrow(() -> new AssertionError("no resource " + type + "." + name + " in " + dir)).get(0);
  }

  Set<String> locals() {
    Set<String> names = new TreeSet<>();
    tf().forEach(json -> json.path("locals").forEach(block -> block.properties().forEach(e -> names.add(e.getKey()))));
    return names;
  }

  JsonNode local(String name) {
    for (JsonNode json : tf()) {
      for (JsonNode block : json.path("locals")) {
        if (block.has(name)) {
          return block.get(name);
        }
      }
    }
    throw new AssertionError("no local." + name + " in " + dir);
  }

  /** One parsed non-.tf file of this directory (a .tfvars or backend .hcl file), or an empty object. */
  JsonNode file(String name) {
    return files.getOrDefault(name, JsonMapper.builder().build().createObjectNode());
  }

  List<JsonNode> tf() {
    return files.entrySet().stream().filter(e -> e.getKey().endsWith(".tf")).map(Map.Entry::getValue).toList();
  }

  /** Every reference that does not resolve in this directory, as "file: reference". */
  List<String> unresolved() {
    Set<String> variables = blocks("variable").keySet();
    Set<String> locals = locals();
    Set<String> modules = blocks("module").keySet();
    Set<String> resources = typed("resource");
    Set<String> data = typed("data");
    List<String> problems = new ArrayList<>();
    files.forEach((file, json) -> {
      if (!file.endsWith(".tf")) {
        return;
      }
      strings(json, (path, text) -> {
        if (!text.contains("${")) {
          return;
        }
        check(VAR, text, m -> variables.contains(m.group(1)), file, problems);
        check(LOCAL, text, m -> locals.contains(m.group(1)), file, problems);
        check(MODULE, text, m -> modules.contains(m.group(1)), file, problems);
        check(DATA, text, m -> data.contains(m.group(1) + "." + m.group(2)), file, problems);
        check(RESOURCE, text, m -> resources.contains(m.group(1) + "." + m.group(2)), file, problems);
      });
    });
    return problems;
  }

  private static void check(Pattern pattern, String text, java.util.function.Predicate<Matcher> resolves, String file,
      List<String> problems) {
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      if (!resolves.test(matcher)) {
        problems.add(file + ": " + matcher.group());
      }
    }
  }

  /** {@code module.<name>.<output>} references in this directory. */
  Set<String[]> moduleOutputReferences() {
    Set<String[]> refs = new java.util.HashSet<>();
    tf().forEach(json -> strings(json, (path, text) -> {
      Matcher matcher = MODULE.matcher(text);
      while (matcher.find()) {
        if (matcher.group(2) != null) {
          refs.add(new String[] {matcher.group(1), matcher.group(2)});
        }
      }
    }));
    return refs;
  }

  /** Visits every string value with its JSON path (keys joined by '.'). */
  static void strings(JsonNode node, BiConsumer<String, String> visitor) {
    walk(node, "", visitor);
  }

  private static void walk(JsonNode node, String path, BiConsumer<String, String> visitor) {
    if (node.isString()) {
      visitor.accept(path, node.asString());
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path, visitor);
      }
    } else if (node.isObject()) {
      node.properties().forEach(e -> walk(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
          visitor));
    }
  }
}
