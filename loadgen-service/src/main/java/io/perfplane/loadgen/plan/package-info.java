/**
 * Run plans: the JSON a client submits, its validation into an executable {@link io.perfplane.loadgen.plan.ValidPlan},
 * the ramping-VU load shape and the target allow-list. Pure Java: no Spring, no Kafka, no HTTP client calls.
 */
@NullMarked
package io.perfplane.loadgen.plan;

import org.jspecify.annotations.NullMarked;
