package io.perfplane.loadgen.plan;

/**
 * Which part of a distributed run a generator executes.
 *
 * @param index 0-based shard index, &lt; count
 * @param count number of shards the run was split into, &ge; 1
 */
public record Shard(int index, int count) {

  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("shard " + index + " of " + count + " is not a valid shard");
    }
  }

  /** {@code <generatorId>/shard-<index>}: the generator id this shard's samples and events carry. */
  public String generatorId(String instanceId) {
    return instanceId + "/shard-" + index;
  }
}
