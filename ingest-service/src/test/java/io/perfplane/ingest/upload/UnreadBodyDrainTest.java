package io.perfplane.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.perfplane.ingest.system.IngestProperties;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/** The drain's decisions; {@link ReplayedUploadIntegrationTest} shows what they are for on a real connection. */
class UnreadBodyDrainTest {

  private static final byte[] BODY = new byte[100_000];

  @Test
  void theUnreadRestOfTheBodyIsConsumedBeforeTheAnswerAndTheConnectionStaysOpen() throws Exception {
    MockHttpServletRequest request = upload();
    MockHttpServletResponse response = new MockHttpServletResponse();

    drain(200_000).doFilter(request, response, readFirst(10));

    assertThat(request.getInputStream().read()).as("nothing left unread").isEqualTo(-1);
    assertThat(response.getHeader("Connection")).isNull();
  }

  @Test
  void moreThanTheLimitLeftUnreadClosesTheConnectionAfterTheAnswer() throws Exception {
    MockHttpServletRequest request = upload();
    MockHttpServletResponse response = new MockHttpServletResponse();

    drain(50_000).doFilter(request, response, readFirst(0));

    assertThat(response.getHeader("Connection")).isEqualTo("close");
  }

  @Test
  void aClientWaitingFor100ContinueAnsweredBeforeAnyReadSendsNoBodyAndIsNotWaitedFor() throws Exception {
    MockHttpServletRequest request = upload();
    request.addHeader("Expect", "100-continue");
    MockHttpServletResponse response = new MockHttpServletResponse();

    drain(200_000).doFilter(request, response, readFirst(0));

    assertThat(request.getInputStream().available()).as("nothing drained").isEqualTo(BODY.length);
    assertThat(response.getHeader("Connection")).isEqualTo("close");
  }

  private static MockHttpServletRequest upload() {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/ingest/native");
    request.setContent(BODY);
    return request;
  }

  /** The application: reads {@code bytes} of the body through the request it is given, then answers. */
  private static FilterChain readFirst(int bytes) {
    return (request, response) -> {
      if (bytes > 0) {
        assertThat(request.getInputStream().readNBytes(bytes)).hasSize(bytes);
      }
    };
  }

  private static UnreadBodyDrain drain(long maxDrainBytes) {
    return new UnreadBodyDrain(new IngestProperties(1024, 100, Duration.ofSeconds(1),
        Duration.ofSeconds(5), Duration.ofMinutes(15), 8, new IngestProperties.Limits(Duration.ofDays(365),
        Duration.ofHours(1), 1000, DataSize.ofGigabytes(8), 100, DataSize.ofMegabytes(16),
        DataSize.ofBytes(maxDrainBytes))));
  }
}
