package io.perfplane.api.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeyHashTest {

  @Test
  void isLowerCaseHexSha256OfTheUtf8Key() {
    // FIPS 180-2 test vector for "abc".
    assertThat(ApiKeyHash.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void differentKeysHashDifferently() {
    assertThat(ApiKeyHash.sha256Hex("ccl-demo-key")).hasSize(64).matches("[0-9a-f]{64}")
        .isNotEqualTo(ApiKeyHash.sha256Hex("hh-demo-key"));
  }
}
