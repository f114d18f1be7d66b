package io.perfplane.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.perfplane.launcher.ChildOutput;
import io.perfplane.launcher.ExitCodes;
import io.perfplane.runtime.FreePorts;
import org.junit.jupiter.api.Test;

/** Ctrl-C on {@code perfplane demo} stops every child process and frees every port. */
class DemoShutdownIT {

  private static final Pattern PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

  @Test
  void ctrlCStopsEverythingAndFreesThePorts() throws Exception {
    RunningDemo demo = RunningDemo.start();
    try {
      assertThat(sigintIgnored(demo.process.pid())).as("SIGINT is handled by the demo, not ignored").isFalse();
      new ProcessBuilder("kill", "-INT", Long.toString(demo.process.pid())).start().waitFor();

      assertThat(demo.process.waitFor(90, TimeUnit.SECONDS)).as("demo exits after Ctrl-C").isTrue();
      assertThat(demo.process.exitValue()).isEqualTo(ExitCodes.INTERRUPTED);
      demo.assertNothingLeft(Duration.ofSeconds(10));
      demo.reader.join(Duration.ofSeconds(5));
      assertThat(String.join("\n", demo.output)).contains("interrupted, stopping services");
    } finally {
      demo.kill();
    }
  }

  @Test
  void servicesDoNotOutliveALauncherKilledWithoutCleanup() throws Exception {
    RunningDemo demo = RunningDemo.start();
    try {
      // SIGKILL: no shutdown hook runs; each service notices its parent is gone (PERFPLANE_PARENT_PID) and exits.
      demo.process.destroyForcibly();
      assertThat(demo.process.waitFor(10, TimeUnit.SECONDS)).isTrue();

      demo.assertNothingLeft(Duration.ofSeconds(60));
    } finally {
      demo.kill();
    }
  }

  /** {@code perfplane demo} started as a user starts it, with its children and the ports it owns. */
  private record RunningDemo(Process process, List<String> output, Thread reader, List<ProcessHandle> children,
      List<Integer> ports) {

    static RunningDemo start() throws Exception {
      Path home = Path.of(System.getProperty("perfplane.home"));
      String java = ProcessHandle.current().info().command().orElse("java");
      // A job started in the background by a non-interactive shell (how CI scripts often start Maven) inherits
      // SIGINT as ignored, and a JVM that starts with SIGINT ignored installs no handler for it: Ctrl-C would
      // reach nothing. A user's terminal delivers SIGINT at its default, so the demo starts with it reset.
      ProcessBuilder builder = new ProcessBuilder("env", "--default-signal=INT", java, "-Dperfplane.home=" + home, "-Dperfplane.log.dir=" + home.resolve(
          "launcher/target/shutdown-it-logs"), "-jar", System.getProperty("perfplane.launcher.jar"), "demo",
          "--duration", "300", "--vus", "4", "--kafka-port", "0", "--random-ports")
          .redirectErrorStream(true);
      // Without AOT caches: a service recording its cache (the first start after a build) spends 10-40 s writing
      // it on exit, which is not what this test times; ServiceJarsTest and the other ITs cover the cached start.
      builder.environment().put("PERFPLANE_AOT", "off");
      Process process = builder.start();
      List<String> output = new CopyOnWriteArrayList<>();
      Thread reader = ChildOutput.follow(process, output);
      ChildOutput.waitFor(() -> output.stream().anyMatch(l -> l.contains("load running")) || !process.isAlive(),
          Duration.ofSeconds(240));
      String seen = String.join("\n", output);
      assertThat(process.isAlive()).as("demo running; output so far:%n%s", seen).isTrue();
      List<ProcessHandle> children = process.descendants().toList();
      List<Integer> ports = new ArrayList<>();
      for (String line : output) {
        // A PostgreSQL server that was already running is not ours to stop; an embedded one is.
        String owned = line.contains("postgres jdbc:") && !line.contains("(embedded)")
            ? line.substring(0, line.indexOf("postgres jdbc:")) : line;
        Matcher m = PORT.matcher(owned);
        while (m.find()) {
          ports.add(Integer.parseInt(m.group(1)));
        }
      }
      assertThat(children).as("five service JVMs; output:%n%s", seen).hasSizeGreaterThanOrEqualTo(5);
      assertThat(ports).as("kafka and five service ports; output:%n%s", seen).hasSize(6);
      assertThat(ports).allSatisfy(port -> assertThat(FreePorts.inUse(port))
          .as("port %d in use; output:%n%s", port, seen).isTrue());
      return new RunningDemo(process, output, reader, children, ports);
    }

    void assertNothingLeft(Duration within) throws InterruptedException {
      ChildOutput.waitFor(() -> children.stream().noneMatch(ProcessHandle::isAlive)
          && ports.stream().noneMatch(FreePorts::inUse), within);
      assertThat(children).allSatisfy(child -> assertThat(child.isAlive()).as("pid %d", child.pid()).isFalse());
      assertThat(ports).allSatisfy(port -> assertThat(FreePorts.inUse(port)).as("port %d freed", port).isFalse());
    }

    void kill() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      children.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  /** Whether the process ignores SIGINT, from the SigIgn mask in /proc (bit 1 is signal 2). */
  private static boolean sigintIgnored(long pid) throws IOException {
    for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0x2L) != 0;
      }
    }
    return false;
  }
}
