package io.perfplane.cost.sizing;

import io.perfplane.cost.scenario.Scenario;
import org.jspecify.annotations.Nullable;

/**
 * The fleets at the two ends of a capacity's range: more capacity per replica is the cheaper fleet, less is the
 * dearer one.
 *
 * <ul>
 *   <li>KNEE with confidence below 1 and a range: cheapest at {@code highRps} (the minimum fleet when unbounded
 *       above), dearest at {@code lowRps} (none when the low end sizes no fleet: unbounded);</li>
 *   <li>LOWER_BOUND: capacity is at least the rate, so the point fleet is the dearest and the scenario's minimum
 *       fleet (its replica floor) the cheapest;</li>
 *   <li>UPPER_BOUND: capacity is below the rate, so the point fleet is the cheapest and there is no dearest;</li>
 *   <li>UNKNOWN, or a certain knee: no range.</li>
 * </ul>
 *
 * @param ranged whether there is a range at all
 * @param cheapest the low-cost fleet ({@code null} only without a range)
 * @param dearest the high-cost fleet, {@code null} when unbounded or without a range
 */
record FleetRange(boolean ranged, @Nullable Fleet cheapest, @Nullable Fleet dearest) {

  static final FleetRange NONE = new FleetRange(false, null, null);

  static FleetRange of(FleetSizer sizer, Scenario scenario, MeasuredCapacity capacity, Fleet point) {
    return switch (capacity.kind()) {
      case UNKNOWN -> NONE;
      case LOWER_BOUND -> new FleetRange(true, sizer.minimum(scenario, capacity), point);
      case UPPER_BOUND -> new FleetRange(true, point, null);
      case KNEE -> {
        if (capacity.confidence() >= 1.0 || (capacity.lowRpsPerReplica() == null
            && capacity.highRpsPerReplica() == null)) {
          yield NONE;
        }
        Double high = capacity.highRpsPerReplica();
        Double low = capacity.lowRpsPerReplica();
        // No high end: capacity may be anything above the knee, so the cheapest is the minimum fleet.
        Fleet cheapest = MeasuredCapacity.usable(high) ? sizer.size(scenario, capacity.atRate(high))
            : sizer.minimum(scenario, capacity);
        Fleet dearest = MeasuredCapacity.usable(low) ? sizer.size(scenario, capacity.atRate(low)) : null;
        yield new FleetRange(true, cheapest, dearest);
      }
    };
  }
}
