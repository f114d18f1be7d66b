package io.perfplane.analyzer.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Bad webhook configuration stops the service at startup, naming the property, never printing a secret. */
class WebhookPropertiesTest {

  private static WebhookProperties of(String url, String secret, List<String> allowed) {
    return new WebhookProperties(List.of(new WebhookProperties.Target(url, secret, null)), allowed, null, null, null,
        null);
  }

  @Test
  void aUrlOutsideTheAllowListIsRefusedNamingTheProperty() {
    assertThatThrownBy(() -> of("https://hooks.slack.com/services/T0/B0/s3cretpath", "k", List.of("127.0.0.1:*")))
        .hasMessageContaining("perfplane.analyzer.webhooks.targets[0].url hooks.slack.com:443 is not in "
            + "perfplane.analyzer.webhooks.allowed-hosts [127.0.0.1:*]")
        .hasMessageNotContaining("s3cretpath");
    assertThatThrownBy(() -> of("http://127.0.0.1:9/hook", "k", List.of()))
        .hasMessageContaining("targets[0].url 127.0.0.1:9 is not in");
  }

  @Test
  void aMissingSecretOrUrlOrAnUnknownFormatIsRefused() {
    assertThatThrownBy(() -> of("http://127.0.0.1:9/hook", " ", List.of("127.0.0.1:*")))
        .hasMessageStartingWith("perfplane.analyzer.webhooks.targets[0].secret is required");
    assertThatThrownBy(() -> of(null, "k", List.of("127.0.0.1:*")))
        .hasMessage("perfplane.analyzer.webhooks.targets[0].url is required");
    assertThatThrownBy(() -> new WebhookProperties(List.of(new WebhookProperties.Target("http://127.0.0.1:9/h", "k",
        "teams")), List.of("127.0.0.1:*"), null, null, null, null))
        .hasMessageContaining("targets[0].format must be cloudevents or slack");
    assertThatThrownBy(() -> of("http://127.0.0.1:9/hook", "k", List.of("no-port")))
        .hasMessageStartingWith("perfplane.analyzer.webhooks.allowed-hosts:");
  }

  @Test
  void noTargetsMeansDisabledAndSecretsNeverPrint() {
    assertThat(new WebhookProperties(null, null, null, null, null, null).enabled()).isFalse();
    WebhookProperties properties = of("https://hooks.example.com/services/s3cretpath", "hmac-key",
        List.of("*.example.com:443"));
    assertThat(properties.enabled()).isTrue();
    assertThat(properties.maxAttempts()).isEqualTo(12);
    assertThat(properties.toString()).doesNotContain("hmac-key").doesNotContain("s3cretpath")
        .contains("hooks.example.com:443");
  }
}
