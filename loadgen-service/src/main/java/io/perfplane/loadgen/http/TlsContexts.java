package io.perfplane.loadgen.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.UnaryOperator;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.perfplane.loadgen.plan.FieldViolation;
import io.perfplane.loadgen.plan.HttpSettings;
import io.perfplane.loadgen.plan.HttpSettings.ClientCertificate;
import io.perfplane.loadgen.plan.PlanRejectedException;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link SSLContext} of a run from its {@code http:} settings: the JDK's default trust (or none with
 * {@code insecureSkipVerify}) and the client certificate's key store. Shared by both transports so that HTTP/1.1 and
 * HTTP/2 verify alike. Passwords are read here and only here, and never appear in an exception message.
 */
final class TlsContexts {

  private TlsContexts() {
  }

  /**
   * The context for {@code http}; the JDK default when it asks for nothing special.
   *
   * @param env environment lookup ({@code System::getenv} in production)
   * @throws PlanRejectedException naming the {@code http.clientCertificate} field that cannot be used
   */
  static SSLContext of(HttpSettings http, UnaryOperator<@Nullable String> env) {
    try {
      if (!http.insecureSkipVerify() && http.clientCertificate() == null) {
        return SSLContext.getDefault();
      }
      KeyManager[] keys = http.clientCertificate() == null ? null : keyManagers(http.clientCertificate(), env);
      TrustManager[] trust = http.insecureSkipVerify() ? new TrustManager[] {new TrustingEveryone()} : null;
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static KeyManager[] keyManagers(ClientCertificate certificate, UnaryOperator<@Nullable String> env) {
    char[] password = password(certificate, env);
    try (InputStream in = Files.newInputStream(Path.of(certificate.keystore()))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, password);
      return factory.getKeyManagers();
    } catch (IOException | GeneralSecurityException e) {
      // The exception's own message names the file or the failure (a wrong password reads "keystore password was
      // incorrect"), never the password.
      throw rejected("http.clientCertificate.keystore", certificate.keystore() + " cannot be read as PKCS#12: "
          + e.getMessage(), e);
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
  }

  private static char[] password(ClientCertificate certificate, UnaryOperator<@Nullable String> env) {
    if (certificate.passwordEnv() != null) {
      String value = env.apply(certificate.passwordEnv());
      if (value == null) {
        throw rejected("http.clientCertificate.passwordEnv", "environment variable " + certificate.passwordEnv()
            + " is not set on this generator", null);
      }
      return value.toCharArray();
    }
    if (certificate.passwordFile() != null) {
      try {
        String text = Files.readString(Path.of(certificate.passwordFile()), StandardCharsets.UTF_8);
        return text.endsWith("\r\n") ? text.substring(0, text.length() - 2).toCharArray()
            : text.endsWith("\n") ? text.substring(0, text.length() - 1).toCharArray() : text.toCharArray();
      } catch (IOException e) {
        throw rejected("http.clientCertificate.passwordFile", certificate.passwordFile() + " cannot be read: "
            + e.getClass().getSimpleName(), e);
      }
    }
    return new char[0];
  }

  /** A run refused at its start for a setting this generator cannot apply, named like a validation error. */
  private static PlanRejectedException rejected(String field, String message, @Nullable Exception cause) {
    PlanRejectedException e = new PlanRejectedException(PlanRejectedException.Kind.INVALID,
        List.of(new FieldViolation(field, message, null)));
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }

  /**
   * Accepts every certificate chain. Extended, so that the JDK does not wrap it in its own host name check: with
   * {@code insecureSkipVerify} the endpoint identification is switched off as well.
   */
  private static final class TrustingEveryone extends X509ExtendedTrustManager {

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
