package io.perfplane.cost.sizing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Finds the cheapest node type for a set of identical replicas. For each candidate: allocatable = capacity − system
 * reservation; replicas per node = min(⌊allocatable vCPU / vCPU per replica⌋, ⌊allocatable GiB / GiB per
 * replica⌋); nodes = ⌈replicas / per node⌉, raised to at least one per zone and to a multiple of the zone count so
 * the nodes (and the pods spread by topology constraints) are even across zones. Candidates a replica does not fit
 * are dropped; the rest are ordered by hourly cost, then fewer nodes, then name.
 */
final class NodePacker {

  private final BigDecimal reservedVcpu;
  private final BigDecimal reservedMemoryGiB;

  public NodePacker(BigDecimal reservedVcpu, BigDecimal reservedMemoryGiB) {
    this.reservedVcpu = Objects.requireNonNull(reservedVcpu, "reservedVcpu");
    this.reservedMemoryGiB = Objects.requireNonNull(reservedMemoryGiB, "reservedMemoryGiB");
  }

  /**
   * Every packing that fits, cheapest first; empty when no candidate can hold a single replica.
   *
   * @param replicas replicas to place, {@code >= 1}
   * @param cpuPerReplica vCPU requested per replica
   * @param memoryGiBPerReplica memory requested per replica (GiB)
   * @param zones availability zones to spread across, {@code >= 1}
   * @param candidates node types to consider
   */
  public List<NodePacking> pack(int replicas, BigDecimal cpuPerReplica, BigDecimal memoryGiBPerReplica, int zones,
      List<NodeType> candidates) {
    if (replicas < 1 || zones < 1) {
      throw new IllegalArgumentException("replicas and zones must be >= 1");
    }
    List<NodePacking> packings = new ArrayList<>();
    for (NodeType type : candidates) {
      int perNode = fit(type, cpuPerReplica, memoryGiBPerReplica);
      if (perNode < 1) {
        continue;
      }
      int nodes = Math.max(zones, Math.ceilDiv(replicas, perNode));
      nodes = Math.ceilDiv(nodes, zones) * zones;
      packings.add(new NodePacking(type, perNode, nodes, type.hourlyUsd().multiply(BigDecimal.valueOf(nodes))));
    }
    packings.sort(Comparator.comparing(NodePacking::hourlyUsd).thenComparingInt(NodePacking::nodes)
        .thenComparing(p -> p.type().instanceType()));
    return List.copyOf(packings);
  }

  /** Replicas of this size one node of {@code type} holds (0 if none). */
  int fit(NodeType type, BigDecimal cpuPerReplica, BigDecimal memoryGiBPerReplica) {
    BigDecimal cpu = BigDecimal.valueOf(type.vcpu()).subtract(reservedVcpu);
    BigDecimal memory = type.memoryGiB().subtract(reservedMemoryGiB);
    if (cpu.signum() <= 0 || memory.signum() <= 0) {
      return 0;
    }
    int byCpu = cpu.divide(cpuPerReplica, 0, RoundingMode.FLOOR).intValueExact();
    int byMemory = memory.divide(memoryGiBPerReplica, 0, RoundingMode.FLOOR).intValueExact();
    return Math.min(byCpu, byMemory);
  }
}
