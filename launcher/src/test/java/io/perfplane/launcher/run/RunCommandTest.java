package io.perfplane.launcher.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.perfplane.launcher.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

  @TempDir
  Path dir;

  private final Path logs = Path.of("/repo/.perfplane/logs");

  private Path file(String name) throws IOException {
    return Files.writeString(dir.resolve(name), "name: x\n");
  }

  @Test
  void aYamlFileWithOverrides() throws IOException {
    Path yaml = file("checkout.yml");

    RunOptions options = RunCommand.parse(new String[] {yaml.toString(), "--target", "http://127.0.0.1:9000",
        "--run-id", "r-1", "--kafka", "127.0.0.1:9092"}, Map.of(), logs);

    assertThat(options.source()).isEqualTo(new RunOptions.DefinitionFile(yaml, "application/yaml"));
    assertThat(options.target()).isEqualTo("http://127.0.0.1:9000");
    assertThat(options.runId()).isEqualTo("r-1");
    assertThat(options.kafka()).isEqualTo("127.0.0.1:9092");
    assertThat(options.loadgen()).isNull();
    assertThat(options.logDir()).isEqualTo(logs);
  }

  @Test
  void theContentTypeFollowsTheFileName() throws IOException {
    assertThat(RunCommand.parse(new String[] {file("a.yaml").toString()}, Map.of(), logs).source())
        .isEqualTo(new RunOptions.DefinitionFile(dir.resolve("a.yaml"), "application/yaml"));
    assertThat(RunCommand.parse(new String[] {file("b.JSON").toString()}, Map.of(), logs).source())
        .isEqualTo(new RunOptions.DefinitionFile(dir.resolve("b.JSON"), "application/json"));
    Path text = file("c.txt");
    assertThatThrownBy(() -> RunCommand.parse(new String[] {text.toString()}, Map.of(), logs))
        .hasMessageContaining(".yml, .yaml or .json");
  }

  @Test
  void aProfileOnARunningLoadgenTakesTheTokenFromTheEnvironment() {
    RunOptions options = RunCommand.parse(new String[] {"--profile", "smoke", "--loadgen", "http://10.0.0.5:8083"},
        Map.of("PERFPLANE_CONTROL_TOKEN", "secret"), logs);

    assertThat(options.source()).isEqualTo(new RunOptions.Profile("smoke"));
    assertThat(options.loadgen()).isEqualTo(URI.create("http://10.0.0.5:8083"));
    assertThat(options.toString()).doesNotContain("secret");
    assertThatThrownBy(() -> RunCommand.parse(new String[] {"--profile", "smoke", "--loadgen", "http://h:1"},
        Map.of(), logs)).hasMessageContaining("PERFPLANE_CONTROL_TOKEN");
  }

  @Test
  void badArgumentsNameTheProblem() throws IOException {
    Path yaml = file("a.yml");
    assertThatThrownBy(() -> RunCommand.parse(new String[0], Map.of(), logs))
        .hasMessageContaining("needs a definition file or --profile");
    assertThatThrownBy(() -> RunCommand.parse(new String[] {yaml.toString(), "--profile", "smoke"}, Map.of(), logs))
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> RunCommand.parse(new String[] {dir.resolve("missing.yml").toString()}, Map.of(), logs))
        .hasMessageContaining("cannot read definition file");
    assertThatThrownBy(() -> RunCommand.parse(new String[] {yaml.toString(), "--target", "127.0.0.1:80"}, Map.of(),
        logs)).hasMessageContaining("--target must be an http(s) URL");
    assertThatThrownBy(() -> RunCommand.parse(new String[] {yaml.toString(), "--target"}, Map.of(), logs))
        .hasMessageContaining("--target needs a value");
    assertThatThrownBy(() -> RunCommand.parse(new String[] {yaml.toString(), "--vus", "3"}, Map.of(), logs))
        .hasMessageContaining("unknown option '--vus'");
    assertThatThrownBy(() -> RunCommand.parse(new String[] {"--profile", "smoke", "--kafka", "k:9092", "--loadgen",
        "http://h:1"}, Map.of("PERFPLANE_CONTROL_TOKEN", "t"), logs)).hasMessageContaining("--kafka");
  }

  @Test
  void usageErrorsExitWith2AndHelpWith0() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = RunCommand.run(new String[] {"--profile"}, new PrintStream(out), new PrintStream(err), Map.of(),
        dir, false);

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("perfplane run: --profile needs a value")
        .contains("usage: perfplane run");
    assertThat(RunCommand.run(new String[] {"--help"}, new PrintStream(out), new PrintStream(err), Map.of(), dir,
        false)).isEqualTo(ExitCodes.OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--profile NAME", "exit codes: 0 thresholds and SLOs held", "99 a threshold or SLO failed");
  }
}
