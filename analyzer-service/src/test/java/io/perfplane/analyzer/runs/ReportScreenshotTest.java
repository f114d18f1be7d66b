package io.perfplane.analyzer.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import io.perfplane.analyzer.report.HtmlReport;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The report of a real run (real topology, real controller and renderer) rendered by headless Chromium from a file
 * URL with networking off: it must draw the charts offline. {@code ./perfplane test} installs Chromium (Debian package
 * {@code chromium}), and under it (or CI) a missing Chromium fails this test; a bare {@code ./mvnw verify} skips it with
 * a message pointing to that command. The HTML and the screenshot stay in
 * {@code target/report-screenshots/} for a human look.
 */
class ReportScreenshotTest {

  static final Path CHROMIUM = Path.of(System.getProperty("perfplane.chromium", "/usr/bin/chromium"));
  static final int WIDTH = 1280;
  static final int HEIGHT = 2000;

  @TempDir
  Path stateDir;

  @TempDir
  Path profileDir;

  @Test
  void reportOfARealRunRendersOfflineInHeadlessChromium() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      String message = "headless Chromium (" + CHROMIUM + ") is missing: Debian package chromium "
          + "(apt-get install -y chromium) or -Dperfplane.chromium=PATH";
      boolean strict = "true".equalsIgnoreCase(System.getenv("PERFPLANE_TEST_STRICT"))
          || "true".equalsIgnoreCase(System.getenv("CI"));
      assertThat(strict).as("%s; ./perfplane test installs it, so its absence here is an error", message).isFalse();
      Assumptions.abort(message + "; skipped: run ./perfplane test, which installs it and skips nothing");
    }

    Path out = Path.of("target", "report-screenshots").toAbsolutePath();
    Files.createDirectories(out);
    Path html = out.resolve("run-report.html");
    Path png = out.resolve("run-report.png");
    Files.deleteIfExists(png);
    try (DemoRun demo = new DemoRun(stateDir)) {
      demo.play();
      MockMvc mvc = MockMvcBuilders.standaloneSetup(new ReportPageController(demo.models)).build();
      String body = mvc.perform(get("/runs/{id}/report.html", DemoRun.RUN_ID)).andReturn().getResponse()
          .getContentAsString(StandardCharsets.UTF_8);
      assertThat(body).contains("<svg").contains("demo-run").contains("data-series=\"HTTP 5xx\"")
          .contains("data-series=\"HTTP 4xx\"").contains("data-series=\"timeout\"").doesNotContain("unclassified");
      Files.writeString(html, body, StandardCharsets.UTF_8);
    }

    screenshot(html, png);

    assertThat(png).exists();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(WIDTH);
    assertThat(image.getHeight()).isEqualTo(HEIGHT);
    assertThat(luminanceVariance(image)).as("a blank page has no variance").isGreaterThan(100);
    // The series colours must appear in the chart area: the SVG lines, area and bars were painted.
    int chartTop = 250;
    assertThat(pixelsNear(image, HtmlReport.P95_COLOR, chartTop)).as("p95 line pixels").isGreaterThan(200);
    assertThat(pixelsNear(image, HtmlReport.P50_COLOR, chartTop)).as("p50 line pixels").isGreaterThan(200);
    assertThat(pixelsNear(image, HtmlReport.RPS_COLOR, chartTop)).as("throughput line pixels").isGreaterThan(200);
    assertThat(pixelsNear(image, HtmlReport.ERROR_COLOR, chartTop)).as("error bar pixels").isGreaterThan(100);
  }

  private void screenshot(Path html, Path png) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--hide-scrollbars",
        "--user-data-dir=" + profileDir, "--screenshot=" + png, "--window-size=" + WIDTH + "," + HEIGHT,
        html.toUri().toString()));
    Path log = png.resolveSibling("chromium.log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    // Generous: the machine is shared; a hang is reported, not waited on forever.
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("chromium did not finish within 180 s; see " + log);
    }
    assertThat(process.exitValue()).as("chromium exit code; output in %s", log).isZero();
  }

  private static double luminanceVariance(BufferedImage image) {
    double sum = 0;
    double sumSquares = 0;
    long n = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y);
        double l = 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
        sum += l;
        sumSquares += l * l;
        n++;
      }
    }
    double mean = sum / n;
    return sumSquares / n - mean * mean;
  }

  /** Pixels below {@code top} within a small distance of {@code hex} (anti-aliasing blends edges). */
  private static int pixelsNear(BufferedImage image, String hex, int top) {
    int target = Integer.parseInt(hex.substring(1), 16);
    int count = 0;
    for (int y = top; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int dr = (rgb >> 16 & 0xff) - (target >> 16 & 0xff);
        int dg = (rgb >> 8 & 0xff) - (target >> 8 & 0xff);
        int db = (rgb & 0xff) - (target & 0xff);
        if (dr * dr + dg * dg + db * db < 30 * 30) {
          count++;
        }
      }
    }
    return count;
  }
}
