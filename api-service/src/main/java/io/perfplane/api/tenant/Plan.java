package io.perfplane.api.tenant;

import java.util.Locale;

/** A tenant's subscription plan, stored lower-case ({@code basic}, {@code premium}). */
public enum Plan {
  BASIC, PREMIUM;

  /** The value stored in {@code tenants.plan}. */
  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Plan fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
