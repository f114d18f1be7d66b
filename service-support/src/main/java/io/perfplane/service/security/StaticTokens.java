package io.perfplane.service.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * The static tokens, held only as SHA-256 digests. A presented token is hashed and compared with every digest in
 * constant time ({@link MessageDigest#isEqual}) without stopping at the first match, so neither its length nor the
 * position of a match leaks through timing.
 */
final class StaticTokens {

  private final List<Entry> entries;

  StaticTokens(List<PerfplaneSecurityProperties.StaticToken> tokens) {
    this.entries = tokens.stream().map(token -> new Entry(sha256(Objects.requireNonNull(token.token())),
        token.name() == null || token.name().isBlank() ? "token-" + tokens.indexOf(token) : token.name(),
        token.scopes().stream().map(scope -> Scope.of(scope).authority()).toArray(String[]::new))).toList();
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The authentication of the holder of {@code presented}, empty when no static token matches. */
  Optional<Authentication> authenticate(String presented) {
    byte[] digest = sha256(presented);
    @Nullable Entry match = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.digest(), digest) && match == null) {
        match = entry;
      }
    }
    return Optional.ofNullable(match).map(entry -> UsernamePasswordAuthenticationToken.authenticated(entry.name(),
        null, AuthorityUtils.createAuthorityList(entry.authorities())));
  }

  @Override
  public String toString() {
    return "StaticTokens[" + entries.size() + " redacted]";
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }

  private record Entry(byte[] digest, String name, String[] authorities) {
  }
}
