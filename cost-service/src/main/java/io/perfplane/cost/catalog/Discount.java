package io.perfplane.cost.catalog;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A pricing-model discount off on-demand, carried as an explicit assumption: Spot, Savings Plan and Reserved rates
 * differ per instance type and (for Spot) per hour, so the catalog states one fraction per model and its source
 * rather than pretending to quote them.
 *
 * @param name discount name, e.g. {@code ec2-spot}
 * @param term offer-file term it stands for: {@code Spot}, {@code SavingsPlan} or {@code Reserved}
 * @param meter the meter it applies to, e.g. {@code ec2-instance-hour}
 * @param fraction fraction taken off the on-demand price, in [0, 1)
 * @param description what the figure assumes
 * @param source where the figure comes from
 */
public record Discount(String name, String term, String meter, BigDecimal fraction, String description,
    String source) {

  public Discount {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(term, "term");
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(fraction, "fraction");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(source, "source");
    if (fraction.signum() < 0 || fraction.compareTo(BigDecimal.ONE) >= 0) {
      throw new IllegalArgumentException("discount " + name + " fraction must be in [0, 1): " + fraction);
    }
    if (source.isBlank()) {
      throw new IllegalArgumentException("every discount needs a source: " + name);
    }
  }
}
