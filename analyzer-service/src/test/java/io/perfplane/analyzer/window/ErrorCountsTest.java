package io.perfplane.analyzer.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;

import io.perfplane.analyzer.window.ErrorCounts.Cause;
import org.junit.jupiter.api.Test;

class ErrorCountsTest {

  @Test
  void causesSplitHttpStatusFailuresByClass() {
    assertThat(Cause.of("HTTP_STATUS", 404)).isEqualTo(Cause.HTTP_4XX);
    assertThat(Cause.of("HTTP_STATUS", 503)).isEqualTo(Cause.HTTP_5XX);
    assertThat(Cause.of("HTTP_STATUS", 302)).isEqualTo(Cause.HTTP_OTHER);
    assertThat(Cause.of("TIMEOUT", 0)).isEqualTo(Cause.TIMEOUT);
    assertThat(Cause.of("CHECK_FAILED", 200)).isEqualTo(Cause.CHECK_FAILED);
    assertThat(Cause.of("CONNECT", 0)).isEqualTo(Cause.CONNECT);
    assertThat(Cause.of("IO", 0)).isEqualTo(Cause.IO);
    assertThat(Cause.of("SOMETHING_NEW", 0)).isEqualTo(Cause.OTHER);
  }

  @Test
  void mergesAndRoundTrips() {
    ErrorCounts a = ErrorCounts.empty();
    a.add(Cause.HTTP_5XX);
    a.add(Cause.HTTP_5XX);
    a.add(Cause.TIMEOUT);
    ErrorCounts b = ErrorCounts.empty();
    b.add(Cause.TIMEOUT);
    a.merge(b);

    ErrorCounts decoded = ErrorCounts.decode(a.encode());
    assertThat(decoded.count(Cause.HTTP_5XX)).isEqualTo(2);
    assertThat(decoded.count(Cause.TIMEOUT)).isEqualTo(2);
    assertThat(decoded.count(Cause.HTTP_4XX)).isZero();
    assertThat(decoded.total()).isEqualTo(4);
  }

  @Test
  void countsOfUnknownFutureCausesDecodeAsOther() {
    int causes = Cause.values().length;
    ByteBuffer bytes = ByteBuffer.allocate(2 + (causes + 1) * Long.BYTES).put((byte) 1).put((byte) (causes + 1));
    for (int i = 0; i < causes; i++) {
      bytes.putLong(i == Cause.OTHER.ordinal() ? 1 : 0);
    }
    bytes.putLong(5);

    assertThat(ErrorCounts.decode(bytes.array()).count(Cause.OTHER)).isEqualTo(6);
    assertThatThrownBy(() -> ErrorCounts.decode(new byte[] {9, 0})).isInstanceOf(IllegalArgumentException.class);
  }
}
