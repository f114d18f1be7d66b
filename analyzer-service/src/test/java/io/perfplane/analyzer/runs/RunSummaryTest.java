package io.perfplane.analyzer.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The source of a run, as {@code GET /runs} names it, from the ids of the generators that started it. */
class RunSummaryTest {

  @Test
  void anImportIsNamedByItsFormat() {
    assertThat(RunSummary.source(List.of("ingest/k6/cli-0123abcd"))).isEqualTo("k6");
    assertThat(RunSummary.source(List.of("ingest/parts", "ingest/jmeter/a", "ingest/jmeter/b"))).isEqualTo("jmeter");
  }

  @Test
  void anUploadWithoutAKeyIsAnIngestAndAnythingElseIsLoadgen() {
    assertThat(RunSummary.source(List.of("ingest/upload-5f0c"))).isEqualTo("ingest");
    assertThat(RunSummary.source(List.of("loadgen-7c1e/shard-0", "loadgen-7c1e/shard-1"))).isEqualTo("loadgen");
  }

  @Test
  void mixedSourcesAreJoinedAndNoneIsUnknown() {
    assertThat(RunSummary.source(List.of("ingest/gatling/x", "gen-1"))).isEqualTo("gatling+loadgen");
    assertThat(RunSummary.source(List.of())).isEqualTo("unknown");
    assertThat(RunSummary.source(List.of("ingest/parts"))).isEqualTo("unknown");
  }
}
