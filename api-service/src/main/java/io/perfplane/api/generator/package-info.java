/**
 * Synthetic data at named scales for load tests: idempotent, resumable, removable. Run it as
 * {@code java -jar api-service.jar generate --scale 10k} (see docs/api-service.md).
 */
@NullMarked
package io.perfplane.api.generator;

import org.jspecify.annotations.NullMarked;
