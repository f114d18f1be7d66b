package io.perfplane.analyzer.notify;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.perfplane.contracts.net.TargetAllowList;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Breach webhooks ({@code perfplane.analyzer.webhooks}); none configured, none sent. Checked at startup: a URL outside
 * {@code allowed-hosts} or a target without a secret stops the service with the property's name.
 *
 * @param targets where to POST each breach event
 * @param allowedHosts {@code host:port} patterns a target URL must match (syntax of loadgen's allowed targets)
 * @param maxAttempts attempts per event and target before it goes to {@code webhook-dead-letters}, default 12
 * @param initialBackoff wait after the first failed attempt, doubling per attempt, default 500 ms
 * @param maxBackoff longest wait between attempts, default 10 s (12 attempts then span about 70 s)
 * @param timeout per request, default 5 s
 */
@ConfigurationProperties("perfplane.analyzer.webhooks")
record WebhookProperties(@Nullable List<Target> targets, @Nullable List<String> allowedHosts,
    @Nullable Integer maxAttempts, @Nullable Duration initialBackoff, @Nullable Duration maxBackoff,
    @Nullable Duration timeout) {

  private static final String PREFIX = "perfplane.analyzer.webhooks";

  /**
   * One receiver.
   *
   * @param url http(s) URL the events are POSTed to
   * @param secret HMAC-SHA256 key of the {@code X-Perfplane-Signature} header (never logged)
   * @param format {@code cloudevents} (default: the CloudEvent JSON as is) or {@code slack} (an incoming-webhook
   *     message)
   */
  public record Target(@Nullable String url, @Nullable String secret, @Nullable String format) {

    @Override
    public String toString() {
      return "Target[url=" + host(url) + "/<redacted>, secret=<redacted>, format=" + format + "]";
    }

    boolean slack() {
      return "slack".equalsIgnoreCase(format);
    }
  }

  public WebhookProperties {
    targets = targets == null ? List.of() : List.copyOf(targets);
    allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    maxAttempts = maxAttempts == null ? 12 : maxAttempts;
    initialBackoff = initialBackoff == null ? Duration.ofMillis(500) : initialBackoff;
    maxBackoff = maxBackoff == null ? Duration.ofSeconds(10) : maxBackoff;
    timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(PREFIX + ".max-attempts must be at least 1: " + maxAttempts);
    }
    TargetAllowList allowList;
    try {
      allowList = new TargetAllowList(allowedHosts);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(PREFIX + ".allowed-hosts: " + e.getMessage(), e);
    }
    for (int i = 0; i < targets.size(); i++) {
      Target target = targets.get(i);
      String name = PREFIX + ".targets[" + i + "]";
      if (target.url() == null || target.url().isBlank()) {
        throw new IllegalArgumentException(name + ".url is required");
      }
      if (!allowList.allows(target.url())) {
        throw new IllegalArgumentException(name + ".url " + host(target.url()) + " is not in " + PREFIX
            + ".allowed-hosts " + allowedHosts + " (env PERFPLANE_ANALYZER_WEBHOOKS_ALLOWEDHOSTS)");
      }
      if (target.secret() == null || target.secret().isBlank()) {
        throw new IllegalArgumentException(name + ".secret is required: receivers verify the X-Perfplane-Signature "
            + "HMAC with it");
      }
      if (target.format() != null && !List.of("cloudevents", "slack").contains(target.format()
          .toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(name + ".format must be cloudevents or slack: " + target.format());
      }
    }
  }

  /** Whether any target is configured. */
  public boolean enabled() {
    return !targets.isEmpty();
  }

  /** The URL's host:port only: webhook URLs often carry a secret in their path (Slack's do). */
  static String host(@Nullable String url) {
    return url == null ? "(none)" : TargetAllowList.authorityOf(url).orElse("(not an absolute http(s) URL)");
  }
}
