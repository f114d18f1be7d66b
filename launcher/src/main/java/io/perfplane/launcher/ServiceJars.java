package io.perfplane.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a service JVM is started fast on the embedded default: from its jar extracted into Spring Boot's classpath
 * layout ({@code java -Djarmode=tools -jar <jar> extract}), with a JDK 25 ahead-of-time cache (JEP 483/514/515) of
 * the classes it loaded and linked. The first start after a build records the cache while it serves
 * ({@code -XX:AOTCacheOutput}, written when the JVM exits); later starts map it ({@code -XX:AOTCache}) and skip
 * most class loading, linking and early profiling: about half the CPU of a Spring Boot start on this project's 2-core
 * machine. The deployable artifact is still the single fat jar (Dockerfile, Helm); only the local launcher does this.
 *
 * <p>Both the extraction and the cache live under {@code <module>/target/local/<build>/} ({@link #buildOf}), so a
 * rebuilt jar gets fresh ones and two launchers never write the same file: each records into its own temporary name and moves
 * it into place atomically. {@code PERFPLANE_AOT=off} starts from the fat jar as before.
 */
final class ServiceJars {

  private static final Logger log = LoggerFactory.getLogger(ServiceJars.class);

  /**
   * What to put on a service's command line.
   *
   * @param jvmArgs AOT options (may be empty), before {@code -jar}
   * @param jar the jar to run
   * @param recording the temporary cache file being recorded (to move into place when the JVM has exited), or null
   * @param cache where the cache belongs
   */
  record Launch(List<String> jvmArgs, Path jar, @Nullable Path recording, @Nullable Path cache) {
  }

  private ServiceJars() {
  }

  /** The fat jar of {@code service} under {@code home}. */
  static Path fatJar(Path home, Service service) {
    Path target = home.resolve(service.module()).resolve("target");
    try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
      return files.filter(p -> p.getFileName().toString().matches(service.module() + "-.*\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no jar for " + service.module() + " in " + target
              + ": build first with ./mvnw -DskipTests package"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * How to start {@code service}; extracts its jar first when this build's extraction is missing. Falls back to the
   * fat jar, without a cache, when extraction fails (the service starts slower, not at all differently).
   *
   * @param java the java executable (the one the cache is recorded and used with)
   * @param aot whether to use (or record) an AOT cache
   */
  static Launch prepare(Path home, Service service, String java, boolean aot) {
    Path fat = fatJar(home, service);
    if (!aot) {
      return new Launch(List.of(), fat, null, null);
    }
    try {
      Path dir = fat.getParent().resolve("local").resolve(buildOf(fat));
      Path jar = dir.resolve(fat.getFileName());
      if (!Files.isRegularFile(jar)) {
        extract(java, fat, dir);
      }
      Path cache = dir.resolve(service.module() + ".aot");
      if (Files.isRegularFile(cache)) {
        return new Launch(List.of("-XX:AOTCache=" + cache), jar, null, cache);
      }
      Path recording = dir.resolve(service.module() + "-" + UUID.randomUUID() + ".aot");
      return new Launch(List.of("-XX:AOTCacheOutput=" + recording), jar, recording, cache);
    } catch (IOException | RuntimeException e) {
      log.warn("{}: starting from the fat jar without an AOT cache ({})", service.module(), e.getMessage());
      return new Launch(List.of(), fat, null, null);
    }
  }

  /** Moves a recorded cache into place once its JVM has exited; a cache that is already there wins. */
  static void keep(Launch launch) {
    if (launch.recording() == null || launch.cache() == null) {
      return;
    }
    try {
      if (Files.isRegularFile(launch.recording())) {
        try {
          Files.move(launch.recording(), launch.cache(), StandardCopyOption.ATOMIC_MOVE);
          log.info("AOT cache recorded: {}", launch.cache());
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
          Files.deleteIfExists(launch.recording());
        }
      }
      Files.deleteIfExists(Path.of(launch.recording() + ".config"));
    } catch (IOException e) {
      log.debug("AOT cache {} not kept: {}", launch.recording(), e.getMessage());
    }
  }

  /**
   * Which build {@code fat} is. Reproducible builds stamp every jar with the same modification time, so that cannot
   * tell two builds apart; the inode change time (set by the kernel on every write), inode and size can.
   */
  static String buildOf(Path fat) throws IOException {
    Object ctime = Files.getAttribute(fat, "unix:ctime");
    Object inode = Files.getAttribute(fat, "unix:ino");
    FileTime changed = (FileTime) ctime;
    return Files.size(fat) + "-" + inode + "-" + changed.to(TimeUnit.NANOSECONDS);
  }

  private static void extract(String java, Path fat, Path dir) throws IOException {
    Files.createDirectories(dir.getParent());
    Path staging = dir.resolveSibling(dir.getFileName() + "-" + UUID.randomUUID());
    List<String> command = new ArrayList<>(List.of(java, "-Djarmode=tools", "-jar", fat.toString(), "extract",
        "--destination", staging.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException("extracting " + fat + " failed");
      }
      try {
        Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
        delete(staging); // another launcher extracted the same build first
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while extracting " + fat, e);
    } finally {
      if (Files.exists(staging)) {
        delete(staging);
      }
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
