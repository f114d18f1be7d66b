package io.perfplane.cost.sizing;

import java.util.Arrays;

/** A way to buy the same fleet; each is priced side by side with {@link #ON_DEMAND}. */
public enum Strategy {

  /** Every resource at its on-demand list price: the baseline. */
  ON_DEMAND("on-demand"),
  /** A share of the stateless worker nodes on Spot (see {@link SizingPolicy.StrategyPolicy}). */
  SPOT("spot"),
  /** Worker nodes covered by a 1-year no-upfront Compute Savings Plan. */
  SAVINGS_PLAN("savings-plan"),
  /** Worker nodes on 1-year no-upfront Standard Reserved Instances. */
  RESERVED("reserved"),
  /** MSK Serverless instead of provisioned brokers. */
  MSK_SERVERLESS("msk-serverless"),
  /** Aurora I/O-Optimized: dearer ACUs and storage, no I/O charges. */
  AURORA_IO_OPTIMIZED("aurora-io-optimized");

  private final String id;

  Strategy(String id) {
    this.id = id;
  }

  /** The name used in estimates and URLs, e.g. {@code savings-plan}. */
  public String id() {
    return id;
  }

  /**
   * @throws IllegalArgumentException for an unknown name
   */
  public static Strategy of(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown strategy '" + id + "'"));
  }
}
