package io.perfplane.cost.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Reservation 0.1 vCPU and 0.75 GiB per node, as in the default policy. */
class NodePackerTest {

  private static final NodeType M7G_LARGE = new NodeType("m7g.large", 2, new BigDecimal("8"), new BigDecimal("0.0816"));
  private static final NodeType C7G_LARGE = new NodeType("c7g.large", 2, new BigDecimal("4"), new BigDecimal("0.0725"));
  private static final NodeType M7G_XLARGE =
      new NodeType("m7g.xlarge", 4, new BigDecimal("16"), new BigDecimal("0.1632"));

  private final NodePacker packer = new NodePacker(new BigDecimal("0.1"), new BigDecimal("0.75"));

  @Test
  void fitIsBoundByCpuOrMemoryWhicheverRunsOutFirst() {
    BigDecimal half = new BigDecimal("0.5");
    BigDecimal gib = new BigDecimal("1.5");
    // m7g.large: 1.9 vCPU → 3 by CPU, 7.25 GiB → 4 by memory.
    assertThat(packer.fit(M7G_LARGE, half, gib)).isEqualTo(3);
    // c7g.large: 3 by CPU, but 3.25 GiB → 2 by memory.
    assertThat(packer.fit(C7G_LARGE, half, gib)).isEqualTo(2);
    // A whole-vCPU replica never fits twice on a 2-vCPU node once the kubelet has its share.
    assertThat(packer.fit(M7G_LARGE, BigDecimal.ONE, gib)).isEqualTo(1);
    assertThat(packer.fit(M7G_LARGE, BigDecimal.TWO, gib)).isZero();
  }

  @Test
  void picksTheCheapestPackingAndSpreadsAcrossZones() {
    // 10 replicas × 0.5 vCPU / 1.5 GiB over 3 zones:
    //   m7g.large  3 per node → 4 nodes → 6 (multiple of 3) × 0.0816 = 0.4896 $/h
    //   c7g.large  2 per node → 5 nodes → 6                × 0.0725 = 0.4350 $/h  ← cheapest
    //   m7g.xlarge 7 per node → 2 nodes → 3                × 0.1632 = 0.4896 $/h
    List<NodePacking> packings = packer.pack(10, new BigDecimal("0.5"), new BigDecimal("1.5"), 3,
        List.of(M7G_LARGE, C7G_LARGE, M7G_XLARGE));

    assertThat(packings.getFirst().type()).isEqualTo(C7G_LARGE);
    assertThat(packings.getFirst().nodes()).isEqualTo(6);
    assertThat(packings.getFirst().hourlyUsd()).isEqualByComparingTo("0.4350");
    // Equal price: fewer nodes first.
    assertThat(packings).extracting(p -> p.type().instanceType())
        .containsExactly("c7g.large", "m7g.xlarge", "m7g.large");
    assertThat(packings).allSatisfy(p -> assertThat(p.nodes() % 3).isZero());
  }

  @Test
  void singleZoneNeedsNoRounding() {
    List<NodePacking> packings = packer.pack(10, new BigDecimal("0.5"), new BigDecimal("1.5"), 1, List.of(M7G_XLARGE));

    assertThat(packings.getFirst().nodes()).isEqualTo(2);
  }

  @Test
  void atLeastOneNodePerZoneEvenForOneReplica() {
    List<NodePacking> packings = packer.pack(1, new BigDecimal("0.5"), new BigDecimal("1.5"), 3, List.of(M7G_LARGE));

    assertThat(packings.getFirst().nodes()).isEqualTo(3);
  }

  @Test
  void noCandidateThatCannotHoldAReplica() {
    assertThat(packer.pack(4, BigDecimal.valueOf(3), BigDecimal.ONE, 1, List.of(M7G_LARGE, C7G_LARGE))).isEmpty();
    assertThat(packer.pack(4, BigDecimal.valueOf(3), BigDecimal.ONE, 1, List.of(M7G_LARGE, M7G_XLARGE)))
        .extracting(p -> p.type().instanceType()).containsExactly("m7g.xlarge");
  }
}
