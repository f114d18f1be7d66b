package io.perfplane.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/** JWT validation against a real (local) issuer over HTTP, without the web layer. */
class JwtAuthenticationTest {

  private static final TestIssuer ISSUER = TestIssuer.start();

  @AfterAll
  static void stop() {
    ISSUER.close();
  }

  private static JwtAuthenticationProvider provider(PerfplaneSecurityProperties.Jwt settings, Clock clock) {
    return Objects.requireNonNull(ServiceSecurityAutoConfiguration.jwtProvider(settings, clock));
  }

  private static Authentication authenticate(JwtAuthenticationProvider provider, String token) {
    return provider.authenticate(new BearerTokenAuthenticationToken(token));
  }

  @Test
  void discoversTheKeysFromTheIssuerAndMapsBothScopeClaims() {
    JwtAuthenticationProvider provider = provider(new PerfplaneSecurityProperties.Jwt(ISSUER.issuer(), null, null),
        Clock.systemUTC());
    assertThat(authenticate(provider, ISSUER.token("runs:read", "runs:write")).getAuthorities())
        .extracting(GrantedAuthority::getAuthority).contains("SCOPE_runs:read", "SCOPE_runs:write");
    assertThat(authenticate(provider, ISSUER.token(claims -> claims.claim("scp", List.of("results:write"))))
        .getAuthorities()).extracting(GrantedAuthority::getAuthority).contains("SCOPE_results:write");
  }

  @Test
  void anAudienceWhenConfiguredMustBeNamed() {
    JwtAuthenticationProvider provider = provider(
        new PerfplaneSecurityProperties.Jwt(ISSUER.issuer(), ISSUER.jwkSetUri(), "perfplane"), Clock.systemUTC());
    assertThat(authenticate(provider, ISSUER.token(claims -> claims.audience(List.of("other", "perfplane"))))
        .isAuthenticated()).isTrue();
    assertThatThrownBy(() -> authenticate(provider, ISSUER.token(claims -> claims.audience("other"))))
        .isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> authenticate(provider, ISSUER.token("runs:read")))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void expiryIsJudgedByTheInjectedClock() {
    PerfplaneSecurityProperties.Jwt settings = new PerfplaneSecurityProperties.Jwt(ISSUER.issuer(),
        ISSUER.jwkSetUri(), null);
    String token = ISSUER.token("runs:read");
    assertThat(authenticate(provider(settings, Clock.systemUTC()), token).isAuthenticated()).isTrue();
    Clock anHourLater = Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);
    assertThatThrownBy(() -> authenticate(provider(settings, anHourLater), token))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void anUnreachableIssuerMakesAJwtUnverifiedNotAServerError() {
    TokenAuthenticationManager manager = new TokenAuthenticationManager(new StaticTokens(List.of()),
        provider(new PerfplaneSecurityProperties.Jwt("http://127.0.0.1:9/gone", null, null), Clock.systemUTC()));
    assertThatThrownBy(() -> manager.authenticate(new BearerTokenAuthenticationToken(ISSUER.token("runs:read"))))
        .isInstanceOf(InvalidBearerTokenException.class).hasMessageContaining("issuer cannot be reached");
  }

  @Test
  void noIssuerNoJwts() {
    assertThat(ServiceSecurityAutoConfiguration.jwtProvider(new PerfplaneSecurityProperties.Jwt(null, null, null),
        Clock.systemUTC())).isNull();
  }
}
