package io.perfplane.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** {@code perfplane compare} and {@code baseline} are dispatched by {@link Main} and documented in its usage. */
class MainCompareTest {

  @Test
  void compareIsACommand() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

    assertThat(Main.run(new String[] {"compare", "--help"}, print)).isEqualTo(ExitCodes.OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--max-regression");
    assertThat(Main.run(new String[] {"compare"}, print)).isEqualTo(ExitCodes.USAGE);
    out.reset();
    assertThat(Main.run(new String[] {"help"}, print)).isEqualTo(ExitCodes.OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("perfplane compare BASELINE CANDIDATE",
        "perfplane compare --baseline NAME CANDIDATE", "perfplane baseline set RUN --name NAME");
  }

  @Test
  void baselineIsACommand() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

    assertThat(Main.run(new String[] {"baseline", "--help"}, print)).isEqualTo(ExitCodes.OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("perfplane baseline history NAME");
    assertThat(Main.run(new String[] {"baseline"}, print)).isEqualTo(ExitCodes.USAGE);
  }
}
