package io.perfplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * terraform/, validated offline: every file parsed by {@code @cdktf/hcl2json} (the HCL parser Terraform uses,
 * compiled to WASM, expressions kept as written), then checked for what {@code terraform validate} would need a
 * provider download to find, plus the project's own rules (one root module whose environments are values only, tags,
 * pinned versions, no secrets in code). {@link TerraformFormatTest} runs {@code terraform fmt -check}.
 */
class TerraformTest {

  private static final Path TERRAFORM = Repo.path("terraform");
  /** The one root module, applied per environment with that environment's values. */
  private static final Path ROOT = TERRAFORM;
  private static final Path MODULE = TERRAFORM.resolve("modules/perfplane");
  private static final List<Path> ENVIRONMENTS = List.of(TERRAFORM.resolve("environments/1k"),
      TERRAFORM.resolve("environments/10k"));
  private static final String VALUES = "environment.tfvars";
  private static final String BACKEND = "backend.hcl";
  /** What cost-service's export writes beside an environment's values (Tfvars.FILE_NAME). */
  private static final String COST_EXPORT = "cost.tfvars.json";
  private static final Set<String> COST_TAGS = Set.of("Project", "Environment", "Scenario", "Owner", "CostCenter",
      "ManagedBy");

  private static Map<Path, TerraformConfig> parse(Path root) {
    Path node = Tools.require("node", "apt-get install -y nodejs npm");
    Path checker = Repo.path("deploy-tests/terraform-check");
    if (!Files.isDirectory(checker.resolve("node_modules/@cdktf/hcl2json"))) {
      String message = Repo.missing("the npm package @cdktf/hcl2json",
          "npm ci --prefix deploy-tests/terraform-check");
      if (Repo.strict()) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    return TerraformConfig.parseTree(root, node, checker.resolve("parse.mjs"));
  }

  private static Map<Path, TerraformConfig> parsed;

  /** The repository's terraform/, parsed once for all tests (each node start costs a few seconds). */
  private static synchronized Map<Path, TerraformConfig> configs() {
    if (parsed == null) {
      parsed = parse(TERRAFORM);
    }
    return parsed;
  }

  @Test
  void everyReferenceResolves() {
    Map<Path, TerraformConfig> configs = configs();
    assertThat(configs.keySet()).contains(ROOT, MODULE, ENVIRONMENTS.get(0), ENVIRONMENTS.get(1));
    for (TerraformConfig config : configs.values()) {
      assertThat(config.unresolved()).as("unresolved references in %s", config.dir).isEmpty();
      for (String[] ref : config.moduleOutputReferences()) {
        JsonNode call = config.blocks("module").get(ref[0]);
        String source = call.path("source").asString();
        if (source.startsWith("./") || source.startsWith("../")) {
          TerraformConfig callee = configs.get(config.dir.resolve(source).normalize());
          assertThat(callee.blocks("output")).as("module.%s.%s in %s", ref[0], ref[1], config.dir)
              .containsKey(ref[1]);
        }
      }
    }
  }

  @Test
  void checkerFindsABrokenReference(@TempDir Path dir) throws IOException {
    // The resolution check must be able to fail: copy the module with one misspelt variable reference.
    Path copy = dir.resolve("perfplane");
    Files.createDirectories(copy);
    try (Stream<Path> files = Files.list(MODULE)) {
      for (Path file : files.toList()) {
        String text = Files.readString(file);
        if (file.getFileName().toString().equals("eks.tf")) {
          text = text.replace("var.node_max_size", "var.node_max_sizes");
        }
        Files.writeString(copy.resolve(file.getFileName()), text);
      }
    }
    assertThat(parse(dir).get(copy).unresolved()).containsExactly("eks.tf: var.node_max_sizes");
  }

  @Test
  void everyVariableIsTypedAndDescribed() {
    for (TerraformConfig config : configs().values()) {
      config.blocks("variable").forEach((name, body) -> {
        assertThat(body.path("type").asString()).as("type of var.%s in %s", name, config.dir).isNotBlank();
        assertThat(body.path("description").asString()).as("description of var.%s in %s", name, config.dir)
            .hasSizeGreaterThan(10);
      });
      config.blocks("output").forEach((name, body) -> assertThat(body.path("description").asString())
          .as("description of output %s", name).isNotBlank());
    }
  }

  @Test
  void environmentsHoldValuesAndABackendKeyOnly() throws IOException {
    try (Stream<Path> dirs = Files.list(TERRAFORM.resolve("environments"))) {
      assertThat(dirs.filter(Files::isDirectory).sorted().toList()).containsExactlyInAnyOrderElementsOf(ENVIRONMENTS);
    }
    for (Path envDir : ENVIRONMENTS) {
      try (Stream<Path> files = Files.list(envDir)) {
        List<String> names = files.map(f -> f.getFileName().toString()).toList();
        assertThat(names).as("files of %s: no Terraform code is copied per environment", envDir)
            .contains(VALUES, BACKEND).isSubsetOf(VALUES, BACKEND, COST_EXPORT);
      }
      String name = envDir.getFileName().toString();
      TerraformConfig env = configs().get(envDir);
      assertThat(env.file(BACKEND).path("key").asString()).as("state key of %s", envDir)
          .isEqualTo("perfplane/" + name + "/terraform.tfstate");
      assertThat(env.file(VALUES).path("environment").asString()).as("environment of %s", envDir).isEqualTo(name);
    }
  }

  @Test
  void environmentsSetEveryRequiredVariableAndTheRootPassesWhatTheModuleNeeds() {
    Map<Path, TerraformConfig> configs = configs();
    TerraformConfig root = configs.get(ROOT);
    Map<String, JsonNode> variables = root.blocks("variable");
    for (Path envDir : ENVIRONMENTS) {
      JsonNode values = configs.get(envDir).file(VALUES);
      Set<String> set = new TreeSet<>();
      values.properties().forEach(e -> set.add(e.getKey()));
      assertThat(variables.keySet()).as("%s sets declared variables", envDir).containsAll(set);
      variables.forEach((name, body) -> {
        if (!body.has("default")) {
          assertThat(set).as("%s sets required var.%s", envDir, name).contains(name);
        }
      });
      assertThat(values.path("node_capacity_type").asString()).isEqualTo("SPOT");
    }
    JsonNode backend = root.tf().stream().map(j -> j.path("terraform")).filter(j -> !j.isMissingNode())
        .findFirst().orElseThrow().get(0).path("backend").path("s3").get(0);
    assertThat(backend.has("key")).as("the state key comes from environments/<name>/%s", BACKEND).isFalse();

    TerraformConfig module = configs.get(MODULE);
    JsonNode call = root.blocks("module").get("perfplane");
    assertThat(call.path("source").asString()).isEqualTo("./modules/perfplane");
    assertThat(call.path("name").asString()).isEqualTo("perfplane-${var.environment}");
    Set<String> passed = new TreeSet<>();
    call.properties().forEach(e -> passed.add(e.getKey()));
    passed.remove("source");
    assertThat(module.blocks("variable").keySet()).as("module arguments are module variables").containsAll(passed);
    module.blocks("variable").forEach((name, body) -> {
      if (!body.has("default")) {
        assertThat(passed).as("the root passes required var.%s", name).contains(name);
      }
    });
  }

  @Test
  void theRootDeclaresEveryVariableCostServiceExports() throws IOException {
    String tfvarsSource = Files.readString(
        Repo.path("cost-service/src/main/java/io/perfplane/cost/terraform/Tfvars.java"));
    assertThat(tfvarsSource).contains("FILE_NAME = \"" + COST_EXPORT + "\"");
    Matcher put = Pattern.compile("vars\\.put\\(\"([a-z0-9_]+)\"").matcher(tfvarsSource);
    Set<String> exported = new TreeSet<>();
    while (put.find()) {
      exported.add(put.group(1));
    }
    assertThat(exported).contains("node_instance_types", "aurora_max_acu", "perfplane_monthly_usd");
    assertThat(configs().get(ROOT).blocks("variable").keySet()).as("terraform/ declares %s", COST_EXPORT)
        .containsAll(exported);
  }

  @Test
  void providersTagEverythingWithTheCostAllocationTags() {
    TerraformConfig root = configs().get(ROOT);
    JsonNode aws = root.blocks("provider").get("aws");
    assertThat(aws).as("provider aws in %s", ROOT).isNotNull();
    assertThat(aws.path("default_tags").get(0).path("tags").asString()).isEqualTo("${local.tags}");
    JsonNode tags = root.local("tags");
    Set<String> keys = new TreeSet<>();
    tags.properties().forEach(e -> keys.add(e.getKey()));
    assertThat(keys).containsAll(COST_TAGS);
    // Per environment through variables, never a literal that one environment's copy would have to change.
    assertThat(tags.path("Environment").asString()).isEqualTo("${local.environment}");
    assertThat(root.local("environment").asString()).isEqualTo("${var.environment}");
    assertThat(tags.path("Scenario").asString()).isEqualTo("${var.scenario}");
  }

  @Test
  void versionsArePinned() {
    for (TerraformConfig config : configs().values()) {
      boolean root = config.dir.equals(ROOT) || config.dir.equals(MODULE);
      if (!root) {
        continue;
      }
      JsonNode terraform = config.tf().stream().map(j -> j.path("terraform")).filter(j -> !j.isMissingNode())
          .map(j -> j.get(0)).findFirst().orElse(null);
      assertThat(terraform).as("terraform block in %s", config.dir).isNotNull();
      assertThat(terraform.path("required_version").asString()).contains(">=").contains("<");
      JsonNode providers = terraform.path("required_providers").get(0);
      assertThat(providers.properties()).as("required_providers in %s", config.dir).isNotEmpty();
      providers.properties().forEach(p -> assertThat(p.getValue().path("version").asString())
          .as("version of provider %s in %s", p.getKey(), config.dir).matches("~> \\d+\\.\\d+(\\.\\d+)?"));
      config.blocks("module").forEach((name, call) -> {
        String source = call.path("source").asString();
        if (!source.startsWith("./") && !source.startsWith("../")) {
          assertThat(source).as("module %s", name).startsWith("terraform-aws-modules/");
          assertThat(call.path("version").asString()).as("exact version of module %s", name)
              .matches("\\d+\\.\\d+\\.\\d+");
        }
      });
    }
  }

  @Test
  void usesTheAgreedBuildingBlocks() {
    TerraformConfig module = configs().get(MODULE);
    Set<String> sources = new TreeSet<>();
    module.blocks("module").values().forEach(call -> sources.add(call.path("source").asString()));
    assertThat(sources).containsExactlyInAnyOrder("terraform-aws-modules/vpc/aws", "terraform-aws-modules/eks/aws",
        "terraform-aws-modules/rds-aurora/aws", "terraform-aws-modules/msk-kafka-cluster/aws");
    assertThat(module.typed("resource")).contains("aws_lb.api", "aws_lb_listener.http", "aws_lb_target_group.api",
        "aws_cloudfront_distribution.this", "aws_cloudfront_origin_access_control.static", "aws_s3_bucket.static",
        "aws_s3_bucket_public_access_block.static", "aws_kms_key.this", "aws_secretsmanager_secret.tokens",
        "aws_budgets_budget.monthly", "aws_cloudwatch_metric_alarm.api_p95_latency");

    JsonNode eks = module.blocks("module").get("eks");
    assertThat(eks.path("eks_managed_node_groups").path("app").path("capacity_type").asString())
        .isEqualTo("${var.node_capacity_type}");
    JsonNode aurora = module.blocks("module").get("aurora");
    assertThat(aurora.path("instance_class").asString()).isEqualTo("db.serverless");
    assertThat(aurora.path("serverlessv2_scaling_configuration").path("max_capacity").asString())
        .isEqualTo("${var.aurora_max_acu}");
    assertThat(aurora.path("storage_encrypted").asBoolean()).isTrue();
    JsonNode block = module.resource("aws_s3_bucket_public_access_block", "static");
    for (String flag : List.of("block_public_acls", "block_public_policy", "ignore_public_acls",
        "restrict_public_buckets")) {
      assertThat(block.path(flag).asBoolean()).as(flag).isTrue();
    }
    JsonNode origin = module.resource("aws_cloudfront_distribution", "this").path("origin").get(0);
    assertThat(origin.path("origin_access_control_id").asString())
        .isEqualTo("${aws_cloudfront_origin_access_control.static.id}");
    assertThat(module.resource("aws_kms_key", "this").path("enable_key_rotation").asBoolean()).isTrue();
  }

  @Test
  void noSecretIsWrittenInCode() throws IOException {
    Pattern secretName = Pattern.compile("(?i).*(password|secret_string|token|access_key|secret_key)$");
    List<String> problems = new ArrayList<>();
    for (TerraformConfig config : configs().values()) {
      config.files.forEach((file, json) -> TerraformConfig.strings(json, (path, value) -> {
        String last = path.substring(path.lastIndexOf('.') + 1);
        if (secretName.matcher(last).matches() && !value.contains("${")) {
          problems.add(config.dir + "/" + file + ": " + path + " is a literal");
        }
      }));
    }
    try (Stream<Path> files = Files.walk(TERRAFORM)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(file);
        if (Pattern.compile("AKIA[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----").matcher(text).find()) {
          problems.add(file + ": credential material");
        }
      }
    }
    assertThat(problems).isEmpty();
  }
}
