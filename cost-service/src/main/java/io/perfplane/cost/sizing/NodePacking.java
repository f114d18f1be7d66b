package io.perfplane.cost.sizing;

import java.math.BigDecimal;

/**
 * Replicas packed onto one node type.
 *
 * @param type the node type
 * @param replicasPerNode replicas that fit one node by both CPU and memory after the system reservation
 * @param nodes nodes needed: enough for the replicas, at least one per zone, a multiple of the zone count
 * @param hourlyUsd on-demand USD per hour for all the nodes
 */
public record NodePacking(NodeType type, int replicasPerNode, int nodes, BigDecimal hourlyUsd) {
}
