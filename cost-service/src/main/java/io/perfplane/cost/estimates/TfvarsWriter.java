package io.perfplane.cost.estimates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import io.perfplane.cost.system.CostProperties;
import io.perfplane.cost.terraform.Tfvars;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code <tfvars-dir>/<environment>/cost.tfvars.json} when {@code perfplane.cost.tfvars-dir} is set. The
 * environment folder of a scenario comes from {@code perfplane.cost.tfvars-environments} ({@code 1k-users} →
 * {@code 1k}, matching {@code terraform/environments/1k}), else it is the scenario name.
 * Written to a temporary file and moved into place, so Terraform never reads half a file.
 */
@Component
class TfvarsWriter {

  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final @Nullable Path dir;
  private final Map<String, String> environments;

  TfvarsWriter(CostProperties properties) {
    String configured = properties.tfvarsDir();
    this.dir = configured == null || configured.isBlank() ? null : Path.of(configured);
    this.environments = properties.tfvarsEnvironments();
  }

  /** The folder under the tfvars directory that a scenario's file goes to. */
  String environmentOf(String scenario) {
    return environments.getOrDefault(scenario, scenario);
  }

  boolean enabled() {
    return dir != null;
  }

  /** Writes one scenario's file; a no-op when the export is off. */
  void write(String scenario, Map<String, Object> tfvars) {
    if (dir == null) {
      return;
    }
    Path target = dir.resolve(environmentOf(scenario)).resolve(Tfvars.FILE_NAME);
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), ".cost", ".tmp");
      Files.writeString(temp, JSON.writeValueAsString(tfvars) + "\n");
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }
}
