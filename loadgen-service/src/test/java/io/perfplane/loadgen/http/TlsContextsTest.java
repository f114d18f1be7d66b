package io.perfplane.loadgen.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;

import javax.net.ssl.SSLContext;

import io.perfplane.loadgen.plan.FieldViolation;
import io.perfplane.loadgen.plan.HttpSettings;
import io.perfplane.loadgen.plan.HttpSettings.ClientCertificate;
import io.perfplane.loadgen.plan.HttpSettings.Version;
import io.perfplane.loadgen.plan.PlanRejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsContextsTest {

  private static final String PASSWORD = "s3cret-Pa55";

  @TempDir
  Path dir;

  private static HttpSettings with(ClientCertificate certificate) {
    return new HttpSettings(Version.AUTO, false, certificate, 1);
  }

  private Path keystore() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    Path file = dir.resolve("client.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD.toCharArray());
    }
    return file;
  }

  @Test
  void theDefaultsUseTheJdksDefaultContext() throws Exception {
    assertThat(TlsContexts.of(HttpSettings.DEFAULT, name -> null)).isSameAs(SSLContext.getDefault());
  }

  @Test
  void aPasswordFromAFileOrTheEnvironmentOpensTheKeystore() throws Exception {
    Path keystore = keystore();
    Path passwordFile = Files.writeString(dir.resolve("password"), PASSWORD + "\n");

    SSLContext fromFile = TlsContexts.of(with(new ClientCertificate(keystore.toString(), null,
        passwordFile.toString())), name -> null);
    SSLContext fromEnv = TlsContexts.of(with(new ClientCertificate(keystore.toString(), "P12", null)),
        Map.of("P12", PASSWORD)::get);

    assertThat(fromFile).isNotSameAs(SSLContext.getDefault());
    assertThat(fromEnv.getProtocol()).isEqualTo("TLS");
  }

  @Test
  void aWrongPasswordRefusesTheRunNamingTheFieldButNeverThePassword() throws Exception {
    Path keystore = keystore();
    String wrong = "wr0ng-" + PASSWORD;

    PlanRejectedException e = catchThrowableOfType(PlanRejectedException.class, () -> TlsContexts.of(
        with(new ClientCertificate(keystore.toString(), "P12", null)), Map.of("P12", wrong)::get));

    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("http.clientCertificate.keystore");
      assertThat(v.message()).contains(keystore.toString()).doesNotContain(wrong).doesNotContain(PASSWORD);
    });
  }

  @Test
  void anUnsetVariableOrAMissingFileIsNamed() {
    PlanRejectedException unset = catchThrowableOfType(PlanRejectedException.class, () -> TlsContexts.of(
        with(new ClientCertificate("c.p12", "NOT_SET", null)), name -> null));
    PlanRejectedException missing = catchThrowableOfType(PlanRejectedException.class, () -> TlsContexts.of(
        with(new ClientCertificate("c.p12", null, dir.resolve("nope").toString())), name -> null));

    assertThat(unset.violations()).extracting(FieldViolation::field)
        .containsExactly("http.clientCertificate.passwordEnv");
    assertThat(unset.violations().getFirst().message()).contains("NOT_SET");
    assertThat(missing.violations()).extracting(FieldViolation::field)
        .containsExactly("http.clientCertificate.passwordFile");
  }
}
