/**
 * The estimates feature at its edges: prices each capacity event for every configured scenario, publishes the
 * estimates on {@code cost-estimates} and serves the latest ones over REST.
 */
@NullMarked
package io.perfplane.cost.estimates;

import org.jspecify.annotations.NullMarked;
