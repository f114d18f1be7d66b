package io.perfplane.loadgen.plan;

import org.jspecify.annotations.Nullable;

/**
 * How a run talks to its target: the definition's checked {@code http:} section.
 *
 * @param version the protocol choice
 * @param insecureSkipVerify whether any server certificate and host name is accepted (tests against self-signed
 *     servers only; the run logs a warning)
 * @param clientCertificate the client certificate offered in TLS handshakes; null for none
 * @param maxConnections HTTP/2: most connections to the target, shared by all virtual users, &ge; 1
 */
public record HttpSettings(Version version, boolean insecureSkipVerify,
    @Nullable ClientCertificate clientCertificate, int maxConnections) {

  /** HTTP/2 connections per target unless the definition says otherwise. */
  public static final int DEFAULT_MAX_CONNECTIONS = 4;

  /** {@code version: auto}, certificates verified, no client certificate. */
  public static final HttpSettings DEFAULT = new HttpSettings(Version.AUTO, false, null, DEFAULT_MAX_CONNECTIONS);

  /** The protocol choice of {@code http.version}. */
  public enum Version {
    /** HTTP/1.1 for http:// targets; for https:// targets HTTP/2 when the server's ALPN offers h2, else HTTP/1.1. */
    AUTO,
    /** HTTP/1.1 only, over TLS for https:// targets. */
    HTTP_1_1,
    /** HTTP/2 only: h2 via ALPN for https://, h2c with prior knowledge (no Upgrade) for http://. */
    HTTP_2
  }

  /**
   * A PKCS#12 key store with the client's certificate and private key. The password is referenced, never inline,
   * and read when the run starts.
   *
   * @param keystore path of the PKCS#12 file on the generator
   * @param passwordEnv environment variable holding the password; null when read from a file or empty
   * @param passwordFile file holding the password (one trailing line break ignored); null when from the
   *     environment or empty
   */
  public record ClientCertificate(String keystore, @Nullable String passwordEnv, @Nullable String passwordFile) {

    @Override
    public String toString() { // the references only, which is all this holds: never a password
      return "ClientCertificate[keystore=" + keystore + ", passwordEnv=" + passwordEnv + ", passwordFile="
          + passwordFile + "]";
    }
  }
}
