package io.perfplane.launcher.breaches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.perfplane.launcher.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options of {@code perfplane breaches} and what it says without a stack (the topic itself: {@code UpStackIT}). */
class BreachesCommandTest {

  @TempDir
  Path home;

  @Test
  void options() {
    assertThat(BreachesCommand.parse(new String[0])).isEqualTo(new BreachesCommand.Options(null, false, null));
    assertThat(BreachesCommand.parse(new String[] {"--run", "r1", "--follow", "--kafka", "h:9092"}))
        .isEqualTo(new BreachesCommand.Options("r1", true, "h:9092"));
    assertThat(BreachesCommand.parse(new String[] {"-h"})).isNull();
    assertThatThrownBy(() -> BreachesCommand.parse(new String[] {"--run"})).hasMessageContaining("--run");
    assertThatThrownBy(() -> BreachesCommand.parse(new String[] {"--tail"})).hasMessageContaining("--tail");
  }

  @Test
  void withoutAStackOrABrokerItSaysHowToStartOne() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());

    assertThat(BreachesCommand.run(new String[0], quiet, new PrintStream(err, true, StandardCharsets.UTF_8), home))
        .isEqualTo(ExitCodes.ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("perfplane up", "--kafka");
    assertThat(BreachesCommand.run(new String[] {"--tail"}, quiet, quiet, home)).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void readsCommittedTransactionsOnlyAndCommitsNothing() {
    assertThat(BreachesCommand.config("h:9092")).containsEntry("isolation.level", "read_committed")
        .containsEntry("enable.auto.commit", false).doesNotContainKey("group.id");
  }
}
