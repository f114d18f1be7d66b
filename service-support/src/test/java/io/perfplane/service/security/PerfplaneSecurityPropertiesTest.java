package io.perfplane.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class PerfplaneSecurityPropertiesTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bind.class);

  @Test
  void bindsIndexedTokensAsTheEnvironmentSpellsThem() {
    Map<String, Object> environment = Map.of("PERFPLANE_SECURITY_TOKENS_0_NAME", "launcher",
        "PERFPLANE_SECURITY_TOKENS_0_TOKEN", "s3cret",
        "PERFPLANE_SECURITY_TOKENS_0_SCOPES", "runs:write, runs:read,admin");
    runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
            new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                environment)))
        .run(context -> {
          PerfplaneSecurityProperties properties = context.getBean(PerfplaneSecurityProperties.class);
          assertThat(properties.allTokens()).singleElement().satisfies(token -> {
            assertThat(token.name()).isEqualTo("launcher");
            assertThat(token.scopes()).containsExactly("runs:write", "runs:read", "admin");
          });
          assertThat(properties.toString()).doesNotContain("s3cret");
        });
  }

  @Test
  void legacyTokensGetTheirFixedScopes() {
    runner.withPropertyValues("perfplane.security.legacy.variable=PERFPLANE_INGEST_TOKENS",
            "perfplane.security.legacy.tokens=first, second", "perfplane.security.legacy.scopes=results:write,runs:read")
        .run(context -> {
          PerfplaneSecurityProperties properties = context.getBean(PerfplaneSecurityProperties.class);
          assertThat(properties.allTokens()).extracting(PerfplaneSecurityProperties.StaticToken::name)
              .containsExactly("PERFPLANE_INGEST_TOKENS", "PERFPLANE_INGEST_TOKENS-2");
          assertThat(properties.allTokens()).allSatisfy(token ->
              assertThat(token.scopes()).containsExactly("results:write", "runs:read"));
          assertThat(properties.toString()).doesNotContain("first").doesNotContain("second");
        });
  }

  @Test
  void refusesToStartWithoutAnyCredentialNamingTheProperties() {
    runner.withPropertyValues("perfplane.security.legacy.variable=PERFPLANE_CONTROL_TOKEN",
            "perfplane.security.legacy.tokens= ")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("perfplane.security.tokens[0].token")
            .hasMessageContaining("PERFPLANE_SECURITY_TOKENS_0_TOKEN")
            .hasMessageContaining("PERFPLANE_CONTROL_TOKEN")
            .hasMessageContaining("perfplane.security.jwt.issuer-uri"));
  }

  @Test
  void anIssuerAloneIsEnough() {
    runner.withPropertyValues("perfplane.security.jwt.issuer-uri=https://login.example.com/realms/perf")
        .run(context -> assertThat(context.getBean(PerfplaneSecurityProperties.class).jwt().issuerUri())
            .isEqualTo("https://login.example.com/realms/perf"));
  }

  @Test
  void unknownScopesAreRejected() {
    assertThatThrownBy(() -> new PerfplaneSecurityProperties.StaticToken("ci", "t", List.of("runs:delete")))
        .hasMessageContaining("runs:delete").hasMessageContaining("runs:write");
  }

  @Test
  void anEntryWithoutASecretIsIgnoredAndAloneIsNoCredential() {
    // As Helm renders it when an older existing Secret lacks the "token" key: name and scopes, no token.
    runner.withPropertyValues("perfplane.security.tokens[0].name=helm", "perfplane.security.tokens[0].scopes=admin",
            "perfplane.security.legacy.tokens=legacy-secret", "perfplane.security.legacy.scopes=runs:read")
        .run(context -> assertThat(context.getBean(PerfplaneSecurityProperties.class).allTokens())
            .extracting(PerfplaneSecurityProperties.StaticToken::name).containsExactly("legacy"));
    runner.withPropertyValues("perfplane.security.tokens[0].name=helm", "perfplane.security.tokens[0].scopes=admin")
        .run(context -> assertThat(context).hasFailed());
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(PerfplaneSecurityProperties.class)
  static class Bind {
  }
}
