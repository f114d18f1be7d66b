/**
 * Pure sizing and pricing: from a user scenario and a measured per-replica capacity to a fleet (replicas, nodes,
 * brokers) and from the fleet plus a {@link io.perfplane.cost.catalog.PricingCatalog} to itemized monthly cost.
 * Money is {@link java.math.BigDecimal} USD at scale 6, rounded HALF_UP per line; no Spring, no Kafka.
 */
@NullMarked
package io.perfplane.cost.sizing;

import org.jspecify.annotations.NullMarked;
