package io.perfplane.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import io.perfplane.launcher.demo.DemoOptions;
import org.junit.jupiter.api.Test;

class MainTest {

  private final Path home = Path.of("/repo");

  @Test
  void demoDefaults() {
    DemoOptions options = Main.parse(new String[] {"demo"}, home);

    assertThat(options.peakVus()).isEqualTo(20);
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.kafkaPort()).isEqualTo(9092);
    assertThat(options.ports().get(Service.API)).isEqualTo(8081);
    assertThat(options.workDir()).isEqualTo(home.resolve(".perfplane"));
  }

  @Test
  void parsesOptions() {
    DemoOptions options = Main.parse(new String[] {"demo", "--vus", "50", "--duration", "12", "--kafka-port", "0",
        "--random-ports"}, home);

    assertThat(options.peakVus()).isEqualTo(50);
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(12));
    assertThat(options.kafkaPort()).isZero();
    assertThat(options.ports().get(Service.API)).isNotEqualTo(8081);
    assertThat(options.hold()).as("stop at once by default").isZero();
    assertThat(Main.parse(new String[] {"demo", "--hold", "15"}, home).hold()).isEqualTo(Duration.ofSeconds(15));
    assertThatThrownBy(() -> Main.parse(new String[] {"demo", "--hold", "-1"}, home)).hasMessageContaining("--hold");
  }

  @Test
  void helpIsNotAnError() {
    assertThat(Main.parse(new String[] {"--help"}, home)).isNull();
    assertThat(Main.run(new String[] {"help"}, new java.io.PrintStream(java.io.OutputStream.nullOutputStream())))
        .isEqualTo(ExitCodes.OK);
  }

  @Test
  void badArgumentsNameTheOption() {
    assertThatThrownBy(() -> Main.parse(new String[] {"demo", "--vus", "many"}, home)).hasMessageContaining("--vus");
    assertThatThrownBy(() -> Main.parse(new String[] {"demo", "--duration", "1"}, home))
        .hasMessageContaining("--duration");
    assertThatThrownBy(() -> Main.parse(new String[] {"demo", "--frobnicate"}, home))
        .hasMessageContaining("--frobnicate");
    assertThatThrownBy(() -> Main.parse(new String[] {"deploy"}, home)).hasMessageContaining("deploy");
    assertThat(Main.run(new String[] {"demo", "--vus"}, System.out)).isEqualTo(ExitCodes.USAGE);
  }
}
