package io.perfplane.launcher.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.perfplane.launcher.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code .perfplane/stack.json}: what {@code perfplane up} started, for the other commands and for scripts. A
 * documented format (docs/local-stack.md); fields are only ever added, {@code version} changes when one changes
 * meaning.
 *
 * @param version format version, {@value #VERSION}
 * @param pid process id of the {@code perfplane up} JVM (which hosts the broker); {@code down} signals it
 * @param startedAt when the stack became ready (ISO-8601, UTC)
 * @param kafka bootstrap servers of the broker
 * @param services base URL per service module ({@code api-service}, {@code ingest-service}, ...)
 * @param credentials absolute path of the credentials file (the bearer token, mode 0600)
 * @param logs absolute path of the directory of the services' logs
 */
public record StackFile(int version, long pid, String startedAt, String kafka, Map<String, String> services,
    String credentials, String logs) {

  /** The format this launcher writes and reads. */
  public static final int VERSION = 1;
  /** File name under the work directory ({@code .perfplane}). */
  static final String NAME = "stack.json";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public StackFile {
    services = Map.copyOf(services);
  }

  /** The base URI of {@code service}, or empty when the stack does not run it. */
  public Optional<URI> uri(Service service) {
    return Optional.ofNullable(services.get(service.module())).map(URI::create);
  }

  /** Writes the file atomically (a reader never sees half of it). */
  void write(Path workDir) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", version);
    root.put("pid", pid);
    root.put("startedAt", startedAt);
    root.put("kafka", kafka);
    ObjectNode urls = root.putObject("services");
    for (Service service : Service.values()) {
      String url = services.get(service.module());
      if (url != null) {
        urls.put(service.module(), url);
      }
    }
    root.put("credentials", credentials);
    root.put("logs", logs);
    try {
      Files.createDirectories(workDir);
      Path staging = workDir.resolve(NAME + ".tmp");
      Files.writeString(staging, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
      Files.move(staging, workDir.resolve(NAME), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The recorded stack, alive or not; empty when there is no file.
   *
   * @throws IllegalStateException when the file is unreadable or of another version
   */
  static Optional<StackFile> read(Path workDir) {
    Path file = workDir.resolve(NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode root = JSON.readTree(Files.readString(file));
      int version = root.path("version").asInt(0);
      if (version != VERSION) {
        throw new IllegalStateException(file + " has version " + version + ", this perfplane reads " + VERSION);
      }
      Map<String, String> services = new LinkedHashMap<>();
      root.path("services").properties().forEach(e -> services.put(e.getKey(), e.getValue().asString("")));
      return Optional.of(new StackFile(version, root.path("pid").asLong(-1), root.path("startedAt").asString(""),
          root.path("kafka").asString(""), services, root.path("credentials").asString(""),
          root.path("logs").asString("")));
    } catch (IOException | JacksonException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Whether the recorded {@code up} process still runs (false for a stale file left by a killed one). */
  boolean alive() {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Removes the stack file and the credentials it names; missing files are fine. */
  static void remove(Path workDir) {
    try {
      Files.deleteIfExists(workDir.resolve(NAME));
      Files.deleteIfExists(workDir.resolve(Credentials.NAME));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
