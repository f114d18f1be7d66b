package io.perfplane.launcher.stack;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import io.perfplane.launcher.Service;

/**
 * A stack {@code perfplane up} started and that still runs, as the other commands use it: its URLs, broker and
 * token, with nothing typed.
 *
 * @param file what {@code up} recorded
 * @param token the bearer token every service of the stack accepts (never print it)
 */
public record RunningStack(StackFile file, String token) {

  /**
   * The stack recorded under {@code workDir} ({@code <home>/.perfplane}) if its {@code up} process still runs; a
   * file left by a dead one counts as none.
   *
   * @throws IllegalStateException when the recorded files cannot be read
   */
  public static Optional<RunningStack> find(Path workDir) {
    return StackFile.read(workDir).filter(StackFile::alive)
        .map(file -> new RunningStack(file, Credentials.read(Path.of(file.credentials()))));
  }

  /**
   * The running stack for a command that needs one, under {@code <home>/.perfplane}; when there is none, says so on
   * {@code err} (naming {@code command}) and returns empty.
   */
  public static Optional<RunningStack> forCommand(Path home, String command, PrintStream err) {
    try {
      Optional<RunningStack> stack = find(home.toAbsolutePath().normalize().resolve(".perfplane"));
      if (stack.isEmpty()) {
        err.println("perfplane " + command + ": no running stack: start one with `perfplane up`");
      }
      return stack;
    } catch (IllegalStateException e) {
      err.println("perfplane " + command + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /** The base URI of {@code service}. */
  public URI uri(Service service) {
    return file.uri(service).orElseThrow(() -> new IllegalStateException("the running stack has no "
        + service.module()));
  }

  /** Base URI per service the stack runs. */
  public Map<Service, URI> uris() {
    Map<Service, URI> uris = new EnumMap<>(Service.class);
    for (Service service : Service.values()) {
      file.uri(service).ifPresent(uri -> uris.put(service, uri));
    }
    return uris;
  }

  public String kafka() {
    return file.kafka();
  }

  @Override
  public String toString() {
    return "RunningStack[pid=" + file.pid() + ", kafka=" + file.kafka() + ", services=" + file.services()
        + ", token=<redacted>]";
  }
}
