package io.perfplane.api.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The only form in which API keys are stored or compared: lower-case hex SHA-256 of the UTF-8 key. A plain hash
 * (no salt) is enough because keys are random high-entropy tokens, and it keeps lookup a unique-index probe.
 */
public final class ApiKeyHash {

  private ApiKeyHash() {
  }

  /** Returns the 64-character lower-case hex SHA-256 digest of {@code apiKey}. */
  public static String sha256Hex(String apiKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }
}
