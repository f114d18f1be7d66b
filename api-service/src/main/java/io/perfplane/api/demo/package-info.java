/** Deterministic demo tenants for local runs and load tests, seeded idempotently at startup. */
@NullMarked
package io.perfplane.api.demo;

import org.jspecify.annotations.NullMarked;
