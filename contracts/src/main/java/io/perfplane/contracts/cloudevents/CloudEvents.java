package io.perfplane.contracts.cloudevents;

import java.time.Instant;

import io.perfplane.contracts.BreachState;
import io.perfplane.contracts.CapacityEvent;
import io.perfplane.contracts.CostEstimate;
import io.perfplane.contracts.SloBreach;
import org.apache.avro.generic.IndexedRecord;

/**
 * The JSON form of perfplane's public events: CloudEvents 1.0 in structured mode
 * ({@code application/cloudevents+json}), {@code data} the event as plain JSON ({@link AvroJson}), described by the
 * JSON Schemas in {@code docs/schemas/} ({@link AvroJsonSchema}). Published on the sibling topics
 * ({@code slo-breaches.json}, ...) and POSTed by the breach webhook notifier.
 *
 * <p>{@code id} is the same for the same event, however often it is delivered (a redelivery, a replay): receivers
 * deduplicate on it. {@code time} is the event's own time (the samples' clock), {@code subject} the run id.
 */
public final class CloudEvents {

  /** CloudEvents specification version. */
  public static final String SPEC_VERSION = "1.0";
  /** {@code type} of a breach that opened. */
  public static final String BREACH_OPENED = "io.perfplane.slo.breach.opened";
  /** {@code type} of a breach that resolved. */
  public static final String BREACH_RESOLVED = "io.perfplane.slo.breach.resolved";
  /** {@code type} of a run's capacity. */
  public static final String CAPACITY_MEASURED = "io.perfplane.capacity.measured";
  /** {@code type} of a cost estimate. */
  public static final String COST_ESTIMATED = "io.perfplane.cost.estimated";
  /** {@code source} of the analyzer's events. */
  public static final String ANALYZER_SOURCE = "urn:perfplane:analyzer-service";
  /** {@code source} of cost-service's events. */
  public static final String COST_SOURCE = "urn:perfplane:cost-service";

  private CloudEvents() {
  }

  /** A breach's CloudEvent; {@code id} = breach id and state. */
  public static String breach(SloBreach breach) {
    boolean opened = breach.getState() == BreachState.OPENED;
    return envelope(opened ? BREACH_OPENED : BREACH_RESOLVED, ANALYZER_SOURCE,
        breach.getBreachId() + "/" + breach.getState(), breach.getAtUs(), breach.getRunId(), "slo-breach", breach);
  }

  /** A run's capacity CloudEvent; {@code id} = run id and event time. */
  public static String capacity(CapacityEvent capacity) {
    return envelope(CAPACITY_MEASURED, ANALYZER_SOURCE, capacity.getRunId() + "@" + capacity.getAtUs(),
        capacity.getAtUs(), capacity.getRunId(), "capacity-event", capacity);
  }

  /**
   * A cost estimate's CloudEvent; {@code id} = its Kafka key (run, scenario, strategy), catalog and event time.
   *
   * @param key the estimate's key on {@code cost-estimates}
   */
  public static String cost(String key, CostEstimate estimate) {
    return envelope(COST_ESTIMATED, COST_SOURCE, key + "@" + estimate.getCatalogVersion() + "@" + estimate.getAtUs(),
        estimate.getAtUs(), estimate.getRunId(), "cost-estimate", estimate);
  }

  private static String envelope(String type, String source, String id, long timeUs, String subject, String schema,
      IndexedRecord data) {
    StringBuilder out = new StringBuilder(1024).append("{\"specversion\":\"").append(SPEC_VERSION).append("\",");
    field(out, "type", type);
    field(out, "source", source);
    field(out, "id", id);
    field(out, "time", Instant.ofEpochSecond(Math.floorDiv(timeUs, 1_000_000L),
        Math.floorMod(timeUs, 1_000_000L) * 1000).toString());
    field(out, "subject", subject);
    field(out, "datacontenttype", "application/json");
    field(out, "dataschema", "urn:perfplane:schema:" + schema); // docs/schemas/<name>.schema.json
    out.append("\"data\":");
    AvroJson.write(out, data.getSchema(), data);
    return out.append('}').toString();
  }

  private static void field(StringBuilder out, String name, String value) {
    AvroJson.string(out, name).append(':');
    AvroJson.string(out, value).append(',');
  }
}
