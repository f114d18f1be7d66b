package io.perfplane.analyzer.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Server-side SVG chart over a {@link Timeline}'s buckets: lines (gaps where a bucket has no data), a filled area, or
 * bars, with a zero-based y axis rounded up to a 1/2/2.5/5 step, a time axis in minutes:seconds since the run's first
 * second, and vertical markers. No script, no external resource: it renders the same from a file opened offline.
 *
 * <p>A value of bucket {@code i} is drawn at the bucket's middle: {@code x = left + plotWidth * (i + 0.5) / buckets};
 * {@code y = top + plotHeight * (1 - value / yMax)}. Coordinates have one decimal.
 */
final class SvgChart {

  /** Chart size used for whole-run charts (px, viewBox units). */
  static final SvgChart WIDE = new SvgChart(1160, 230);
  /** Chart size used for per-endpoint small multiples. */
  static final SvgChart SMALL = new SvgChart(570, 200);

  static final int LEFT = 64;
  static final int RIGHT = 16;
  static final int TOP = 12;
  static final int BOTTOM = 40;
  private static final int Y_TICKS = 5;
  private static final int MAX_X_TICKS = 10;
  private static final long[] TIME_STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800,
      21_600, 43_200, 86_400};

  private final int width;
  private final int height;

  SvgChart(int width, int height) {
    this.width = width;
    this.height = height;
  }

  /** How a series is drawn. */
  enum Style {
    LINE,
    DASHED,
    /** A line with the area under it filled. */
    AREA,
    BARS,
    /** Bars stacked on the previous {@code STACKED_BARS} series of the chart (in series order). */
    STACKED_BARS
  }

  /**
   * One series: a value per bucket in the y axis unit; {@code NaN} means no data (a gap in a line, no bar).
   *
   * @param color CSS color (a constant of the renderer, never user input)
   */
  record Series(String name, String color, Style style, double[] values) {
  }

  /** A vertical line at {@code offsetSeconds} after the timeline start, with a tooltip. */
  record Marker(double offsetSeconds, String label) {
  }

  int plotWidth() {
    return width - LEFT - RIGHT;
  }

  int plotHeight() {
    return height - TOP - BOTTOM;
  }

  /**
   * The chart as an inline {@code <svg>} element.
   *
   * @param title accessible name of the chart
   * @param timeline bucket geometry (count and length) of the x axis
   * @param yLabel y axis title with its unit
   */
  String render(String title, Timeline timeline, List<Series> series, String yLabel, List<Marker> markers) {
    int buckets = Math.max(1, timeline.buckets().size());
    double spanSeconds = (double) buckets * timeline.bucketSeconds();
    double yMax = yMax(series);
    StringBuilder svg = new StringBuilder(8192);
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(width).append(' ')
        .append(height).append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\">");
    svg.append("<title>").append(Html.escape(title)).append("</title>");
    yAxis(svg, yMax, yLabel);
    xAxis(svg, spanSeconds);
    double[] stackBase = new double[buckets];
    for (Series s : series) {
      switch (s.style()) {
        case BARS -> bars(svg, s, buckets, yMax, new double[buckets]);
        case STACKED_BARS -> bars(svg, s, buckets, yMax, stackBase);
        case AREA -> {
          area(svg, s, buckets, yMax);
          line(svg, s, buckets, yMax, false);
        }
        case LINE -> line(svg, s, buckets, yMax, false);
        case DASHED -> line(svg, s, buckets, yMax, true);
      }
    }
    for (Marker marker : markers) {
      if (marker.offsetSeconds() < 0 || marker.offsetSeconds() > spanSeconds) {
        continue;
      }
      double x = LEFT + plotWidth() * marker.offsetSeconds() / spanSeconds;
      svg.append("<line class=\"marker\" x1=\"").append(num(x)).append("\" y1=\"").append(TOP).append("\" x2=\"")
          .append(num(x)).append("\" y2=\"").append(TOP + plotHeight()).append("\"><title>")
          .append(Html.escape(marker.label())).append("</title></line>");
    }
    return svg.append("</svg>").toString();
  }

  /** The top of the y axis: the largest value rounded up to a whole number of nice steps; 1 without data. */
  static double yMax(List<Series> series) {
    double max = 0;
    double[] stacked = new double[0];
    for (Series s : series) {
      double[] values = s.values();
      if (s.style() == Style.STACKED_BARS && stacked.length < values.length) {
        stacked = Arrays.copyOf(stacked, values.length);
      }
      for (int i = 0; i < values.length; i++) {
        double v = values[i];
        if (!Double.isNaN(v)) {
          max = Math.max(max, v);
          if (s.style() == Style.STACKED_BARS) {
            stacked[i] += v;
            max = Math.max(max, stacked[i]);
          }
        }
      }
    }
    if (max <= 0) {
      return 1;
    }
    double step = niceStep(max / Y_TICKS);
    return Math.ceil(max / step - 1e-9) * step;
  }

  /** The y tick step for an axis topped at {@link #yMax}: a nice step dividing it into at most six ticks. */
  static double yStep(double yMax) {
    double step = niceStep(yMax / (Y_TICKS + 1));
    while (Math.abs(yMax / step - Math.rint(yMax / step)) > 1e-6) {
      step = niceStep(step * 1.0001);
    }
    return step;
  }

  /** The smallest 1, 2, 2.5 or 5 times a power of ten at least {@code raw}. */
  static double niceStep(double raw) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double fraction = raw / magnitude;
    double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
    return nice * magnitude;
  }

  double x(int bucket, int buckets) {
    return LEFT + plotWidth() * (bucket + 0.5) / buckets;
  }

  double y(double value, double yMax) {
    return TOP + plotHeight() * (1 - value / yMax);
  }

  private void line(StringBuilder svg, Series s, int buckets, double yMax, boolean dashed) {
    StringBuilder d = new StringBuilder();
    int run = 0; // points in the current segment
    for (int i = 0; i < Math.min(buckets, s.values().length); i++) {
      double v = s.values()[i];
      if (Double.isNaN(v)) {
        if (run == 1) {
          d.append(" h0"); // a lone point: a round cap makes it a dot
        }
        run = 0;
        continue;
      }
      d.append(d.isEmpty() ? "" : " ").append(run == 0 ? 'M' : 'L').append(num(x(i, buckets))).append(',')
          .append(num(y(v, yMax)));
      run++;
    }
    if (run == 1) {
      d.append(" h0");
    }
    if (d.isEmpty()) {
      return;
    }
    svg.append("<path class=\"line").append(dashed ? " dashed" : "").append("\" data-series=\"")
        .append(Html.escape(s.name())).append("\" stroke=\"").append(s.color()).append("\" d=\"").append(d)
        .append("\"><title>").append(Html.escape(s.name())).append("</title></path>");
  }

  private void area(StringBuilder svg, Series s, int buckets, double yMax) {
    StringBuilder d = new StringBuilder();
    double base = TOP + plotHeight();
    int n = Math.min(buckets, s.values().length);
    for (int i = 0; i < n; i++) {
      double v = Double.isNaN(s.values()[i]) ? 0 : s.values()[i];
      if (i == 0) {
        d.append('M').append(num(x(0, buckets))).append(',').append(num(base));
      }
      d.append(" L").append(num(x(i, buckets))).append(',').append(num(y(v, yMax)));
    }
    if (n == 0) {
      return;
    }
    d.append(" L").append(num(x(n - 1, buckets))).append(',').append(num(base)).append(" Z");
    svg.append("<path class=\"area\" fill=\"").append(s.color()).append("\" d=\"").append(d).append("\"/>");
  }

  /** Bars from {@code base} (per bucket, in the series' unit) up by each value; {@code base} is raised by them. */
  private void bars(StringBuilder svg, Series s, int buckets, double yMax, double[] base) {
    double slot = (double) plotWidth() / buckets;
    double barWidth = Math.max(1, slot * 0.8);
    svg.append("<g class=\"bars\" data-series=\"").append(Html.escape(s.name())).append("\" fill=\"")
        .append(s.color()).append("\">");
    for (int i = 0; i < Math.min(buckets, s.values().length); i++) {
      double v = s.values()[i];
      if (Double.isNaN(v) || v <= 0) {
        continue;
      }
      double bottom = y(base[i], yMax);
      double top = y(base[i] + v, yMax);
      base[i] += v;
      svg.append("<rect x=\"").append(num(x(i, buckets) - barWidth / 2)).append("\" y=\"").append(num(top))
          .append("\" width=\"").append(num(barWidth)).append("\" height=\"").append(num(bottom - top))
          .append("\"/>");
    }
    svg.append("</g>");
  }

  private void yAxis(StringBuilder svg, double yMax, String yLabel) {
    double step = yStep(yMax);
    long ticks = Math.round(yMax / step);
    for (int i = 0; i <= ticks; i++) {
      double value = step * i;
      double y = y(value, yMax);
      svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" y1=\"").append(num(y)).append("\" x2=\"")
          .append(LEFT + plotWidth()).append("\" y2=\"").append(num(y)).append("\"/>");
      svg.append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(num(y + 4))
          .append("\" text-anchor=\"end\">").append(tick(value)).append("</text>");
    }
    double middle = TOP + plotHeight() / 2.0;
    svg.append("<text class=\"axis-title\" transform=\"translate(14,").append(num(middle))
        .append(") rotate(-90)\" text-anchor=\"middle\">").append(Html.escape(yLabel)).append("</text>");
  }

  private void xAxis(StringBuilder svg, double spanSeconds) {
    long step = TIME_STEPS[TIME_STEPS.length - 1];
    for (long candidate : TIME_STEPS) {
      if (spanSeconds / candidate <= MAX_X_TICKS) {
        step = candidate;
        break;
      }
    }
    double base = TOP + plotHeight();
    svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(num(base)).append("\" x2=\"")
        .append(LEFT + plotWidth()).append("\" y2=\"").append(num(base)).append("\"/>");
    for (long t = 0; t <= spanSeconds; t += step) {
      double x = LEFT + plotWidth() * t / spanSeconds;
      svg.append("<line class=\"axis\" x1=\"").append(num(x)).append("\" y1=\"").append(num(base))
          .append("\" x2=\"").append(num(x)).append("\" y2=\"").append(num(base + 4)).append("\"/>");
      svg.append("<text class=\"tick\" x=\"").append(num(x)).append("\" y=\"").append(num(base + 16))
          .append("\" text-anchor=\"middle\">").append(clock(t)).append("</text>");
    }
    svg.append("<text class=\"axis-title\" x=\"").append(num(LEFT + plotWidth() / 2.0)).append("\" y=\"")
        .append(height - 4).append("\" text-anchor=\"middle\">time since start (m:ss)</text>");
  }

  /** Seconds as m:ss, or h:mm:ss from one hour. */
  static String clock(long seconds) {
    long h = seconds / 3600;
    long m = seconds % 3600 / 60;
    long s = seconds % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
  }

  /** A tick value without trailing zeros (0.5, 2.5, 100). */
  static String tick(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    String text = String.format(Locale.ROOT, "%.3f", value);
    return text.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  static String num(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
