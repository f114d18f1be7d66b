package io.perfplane.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The accepted bearer tokens, held only as SHA-256 digests. A presented token is hashed and compared with every
 * digest in constant time ({@link MessageDigest#isEqual}), without stopping at the first match, so neither the
 * length nor the position of a match leaks through timing.
 */
public final class BearerTokens {

  private static final String SCHEME = "bearer ";

  private final List<byte[]> digests;

  public BearerTokens(Collection<String> tokens) {
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("at least one token is required");
    }
    this.digests = tokens.stream().map(BearerTokens::sha256).toList();
  }

  /** Whether an {@code Authorization} header value carries an accepted bearer token. */
  public boolean accepts(@Nullable String authorization) {
    if (authorization == null || authorization.length() <= SCHEME.length()
        || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
      return false;
    }
    byte[] presented = sha256(authorization.substring(SCHEME.length()).strip());
    boolean match = false;
    for (byte[] digest : digests) {
      match |= MessageDigest.isEqual(digest, presented);
    }
    return match;
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }
}
