package io.perfplane.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class BearerTokensTest {

  private final BearerTokens tokens = new BearerTokens(List.of("alpha-token", "beta-token"));

  @Test
  void acceptsAnyConfiguredToken() {
    assertThat(tokens.accepts("Bearer alpha-token")).isTrue();
    assertThat(tokens.accepts("Bearer beta-token")).isTrue();
    assertThat(tokens.accepts("bearer beta-token")).isTrue();
  }

  @Test
  void rejectsWrongMissingOrMalformedCredentials() {
    assertThat(tokens.accepts(null)).isFalse();
    assertThat(tokens.accepts("")).isFalse();
    assertThat(tokens.accepts("Bearer ")).isFalse();
    assertThat(tokens.accepts("Bearer alpha-toke")).isFalse();
    assertThat(tokens.accepts("Bearer alpha-token2")).isFalse();
    assertThat(tokens.accepts("Basic alpha-token")).isFalse();
    assertThat(tokens.accepts("alpha-token")).isFalse();
  }

  @Test
  void needsAtLeastOneToken() {
    assertThatThrownBy(() -> new BearerTokens(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
