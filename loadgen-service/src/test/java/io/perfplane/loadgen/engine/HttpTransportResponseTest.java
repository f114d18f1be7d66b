package io.perfplane.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfplane.contracts.ErrorKind;
import org.junit.jupiter.api.Test;

class HttpTransportResponseTest {

  private static ErrorKind kindOf(int status) {
    return new HttpTransport.Response(status, 0, null, 0).statusKind();
  }

  @Test
  void statusCodesBelowFourHundredAreSuccesses() {
    assertThat(kindOf(200)).isEqualTo(ErrorKind.NONE);
    assertThat(kindOf(304)).isEqualTo(ErrorKind.NONE);
    assertThat(kindOf(399)).isEqualTo(ErrorKind.NONE);
    assertThat(kindOf(400)).isEqualTo(ErrorKind.HTTP_STATUS);
    assertThat(kindOf(503)).isEqualTo(ErrorKind.HTTP_STATUS);
  }
}
