package io.perfplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/docker/Dockerfile. No Docker engine here, so the file is checked statically and its build step (the
 * Spring Boot layer extraction) is run for real on each service jar the reactor built, then the ENTRYPOINT's
 * launcher is looked up in the extracted layers.
 */
class DockerfileTest {

  private static final Path DOCKERFILE = Repo.path("deploy/docker/Dockerfile");

  @Test
  void buildsANonRootLayeredImageWithContainerAwareJvmAndHealthcheck() throws IOException {
    String dockerfile = Files.readString(DOCKERFILE);
    assertThat(dockerfile).contains("java -Djarmode=tools -jar app.jar extract --layers --launcher")
        .contains("COPY ${SERVICE}-service/target/${SERVICE}-service-*.jar app.jar")
        .contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError")
        .contains("org.springframework.boot.loader.launch.JarLauncher")
        .containsPattern("(?m)^HEALTHCHECK .*")
        .contains("/actuator/health/readiness");
    // Layers least likely to change first, so image rebuilds reuse them.
    List<String> copies = Pattern.compile("COPY --from=layers /build/extracted/([a-z-]+)/").matcher(dockerfile)
        .results().map(m -> m.group(1)).toList();
    assertThat(copies).containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
    Matcher user = Pattern.compile("(?m)^USER (\\d+):(\\d+)$").matcher(dockerfile);
    assertThat(user.find()).as("numeric non-root USER").isTrue();
    assertThat(Integer.parseInt(user.group(1))).isPositive();
    assertThat(dockerfile.lastIndexOf("USER ")).as("USER after the last RUN").isGreaterThan(
        dockerfile.lastIndexOf("\nRUN "));
    // The Helm chart runs as the same uid with a read-only root filesystem.
    assertThat(Files.readString(Repo.path("deploy/helm/perfplane/values.yaml")))
        .contains("runAsUser: " + user.group(1));
    assertThat(Files.readString(Repo.path("deploy/docker/Dockerfile.dockerignore")))
        .contains("!*-service/target/*-service-*.jar");
  }

  @Test
  void layerExtractionWorksOnEveryServiceJar(@TempDir Path dir) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    for (String service : ServiceEnv.SERVICES) {
      Path jar = Repo.path(service + "-service/target/" + service + "-service-0.1.0-SNAPSHOT.jar");
      if (!Files.isRegularFile(jar)) {
        String message = Repo.missing(jar.toString(), "./mvnw package builds it before this module");
        if (Repo.strict()) {
          fail(message);
        }
        Assumptions.abort(message);
      }
      Path out = dir.resolve(service);
      Tools.Run extract = Tools.run(dir, List.of(java.toString(), "-Djarmode=tools", "-jar", jar.toString(),
          "extract", "--layers", "--launcher", "--destination", out.toString()));
      assertThat(extract.exitCode()).as(extract.output()).isZero();
      assertThat(out.resolve("dependencies/BOOT-INF/lib")).isDirectory();
      assertThat(out.resolve("spring-boot-loader/org/springframework/boot/loader/launch/JarLauncher.class"))
          .isRegularFile();
      assertThat(out.resolve("application/BOOT-INF/classes/application.yml")).isRegularFile();
      assertThat(out.resolve("application/META-INF/MANIFEST.MF")).isRegularFile();
    }
  }
}
