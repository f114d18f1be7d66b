package io.perfplane.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Chart geometry checked against coordinates computed by hand from the documented formulas. */
class SvgChartTest {

  /** Four 1 s buckets; only the bucket count and length matter for the x axis. */
  private static Timeline fourSeconds() {
    List<Timeline.Bucket> buckets = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      buckets.add(new Timeline.Bucket(i, 1, 0, 0, 0, 0, 0, 0));
    }
    return new Timeline(1_000, 1, buckets);
  }

  @Test
  void lineHasHandComputedPointsAndBreaksAtGaps() {
    // WIDE: plot 1080 x 178 px from (64, 12). x = 64 + 1080 * (i + 0.5) / 4; values top at 40 (step 10):
    // y = 12 + 178 * (1 - v / 40): 10 -> 145.5, 20 -> 101.0, 40 -> 12.0. The NaN bucket breaks the line; the lone
    // last point is drawn as a dot.
    String svg = SvgChart.WIDE.render("t", fourSeconds(),
        List.of(new SvgChart.Series("p95", "#000", SvgChart.Style.LINE, new double[] {10, 20, Double.NaN, 40})),
        "latency (ms)", List.of());

    assertThat(svg).contains("data-series=\"p95\" stroke=\"#000\" d=\"M199.0,145.5 L469.0,101.0 M1009.0,12.0 h0\"");
    assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>");
  }

  @Test
  void axesHaveNiceTicksTimeLabelsAndUnits() {
    String svg = SvgChart.WIDE.render("t", fourSeconds(),
        List.of(new SvgChart.Series("rps", "#000", SvgChart.Style.AREA, new double[] {12, 63, 60, 58})),
        "throughput (req/s)", List.of());

    // max 63: step niceStep(12.6) = 20, top 80, ticks every 20
    assertThat(ticks(svg)).containsSequence("0", "20", "40", "60", "80").doesNotContain("16", "100");
    assertThat(svg).contains(">0:00<").contains(">0:04<").contains(">throughput (req/s)<")
        .contains(">time since start (m:ss)<");
    // area from the baseline (y = 190) along the values and back down
    assertThat(svg).contains("class=\"area\" fill=\"#000\" d=\"M199.0,190.0 L199.0,163.3 L469.0,49.8");
  }

  @Test
  void barsStartAtTheBaselineAndSkipEmptyBuckets() {
    String svg = SvgChart.WIDE.render("t", fourSeconds(),
        List.of(new SvgChart.Series("errors/s", "#c00", SvgChart.Style.BARS, new double[] {0, 5, Double.NaN, 10})),
        "errors (req/s)", List.of());

    // slot 270 px, bar 216 px centred on x; top 10: 5 -> y 101.0 (height 89.0), 10 -> y 12.0 (height 178.0)
    assertThat(svg).contains("<rect x=\"361.0\" y=\"101.0\" width=\"216.0\" height=\"89.0\"/>")
        .contains("<rect x=\"901.0\" y=\"12.0\" width=\"216.0\" height=\"178.0\"/>");
    assertThat(svg.split("<rect", -1)).hasSize(3);
  }

  @Test
  void stackedBarsStartWhereThePreviousSeriesEnded() {
    String svg = SvgChart.WIDE.render("t", fourSeconds(), List.of(
        new SvgChart.Series("5xx", "#c00", SvgChart.Style.STACKED_BARS, new double[] {0, 2, 0, 0}),
        new SvgChart.Series("timeout", "#333", SvgChart.Style.STACKED_BARS, new double[] {0, 3, 0, 1})),
        "errors (req/s)", List.of());

    // the stack of bucket 1 reaches 5 = the axis top (step 1): 5xx from 0 to 2 (y 190 -> 118.8), timeout from 2
    // to 5 (y 118.8 -> 12); bucket 3 has only its timeout, from 0 to 1 (y 190 -> 154.4)
    assertThat(svg).containsSubsequence("data-series=\"5xx\"", "<rect x=\"361.0\" y=\"118.8\" width=\"216.0\" "
        + "height=\"71.2\"/>", "data-series=\"timeout\"", "<rect x=\"361.0\" y=\"12.0\" width=\"216.0\" "
        + "height=\"106.8\"/>", "<rect x=\"901.0\" y=\"154.4\" width=\"216.0\" height=\"35.6\"/>");
  }

  @Test
  void markersAndLabelsAreEscaped() {
    String svg = SvgChart.WIDE.render("<script>alert(1)</script>", fourSeconds(),
        List.of(new SvgChart.Series("\"><img src=x onerror=alert(1)>", "#000", SvgChart.Style.LINE,
            new double[] {1, 2, 3, 4})),
        "ms", List.of(new SvgChart.Marker(2, "breach on <b>x</b>"), new SvgChart.Marker(99, "outside")));

    assertThat(svg).doesNotContain("<script>").doesNotContain("<img").doesNotContain("<b>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("data-series=\"&quot;&gt;&lt;img src=x")
        .contains("x1=\"604.0\"").contains("breach on &lt;b&gt;x&lt;/b&gt;").doesNotContain("outside");
  }

  @Test
  void niceStepsAndAxisTops() {
    assertThat(SvgChart.niceStep(8)).isEqualTo(10);
    assertThat(SvgChart.niceStep(1.2)).isEqualTo(2);
    assertThat(SvgChart.niceStep(0.22)).isEqualTo(0.25);
    assertThat(SvgChart.niceStep(300)).isEqualTo(500);
    assertThat(SvgChart.yStep(80)).isEqualTo(20);
    assertThat(SvgChart.yStep(60)).isEqualTo(10);
    assertThat(SvgChart.yStep(1500)).isEqualTo(250);
    assertThat(SvgChart.yMax(List.of(new SvgChart.Series("a", "#000", SvgChart.Style.LINE,
        new double[] {Double.NaN})))).isEqualTo(1);
    assertThat(SvgChart.clock(59)).isEqualTo("0:59");
    assertThat(SvgChart.clock(3725)).isEqualTo("1:02:05");
    assertThat(SvgChart.tick(2.5)).isEqualTo("2.5");
  }

  private static List<String> ticks(String svg) {
    List<String> ticks = new ArrayList<>();
    for (String part : svg.split("class=\"tick\"")) {
      int start = part.indexOf("text-anchor=\"end\">");
      if (start >= 0) {
        ticks.add(part.substring(start + "text-anchor=\"end\">".length(), part.indexOf('<', start)));
      }
    }
    return ticks;
  }
}
