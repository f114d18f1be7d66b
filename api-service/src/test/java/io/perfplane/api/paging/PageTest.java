package io.perfplane.api.paging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PageTest {

  @Test
  void totalPagesRoundsUp() {
    assertThat(Page.of(List.of(), 0, 20, 0).totalPages()).isZero();
    assertThat(Page.of(List.of(), 0, 20, 20).totalPages()).isEqualTo(1);
    assertThat(Page.of(List.of(), 0, 20, 21).totalPages()).isEqualTo(2);
  }

  @Test
  void offsetDoesNotOverflowForHugePages() {
    assertThat(Page.offset(Integer.MAX_VALUE, 100)).isEqualTo(214_748_364_700L);
  }
}
