package io.perfplane.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceJarsTest {

  @TempDir
  Path home;

  private Path fatJar(String content) throws Exception {
    Path target = Files.createDirectories(home.resolve("analyzer-service/target"));
    Path jar = target.resolve("analyzer-service-0.1.0-SNAPSHOT.jar");
    Files.writeString(target.resolve("analyzer-service-0.1.0-SNAPSHOT.jar.tmp"), content);
    // As a build does: a new file moved over the old one, with the reproducible build's fixed modification time.
    Files.move(target.resolve("analyzer-service-0.1.0-SNAPSHOT.jar.tmp"), jar,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_000_000L));
    return jar;
  }

  @Test
  void twoBuildsWithTheSameSizeAndModificationTimeAreToldApart() throws Exception {
    Path jar = fatJar("build one");
    String first = ServiceJars.buildOf(jar);
    Thread.sleep(5);
    fatJar("build two"); // same length, same mtime: only the inode and its change time differ

    assertThat(ServiceJars.buildOf(jar)).isNotEqualTo(first);
  }

  @Test
  void withoutAotTheFatJarRunsAsBefore() throws Exception {
    Path jar = fatJar("x");
    ServiceJars.Launch launch = ServiceJars.prepare(home, Service.ANALYZER, "java", false);
    assertThat(launch.jar()).isEqualTo(jar);
    assertThat(launch.jvmArgs()).isEmpty();
    assertThat(launch.recording()).isNull();
  }

  @Test
  void aJarThatCannotBeExtractedStillStartsFromTheFatJar() throws Exception {
    Path jar = fatJar("not a zip");
    ServiceJars.Launch launch = ServiceJars.prepare(home, Service.ANALYZER,
        ProcessHandle.current().info().command().orElse("java"), true);
    assertThat(launch.jar()).isEqualTo(jar);
    assertThat(launch.jvmArgs()).isEmpty();
  }

  @Test
  void aRecordedCacheIsMovedIntoPlaceAndItsConfigurationRemoved() throws Exception {
    Path dir = Files.createDirectories(home.resolve("local"));
    Path recording = Files.writeString(dir.resolve("analyzer-service-1234.aot"), "cache");
    Files.writeString(dir.resolve("analyzer-service-1234.aot.config"), "config");
    Path cache = dir.resolve("analyzer-service.aot");

    ServiceJars.keep(new ServiceJars.Launch(List.of("-XX:AOTCacheOutput=" + recording), dir.resolve("a.jar"),
        recording, cache));

    assertThat(cache).hasContent("cache");
    assertThat(recording).doesNotExist();
    assertThat(dir.resolve("analyzer-service-1234.aot.config")).doesNotExist();
  }
}
