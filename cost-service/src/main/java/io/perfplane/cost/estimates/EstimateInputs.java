package io.perfplane.cost.estimates;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.perfplane.contracts.CapacityEvent;
import io.perfplane.cost.scenario.Scenario;
import io.perfplane.cost.sizing.SizingPolicy;
import io.perfplane.cost.sizing.Strategy;

/**
 * Fingerprint of everything one estimate is computed from: the capacity event, the scenario, the sizing policy, the
 * catalog version and the strategy. Equal fingerprints mean the estimate would come out the same, so a replayed
 * event is recognised and not stored twice, while a changed scenario or catalog adds a history row.
 */
final class EstimateInputs {

  private EstimateInputs() {
  }

  static String sha256(CapacityEvent event, Scenario scenario, SizingPolicy policy, String catalogVersion,
      Strategy strategy) {
    // Records' toString lists every component; BigDecimal and double print deterministically.
    String text = String.join("\n", event.toString(), scenario.toString(), policy.toString(), catalogVersion,
        strategy.id());
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is a mandatory JDK algorithm", e);
    }
  }
}
