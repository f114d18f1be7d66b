package io.perfplane.loadgen.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class TemplateTest {

  @Test
  void rendersPlaceholdersThroughTheEncoderAndKeepsEscapes() {
    Template t = Template.parse("/api/${slug}/x?u=${login}&lit=$${no}");
    assertThat(t.variables()).containsExactly("slug", "login");
    assertThat(t.render(Map.of("slug", "a b", "login", "pat")::get, v -> v.replace(" ", "%20")))
        .isEqualTo("/api/a%20b/x?u=pat&lit=${no}");
    assertThat(Template.parse("/plain").isConstant()).isTrue();
  }

  @Test
  void rejectsBrokenPlaceholders() {
    assertThatIllegalArgumentException().isThrownBy(() -> Template.parse("/a/${unclosed"));
    assertThatIllegalArgumentException().isThrownBy(() -> Template.parse("/a/${1abc}"));
  }

  @Test
  void thinkTimesStayInTheirDistributionBounds() {
    SplittableRandom random = new SplittableRandom(42);
    assertThat(LongStream.range(0, 10_000).map(i -> ThinkTime.uniform(1_000, 6_000).sampleMs(random)))
        .allMatch(ms -> ms >= 1_000 && ms <= 6_000);
    double mean = LongStream.range(0, 20_000).map(i -> ThinkTime.exponential(2_000).sampleMs(random)).average()
        .orElseThrow();
    assertThat(mean).isBetween(1_900.0, 2_100.0); // the 10x cap trims ~0.005 % of the mass
    assertThat(ThinkTime.constant(0)).isEqualTo(ThinkTime.NONE);
  }

  @Test
  void csvHandlesQuotesEscapesAndCrlf() throws Exception {
    assertThat(Csv.parse(new StringReader("a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\r\n\nlast,\n")))
        .containsExactly(List.of("a", "b"), List.of("x,1", "say \"hi\""), List.of("last", ""));
  }
}
