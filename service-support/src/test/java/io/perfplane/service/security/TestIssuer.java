package io.perfplane.service.security;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local OIDC issuer for tests: a fresh RSA key, its JWK set and discovery document served over real HTTP on a
 * loopback port, and JWTs signed with it. Services under test point {@code perfplane.security.jwt.issuer-uri} at
 * {@link #issuer()} and discover the keys as they would from a real issuer.
 */
public final class TestIssuer implements AutoCloseable {

  private final HttpServer server;
  private final RSAKey key;
  private final String issuer;

  private TestIssuer(HttpServer server, RSAKey key) {
    this.server = server;
    this.key = key;
    this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/issuer";
  }

  /** Starts an issuer on a free loopback port; close it after the test. */
  public static TestIssuer start() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      var pair = generator.generateKeyPair();
      RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
          .keyID(UUID.randomUUID().toString()).build();
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      TestIssuer issuer = new TestIssuer(server, key);
      server.createContext("/issuer/.well-known/openid-configuration", exchange -> issuer.json(exchange,
          "{\"issuer\":\"" + issuer.issuer + "\",\"jwks_uri\":\"" + issuer.jwkSetUri() + "\","
              + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
      server.createContext("/issuer/jwks", exchange -> issuer.json(exchange,
          new JWKSet(key.toPublicJWK()).toString()));
      server.start();
      return issuer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The issuer URI ({@code iss} claim and discovery base). */
  public String issuer() {
    return issuer;
  }

  /** Where the public key is served as a JWK set. */
  public String jwkSetUri() {
    return issuer + "/jwks";
  }

  /** A JWT valid for five minutes carrying {@code scopes} in its {@code scope} claim. */
  public String token(String... scopes) {
    Instant now = Instant.now();
    return sign(issuer, now.minusSeconds(10), now.plus(Duration.ofMinutes(5)), scopes);
  }

  /** A JWT with every scope that expired ten minutes ago (beyond any clock skew allowance). */
  public String expiredToken(String... scopes) {
    Instant now = Instant.now();
    return sign(issuer, now.minus(Duration.ofMinutes(20)), now.minus(Duration.ofMinutes(10)), scopes);
  }

  /** A JWT signed with this issuer's key but naming another issuer. */
  public String tokenNamingIssuer(String otherIssuer, String... scopes) {
    Instant now = Instant.now();
    return sign(otherIssuer, now.minusSeconds(10), now.plus(Duration.ofMinutes(5)), scopes);
  }

  /**
   * A JWT valid for five minutes, its claims adjusted by {@code claims} (e.g. {@code aud}, or {@code scp} instead of
   * {@code scope}).
   */
  public String token(Consumer<JWTClaimsSet.Builder> claims) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder builder = claims(issuer, now.minusSeconds(10), now.plus(Duration.ofMinutes(5)));
    claims.accept(builder);
    return sign(builder.build());
  }

  private String sign(String iss, Instant issuedAt, Instant expires, String... scopes) {
    return sign(claims(iss, issuedAt, expires).claim("scope", String.join(" ", scopes)).build());
  }

  private static JWTClaimsSet.Builder claims(String iss, Instant issuedAt, Instant expires) {
    return new JWTClaimsSet.Builder().issuer(iss).subject("test-client").issueTime(Date.from(issuedAt))
        .notBeforeTime(Date.from(issuedAt)).expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString());
  }

  private String sign(JWTClaimsSet claims) {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  private void json(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
