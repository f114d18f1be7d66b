package io.perfplane.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.perfplane.launcher.ExitCodes;
import io.perfplane.launcher.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code .perfplane/stack.json} and {@code credentials}: their format, their mode, live and stale stacks. */
class StackFilesTest {

  @TempDir
  Path home;

  private Path workDir() {
    return home.resolve(".perfplane");
  }

  private StackFile recorded(long pid) {
    Path credentials = Credentials.write(workDir(), "s3cr3t-token");
    StackFile file = new StackFile(StackFile.VERSION, pid, "2026-12-07T02:00:00Z", "127.0.0.1:9092",
        Map.of("ingest-service", "http://127.0.0.1:8082", "analyzer-service", "http://127.0.0.1:8084"),
        credentials.toString(), workDir().resolve("logs").toString());
    file.write(workDir());
    return file;
  }

  /** The pid of a process that has exited. */
  private static long deadPid() throws Exception {
    Process process = new ProcessBuilder("true").start();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return process.pid();
  }

  @Test
  void theStackFileIsVersionedJsonWithUrlsBootstrapPidAndWhereTheCredentialsAre() throws Exception {
    StackFile file = recorded(ProcessHandle.current().pid());

    JsonNode json = JsonMapper.builder().build().readTree(Files.readString(workDir().resolve("stack.json")));
    assertThat(json.path("version").asInt()).isEqualTo(1);
    assertThat(json.path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
    assertThat(json.path("kafka").asString()).isEqualTo("127.0.0.1:9092");
    assertThat(json.path("services").path("ingest-service").asString()).isEqualTo("http://127.0.0.1:8082");
    assertThat(json.path("credentials").asString()).isEqualTo(workDir().resolve("credentials").toString());
    assertThat(Files.readString(workDir().resolve("stack.json"))).doesNotContain("s3cr3t");
    assertThat(StackFile.read(workDir())).contains(file);
  }

  @Test
  void theCredentialsAreTheTokenReadableByItsOwnerOnly() throws Exception {
    Path credentials = Credentials.write(workDir(), "s3cr3t-token");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
    assertThat(Files.readString(credentials)).isEqualTo("s3cr3t-token\n");
    assertThat(Credentials.read(credentials)).isEqualTo("s3cr3t-token");
  }

  @Test
  void aLiveStackIsFoundWithItsToken() {
    recorded(ProcessHandle.current().pid());

    RunningStack stack = RunningStack.find(workDir()).orElseThrow();

    assertThat(stack.token()).isEqualTo("s3cr3t-token");
    assertThat(stack.uri(Service.ANALYZER)).hasToString("http://127.0.0.1:8084");
    assertThat(stack.kafka()).isEqualTo("127.0.0.1:9092");
    assertThat(stack.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void aStackWhoseProcessIsGoneCountsAsNone() throws Exception {
    recorded(deadPid());

    assertThat(RunningStack.find(workDir())).isEmpty();
    assertThat(RunningStack.find(home.resolve("elsewhere"))).isEmpty();
  }

  @Test
  void upRefusesToStartBesideALiveStack() {
    recorded(ProcessHandle.current().pid());
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = UpCommand.run(new String[0], new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8), home);

    assertThat(code).isEqualTo(ExitCodes.ERROR);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("already running (pid "
        + ProcessHandle.current().pid()).contains("perfplane down");
    assertThat(workDir().resolve("stack.json")).exists();
  }

  @Test
  void downStopsTheRecordedProcessWaitsForItAndRemovesTheFiles() throws Exception {
    Process up = new ProcessBuilder("sleep", "60").start();
    try {
      recorded(up.pid());
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      int code = DownCommand.run(new String[0], new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(new ByteArrayOutputStream()), home);

      assertThat(code).isEqualTo(ExitCodes.OK);
      assertThat(up.isAlive()).as("down returns once the process has exited").isFalse();
      assertThat(workDir().resolve("stack.json")).doesNotExist();
      assertThat(workDir().resolve("credentials")).doesNotExist();
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("stopped");
    } finally {
      up.destroyForcibly();
    }
  }

  @Test
  void downWithNothingRunningIsNotAnErrorAndClearsAStaleStack() throws Exception {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    assertThat(DownCommand.run(new String[0], quiet, quiet, home)).isEqualTo(ExitCodes.OK);

    recorded(deadPid());
    assertThat(DownCommand.run(new String[0], quiet, quiet, home)).isEqualTo(ExitCodes.OK);
    assertThat(workDir().resolve("stack.json")).doesNotExist();
    assertThat(DownCommand.run(new String[] {"now"}, quiet, quiet, home)).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void upPrintsEveryUrlTheBrokerAndWhereTheCredentialsAreButNotTheToken() {
    StackFile file = recorded(4242);

    String text = UpCommand.describe(file, workDir());

    assertThat(text).contains("pid 4242", "ingest-service", "http://127.0.0.1:8082", "analyzer-service",
        "http://127.0.0.1:8084", "kafka", "127.0.0.1:9092", workDir().resolve("credentials").toString(),
        workDir().resolve("stack.json").toString()).doesNotContain("s3cr3t");
  }

  @Test
  void upOptions() {
    assertThat(UpCommand.parse(new String[0])).isEqualTo(new UpCommand.Options(false, null));
    assertThat(UpCommand.parse(new String[] {"--random-ports"}).randomPorts()).isTrue();
    assertThat(UpCommand.parse(new String[] {"--help"})).isNull();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> UpCommand.parse(new String[] {"--ports"}))
        .hasMessageContaining("--ports");
  }
}
