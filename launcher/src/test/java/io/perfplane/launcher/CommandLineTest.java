package io.perfplane.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The parsing every command shares: its two early exits and its option values. */
class CommandLineTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
  private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

  @Test
  void optionsPassThroughHelpPrintsTheUsageAndAUsageErrorNamesTheCommand() {
    CommandLine.Parsed<String> parsed = CommandLine.parse("x", "usage: x\n", outStream, errStream, () -> "opts");
    assertThat(parsed.options()).isEqualTo("opts");
    assertThat(out.size() + err.size()).isZero();

    CommandLine.Parsed<String> help = CommandLine.parse("x", "usage: x\n", outStream, errStream, () -> null);
    assertThat(help.options()).isNull();
    assertThat(help.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("usage: x\n");

    CommandLine.Parsed<String> bad = CommandLine.parse("x", "usage: x\n", outStream, errStream,
        () -> CommandLine.value(new String[] {"--run"}, 1, "--run"));
    assertThat(bad.options()).isNull();
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("perfplane x: --run needs a value\nusage: x\n");
  }

  @Test
  void aValueIsTheNextArgumentUnlessItLooksLikeTheNextOption() {
    String[] args = {"--run", "--follow"};
    assertThat(CommandLine.value(args, 1, "--run")).isEqualTo("--follow");
    assertThatThrownBy(() -> CommandLine.value(args, 1, "--run", "--")).hasMessage("--run needs a value");
    assertThat(CommandLine.value(new String[] {"--run", "-1"}, 1, "--run", "--")).isEqualTo("-1");
    assertThatThrownBy(() -> CommandLine.value(new String[] {"--run", "-f"}, 1, "--run", "-"))
        .hasMessage("--run needs a value");
    assertThat(CommandLine.unknownOption("--nope")).hasMessage("unknown option '--nope'");
  }
}
