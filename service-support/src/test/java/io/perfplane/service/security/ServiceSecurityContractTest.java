package io.perfplane.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The contract on a minimal service, plus what it does not cover: deny by default and per-method rules. */
@SpringBootTest(classes = ServiceSecurityContractTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"perfplane.kafka.create-topics=false", "spring.kafka.bootstrap-servers=127.0.0.1:9"})
class ServiceSecurityContractTest extends BearerSecurityContract {

  @LocalServerPort
  int port;

  @Autowired
  ApplicationContext context;

  @Override
  protected Call protectedCall() {
    return Call.get("/things");
  }

  @Override
  protected Scope requiredScope() {
    return Scope.RUNS_READ;
  }

  @Test
  void writesNeedTheWriteScopeAndUnlistedPathsAnyToken() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/things"))
        .POST(HttpRequest.BodyPublishers.noBody());
    assertThat(http.send(post.copy().header("Authorization", "Bearer " + staticToken(Scope.RUNS_READ)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    assertThat(http.send(post.copy().header("Authorization", "Bearer " + staticToken(Scope.RUNS_WRITE)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    HttpRequest.Builder other = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/unlisted"));
    assertThat(http.send(other.copy().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    assertThat(http.send(other.copy().header("Authorization", "Bearer " + staticToken(Scope.ADMIN)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }

  // Not @SpringBootApplication: scanning this package would pick up the other tests' configurations.
  @Test
  void bootsOwnDefaultsStayOff() {
    // Boot's default user would log a generated password; its default chain would answer with HTTP Basic.
    assertThat(context.getBeansOfType(UserDetailsService.class)).isEmpty();
    assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("perfplaneSecurityFilterChain");
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(ThingsController.class)
  static class App {

    @Bean
    AccessRules accessRules() {
      return AccessRules.of("perfplane-test", AccessRule.post("/things/**", Scope.RUNS_WRITE),
          AccessRule.get("/things/**", Scope.RUNS_READ));
    }
  }

  @RestController
  static class ThingsController {

    @GetMapping("/things")
    List<String> things() {
      return List.of("a");
    }

    @PostMapping("/things")
    String add() {
      return "ok";
    }

    @GetMapping("/unlisted")
    String unlisted() {
      return "ok";
    }
  }
}
