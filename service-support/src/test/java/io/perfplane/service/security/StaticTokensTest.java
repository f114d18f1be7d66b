package io.perfplane.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

class StaticTokensTest {

  private final StaticTokens tokens = new StaticTokens(List.of(
      new PerfplaneSecurityProperties.StaticToken("ci", "alpha-token", List.of("runs:write", "runs:read")),
      new PerfplaneSecurityProperties.StaticToken(null, "beta-token", List.of("results:write"))));

  @Test
  void aMatchingTokenAuthenticatesItsHolderWithItsScopes() {
    Authentication ci = tokens.authenticate("alpha-token").orElseThrow();
    assertThat(ci.getName()).isEqualTo("ci");
    assertThat(ci.isAuthenticated()).isTrue();
    assertThat(ci.getAuthorities()).extracting(GrantedAuthority::getAuthority)
        .containsExactly("SCOPE_runs:write", "SCOPE_runs:read");
    assertThat(ci.getCredentials()).isNull();
    Authentication unnamed = tokens.authenticate("beta-token").orElseThrow();
    assertThat(unnamed.getName()).isEqualTo("token-1");
    assertThat(unnamed.getAuthorities()).extracting(GrantedAuthority::getAuthority)
        .containsExactly("SCOPE_results:write");
  }

  @Test
  void nearMissesDoNotAuthenticate() {
    assertThat(tokens.authenticate("alpha-toke")).isEmpty();
    assertThat(tokens.authenticate("alpha-token2")).isEmpty();
    assertThat(tokens.authenticate("")).isEmpty();
    assertThat(tokens.authenticate("ALPHA-TOKEN")).isEmpty();
  }

  @Test
  void neverShowsATokenInItsText() {
    assertThat(tokens.toString()).doesNotContain("alpha-token").doesNotContain("beta-token");
    assertThat(new PerfplaneSecurityProperties.StaticToken("ci", "alpha-token", List.of()).toString())
        .doesNotContain("alpha-token").contains("ci");
  }
}
