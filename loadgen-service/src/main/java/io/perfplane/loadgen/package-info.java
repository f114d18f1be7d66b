/**
 * loadgen-service: runs HTTP load tests, closed-model (ramping virtual users) and open-model (arrival rates), alone
 * or as shards of a distributed run, and publishes every request as a RequestSample and every run lifecycle step as
 * a RunEvent. {@code plan} and {@code definition} read and validate tests; {@code engine} runs them behind ports;
 * {@code http}, {@code kafka} and {@code web} are its edges; {@code system} wires them.
 */
@NullMarked
package io.perfplane.loadgen;

import org.jspecify.annotations.NullMarked;
