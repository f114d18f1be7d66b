/**
 * Run plans: the two formats a client submits (the test definition, and the legacy JSON run plan, which
 * {@code LegacyPlanTranslator} turns into a definition), the one validator that builds every executable
 * {@link io.perfplane.loadgen.plan.ValidPlan} (section by section: scenarios, workloads, steps, thresholds, limits),
 * and the load shapes (closed {@link io.perfplane.loadgen.plan.StageSchedule}, open
 * {@link io.perfplane.loadgen.plan.ArrivalSchedule}, both piecewise-linear ramps). Pure Java: no Spring, no Kafka, no
 * HTTP client calls.
 */
@NullMarked
package io.perfplane.loadgen.plan;

import org.jspecify.annotations.NullMarked;
