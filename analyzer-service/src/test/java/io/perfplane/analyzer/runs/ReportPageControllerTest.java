package io.perfplane.analyzer.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.perfplane.analyzer.stream.TestRuns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** {@code GET /runs/{id}/report.html} over the real topology's stores (TopologyTestDriver). */
class ReportPageControllerTest {

  private static final String HOSTILE_ENDPOINT = "GET /<script>alert(document.cookie)</script>";

  @TempDir
  Path stateDir;

  private TestRuns runs;
  private MockMvc mvc;

  @BeforeEach
  void setUp() {
    runs = new TestRuns(DemoRun.SETTINGS, stateDir);
    DriverRunStores stores = new DriverRunStores(runs.driver);
    ReportModels models = new ReportModels(stores, new RunReports(stores, DemoRun.SETTINGS),
        Clock.fixed(Instant.parse("2027-01-15T10:05:00Z"), ZoneOffset.UTC));
    mvc = MockMvcBuilders.standaloneSetup(new ReportPageController(models)).build();
  }

  @AfterEach
  void tearDown() {
    runs.close();
  }

  @Test
  void servesTheReportInlineWithAStrictContentSecurityPolicy() throws Exception {
    runs.pipeSeconds("r-1", "GET /api/items", 0, 29, 10, 20_000, false);
    runs.pipeSeconds("r-1", HOSTILE_ENDPOINT, 0, 29, 5, 40_000, true);

    String body = mvc.perform(get("/runs/{id}/report.html", "r-1"))
        .andExpect(status().isOk())
        .andExpect(content().contentType("text/html;charset=UTF-8"))
        .andExpect(header().string("Content-Security-Policy", ReportPageController.CONTENT_SECURITY_POLICY))
        .andExpect(header().doesNotExist("Content-Disposition"))
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

    assertThat(body).contains("<h1>Run <span class=\"runid\">r-1</span>").contains("<b>450</b>")
        .contains("GET /api/items").contains("GET /&lt;script&gt;alert(document.cookie)&lt;/script&gt;")
        .doesNotContain("<script");
    // 30 one-second buckets: one latency chart per endpoint plus the three whole-run charts and corrected vs raw
    assertThat(body.split("<svg ", -1)).hasSize(1 + 3 + 2 + 1);
    assertThat(body).contains("status</th>").contains("overall-errors").contains("running");
    // every error of the hostile endpoint was an HTTP 500: one stacked series, nothing unclassified
    assertThat(body).contains("<g class=\"bars\" data-series=\"HTTP 5xx\"").doesNotContain("unclassified");
  }

  @Test
  void downloadSavesItAsAFile() throws Exception {
    runs.pipeSeconds("r:2 ü", "GET /a", 0, 1, 5, 1_000, false);

    mvc.perform(get("/runs/{id}/report.html?download=true", "r:2 ü"))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Disposition", "attachment; filename=\"perfplane-run-r_2__.html\""));
  }

  @Test
  void unknownRunIsAProblem() throws Exception {
    mvc.perform(get("/runs/{id}/report.html", "nope"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
        .andExpect(jsonPath("$.field").value("runId"))
        .andExpect(jsonPath("$.runId").value("nope"));
  }
}
