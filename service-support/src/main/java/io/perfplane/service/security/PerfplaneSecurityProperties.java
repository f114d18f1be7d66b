package io.perfplane.service.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Credentials a service accepts ({@code perfplane.security.*}); documented in {@code docs/security.md}. At least
 * one static token or a JWT issuer is required: a service without either refuses to start, as an API anyone may
 * call must be a deliberate choice, not a default.
 *
 * @param tokens static bearer tokens ({@code PERFPLANE_SECURITY_TOKENS_<i>_NAME}, {@code _TOKEN}, {@code _SCOPES});
 *     entries with a blank token are ignored
 * @param jwt the OIDC issuer whose JWTs are accepted
 * @param legacy the single-variable tokens a service accepted before this model ({@code PERFPLANE_CONTROL_TOKEN},
 *     {@code PERFPLANE_INGEST_TOKENS}), mapped by the service's application.yml
 */
@ConfigurationProperties("perfplane.security")
record PerfplaneSecurityProperties(List<StaticToken> tokens, @DefaultValue Jwt jwt, @DefaultValue Legacy legacy) {

  PerfplaneSecurityProperties {
    // An entry without a secret is not configured: e.g. Helm's optional Secret key that an older Secret lacks.
    tokens = Objects.requireNonNullElse(tokens, List.<StaticToken>of()).stream()
        .filter(token -> token.token() != null && !token.token().isBlank()).toList();
    if (tokens.isEmpty() && legacy.tokens().isEmpty() && jwt.issuerUri() == null && jwt.jwkSetUri() == null) {
      // Never echo any value: this message is logged.
      throw new IllegalArgumentException("no credentials configured: set perfplane.security.tokens[0].token and "
          + ".scopes (env PERFPLANE_SECURITY_TOKENS_0_TOKEN, PERFPLANE_SECURITY_TOKENS_0_SCOPES)"
          + (legacy.variable() == null ? "" : " or " + legacy.variable())
          + ", or perfplane.security.jwt.issuer-uri (env PERFPLANE_SECURITY_JWT_ISSUER_URI); see docs/security.md");
    }
  }

  /** The static tokens and the legacy ones, the latter named after their variable. */
  List<StaticToken> allTokens() {
    List<StaticToken> all = new ArrayList<>(tokens);
    int index = 0;
    for (String token : legacy.tokens()) {
      String name = Objects.requireNonNullElse(legacy.variable(), "legacy") + (index++ == 0 ? "" : "-" + index);
      all.add(new StaticToken(name, token, legacy.scopes()));
    }
    return all;
  }

  /**
   * A static bearer token. Held as given only until {@link StaticTokens} digests it; never logged.
   *
   * @param name who holds it, shown as the principal (e.g. {@code ci}, {@code launcher}); blank means
   *     {@code token-<i>}
   * @param token the secret clients send as {@code Authorization: Bearer <token>}; blank: the entry is ignored
   * @param scopes the scopes it grants ({@link Scope} values)
   */
  record StaticToken(@Nullable String name, @Nullable String token, List<String> scopes) {

    StaticToken {
      scopes = Objects.requireNonNullElse(scopes, List.<String>of()).stream().map(String::strip)
          .filter(scope -> !scope.isEmpty()).toList();
      scopes.forEach(Scope::of);
    }

    @Override
    public String toString() {
      return "StaticToken[name=" + name + ", token=******, scopes=" + scopes + "]";
    }
  }

  /**
   * The OIDC issuer whose JWTs are accepted; unset means static tokens only.
   *
   * @param issuerUri the issuer ({@code iss} claim); its keys are discovered from
   *     {@code <issuer>/.well-known/openid-configuration} on the first JWT unless {@code jwkSetUri} is set
   * @param jwkSetUri where the issuer's public keys are, skipping discovery (offline or test issuers)
   * @param audience when set, a JWT's {@code aud} claim must contain it
   */
  record Jwt(@Nullable String issuerUri, @Nullable String jwkSetUri, @Nullable String audience) {

    Jwt {
      issuerUri = blankToNull(issuerUri);
      jwkSetUri = blankToNull(jwkSetUri);
      audience = blankToNull(audience);
    }
  }

  /**
   * Tokens from a service's pre-existing variable, granted fixed scopes.
   *
   * @param variable the variable's name, for messages
   * @param tokens the tokens (comma-separated in the variable); blank ones are ignored
   * @param scopes the scopes each of them grants
   */
  record Legacy(@Nullable String variable, List<String> tokens, List<String> scopes) {

    Legacy {
      tokens = Objects.requireNonNullElse(tokens, List.<String>of()).stream().map(String::strip)
          .filter(token -> !token.isEmpty()).toList();
      scopes = List.copyOf(Objects.requireNonNullElse(scopes, List.of()));
    }

    @Override
    public String toString() {
      return "Legacy[variable=" + variable + ", tokens=<" + tokens.size() + " redacted>, scopes=" + scopes + "]";
    }
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
