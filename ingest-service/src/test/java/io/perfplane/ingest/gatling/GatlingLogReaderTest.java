package io.perfplane.ingest.gatling;

import static io.perfplane.ingest.format.CollectingSink.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.ingest.format.CollectingSink;
import io.perfplane.ingest.format.NativeSample;
import org.junit.jupiter.api.Test;

class GatlingLogReaderTest {

  private static final long T0_MS = 1_795_168_800_000L;

  private final GatlingLogReader reader = new GatlingLogReader(65_536);

  @Test
  void gatling39Fixture() {
    CollectingSink sink = CollectingSink.read(reader, fixture("gatling-simulation.log"));

    assertThat(sink.errors).isEmpty();
    assertThat(sink.ignored).isEqualTo(4); // RUN, 2 USER, GROUP
    List<NativeSample> samples = sink.sampleList();
    assertThat(samples).extracting(NativeSample::endpoint).containsExactly("GET /home", "search_items", "Slow page");
    NativeSample home = samples.get(0);
    assertThat(home.startUs()).isEqualTo((T0_MS + 120) * 1000);
    assertThat(home.latencyUs()).isEqualTo(125_000);
    assertThat(home.method()).isEqualTo("GET");
    assertThat(home.status()).isEqualTo(200);
    assertThat(home.errorKind()).isEqualTo(ErrorKind.NONE);
    assertThat(home.tags()).isEqualTo(Map.of("status_source", "inferred"));
    NativeSample search = samples.get(1);
    assertThat(search.status()).isEqualTo(500);
    assertThat(search.errorKind()).isEqualTo(ErrorKind.HTTP_STATUS);
    assertThat(search.tags()).containsEntry("group", "Search");
    assertThat(samples.get(2).status()).isZero();
    assertThat(samples.get(2).errorKind()).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(samples.get(2).latencyUs()).isEqualTo(10_000_000);
  }

  @Test
  void olderLayoutsAreRecognisedByWhereOkOrKoIs() {
    String v33 = "REQUEST\t7\t\thome\t" + T0_MS + "\t" + (T0_MS + 5) + "\tOK\t \n";
    String v23 = "REQUEST\tBrowse\t7\t\thome\t" + T0_MS + "\t" + (T0_MS + 6) + "\tOK\t \n";

    CollectingSink sink = CollectingSink.read(reader, v33 + v23);

    assertThat(sink.errors).isEmpty();
    assertThat(sink.sampleList()).extracting(NativeSample::latencyUs).containsExactly(5_000L, 6_000L);
    assertThat(sink.sampleList()).extracting(NativeSample::scenario).containsExactly("default", "Browse");
  }

  /** Found by fuzzing: "found 700" is a failed check on some value, not an HTTP status. */
  @Test
  void aFoundValueOutsideHttpStatusesIsNotTakenAsTheStatus() {
    String ko = "REQUEST\t\tsearch\t" + T0_MS + "\t" + (T0_MS + 5) + "\tKO\tjsonPath($.n).find.is(1), found 700\n";
    String real = "REQUEST\t\tsearch\t" + T0_MS + "\t" + (T0_MS + 5) + "\tKO\tstatus.find.in(200), found 503\n";

    CollectingSink sink = CollectingSink.read(reader, ko + real);

    assertThat(sink.errors).isEmpty();
    assertThat(sink.sampleList()).extracting(NativeSample::status).containsExactly(200, 503);
    assertThat(sink.sampleList()).extracting(NativeSample::errorKind)
        .containsExactly(ErrorKind.CHECK_FAILED, ErrorKind.HTTP_STATUS);
  }
}
