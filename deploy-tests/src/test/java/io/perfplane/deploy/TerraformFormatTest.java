package io.perfplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code terraform fmt -check -recursive terraform/}: the canonical layout Terraform itself prints, so a review never
 * argues about alignment. {@code fmt} needs neither providers nor network; {@code terraform validate} would need both,
 * which is why {@link TerraformTest} checks references offline instead.
 */
class TerraformFormatTest {

  /** Where to get Terraform: HashiCorp's release, not a Debian package, so the test command cannot install it. */
  private static final String INSTALL = "Terraform 1.11.4 from https://developer.hashicorp.com/terraform/install;"
      + " CI uses hashicorp/setup-terraform";

  /** No ~/.terraformrc is needed, and a developer's one must not change the result (or warn on stderr). */
  private static final Map<String, String> ENVIRONMENT = Map.of("TF_CLI_CONFIG_FILE", "/dev/null",
      "CHECKPOINT_DISABLE", "1");

  private static Path terraform() {
    return Tools.find("terraform").orElseGet(() -> {
      String message = "terraform is missing (" + INSTALL + ")";
      if (Repo.strict()) {
        fail(message + ": under PERFPLANE_TEST_STRICT=true or CI=true its absence is an error");
      }
      Assumptions.abort(message + ": skipped; with PERFPLANE_TEST_STRICT=true (CI) this fails");
      throw new AssertionError("unreachable");
    });
  }

  /** Exit code 0 when every file is formatted; otherwise the output lists the files that are not. */
  private static Tools.Run fmtCheck(Path dir) {
    return Tools.run(dir, List.of(terraform().toString(), "fmt", "-check", "-recursive", "-list=true", "-no-color",
        dir.toString()), ENVIRONMENT);
  }

  @Test
  void terraformFilesAreFormatted() {
    Tools.Run run = fmtCheck(Repo.path("terraform"));
    assertThat(run.exitCode()).as("terraform fmt -check -recursive terraform/ (run terraform fmt -recursive"
        + " terraform/ to fix) listed:%n%s", run.output()).isZero();
  }

  @Test
  void theCheckFindsAnUnformattedFile(@TempDir Path dir) throws IOException {
    // The check must be able to fail: one misaligned attribute in a nested environment folder.
    Path nested = Files.createDirectories(dir.resolve("environments/dev"));
    Files.writeString(dir.resolve("main.tf"), "variable \"a\" {\n  type = string\n}\n");
    Files.writeString(nested.resolve("environment.tfvars"), "environment = \"dev\"\nscenario = \"dev-users\"\n");
    Tools.Run run = fmtCheck(dir);
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output()).contains("environment.tfvars").doesNotContain("main.tf");
  }
}
