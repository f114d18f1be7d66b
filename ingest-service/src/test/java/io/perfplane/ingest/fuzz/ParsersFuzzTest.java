package io.perfplane.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.perfplane.ingest.format.LineError;
import io.perfplane.ingest.format.NativeSample;
import io.perfplane.ingest.format.ResultReader;
import io.perfplane.ingest.format.ResultSink;
import io.perfplane.ingest.format.UnreadableUploadException;
import io.perfplane.ingest.gatling.GatlingLogReader;
import io.perfplane.ingest.jmeter.JtlCsvReader;
import io.perfplane.ingest.k6.K6NdjsonReader;
import io.perfplane.ingest.k6.K6SummaryParser;
import io.perfplane.ingest.ndjson.NativeNdjsonReader;
import io.perfplane.ingest.ndjson.NativeSampleParser;

/**
 * Jazzer fuzz tests, one per parser. Whatever the bytes, a reader may only push samples that keep the
 * {@link NativeSample} invariants and rejections that carry a line and a reason, or refuse the upload as a whole;
 * any other exception is a finding.
 *
 * <p>In the default test run they run in Jazzer's regression mode: only the seeds under
 * {@code src/test/resources/io/perfplane/ingest/fuzz/ParsersFuzzTestInputs/<method>/} and the empty input (a
 * fraction of a second). To fuzz one for real: {@code JAZZER_FUZZ=1 ./mvnw -pl ingest-service test
 * -Dtest='ParsersFuzzTest#k6' -Dsurefire.failIfNoSpecifiedTests=false} (each runs for its {@code maxDuration}); see
 * docs/ingest-service.md.
 */
class ParsersFuzzTest {

  private static final int MAX_LINE = 4096;

  @FuzzTest(maxDuration = "2m")
  void nativeNdjson(byte[] input) {
    check(new NativeNdjsonReader(new NativeSampleParser(), MAX_LINE), input);
  }

  @FuzzTest(maxDuration = "2m")
  void k6(byte[] input) {
    check(new K6NdjsonReader(MAX_LINE), input);
  }

  @FuzzTest(maxDuration = "2m")
  void jmeter(byte[] input) {
    check(new JtlCsvReader(MAX_LINE), input);
  }

  @FuzzTest(maxDuration = "2m")
  void gatling(byte[] input) {
    check(new GatlingLogReader(MAX_LINE), input);
  }

  @FuzzTest(maxDuration = "2m")
  void k6Summary(byte[] input) throws IOException {
    try {
      var summary = new K6SummaryParser(1 << 20).parse(new ByteArrayInputStream(input));
      assertThat(summary.shape()).isIn("summary-export", "handleSummary");
    } catch (UnreadableUploadException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  private static void check(ResultReader reader, byte[] input) {
    try {
      reader.read(new ByteArrayInputStream(input), new InvariantSink());
    } catch (UnreadableUploadException expected) {
      assertThat(expected.field()).isNotBlank();
    } catch (IOException e) {
      throw new AssertionError("a byte array cannot fail to read", e);
    }
  }

  /** Checks every pushed sample and rejection. */
  private static final class InvariantSink implements ResultSink {

    private long lastLine;

    @Override
    public void sample(long line, NativeSample sample, String payload) {
      assertThat(line).isPositive();
      assertThat(sample.latencyUs()).isNotNegative();
      if (sample.ttfbUs() != null) {
        assertThat(sample.ttfbUs()).isBetween(0L, sample.latencyUs());
      }
      assertThat(sample.status()).satisfiesAnyOf(s -> assertThat(s).isZero(), s -> assertThat(s).isBetween(100, 599));
      assertThat(sample.endpoint()).isNotBlank();
      assertThat(sample.method()).matches("[A-Z]{1,16}");
      assertThat(sample.scenario()).isNotBlank();
      assertThat(sample.bytesIn()).isNotNegative();
      assertThat(sample.bytesOut()).isNotNegative();
      lastLine = line;
    }

    @Override
    public void rejected(List<LineError> errors, String payload) {
      assertThat(errors).isNotEmpty().allSatisfy(error -> {
        assertThat(error.line()).isPositive();
        assertThat(error.reason()).isNotBlank();
      });
    }

    @Override
    public void ignored(long line) {
      assertThat(line).isGreaterThanOrEqualTo(lastLine);
    }
  }
}
