package io.perfplane.analyzer.runs;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.perfplane.analyzer.report.HtmlReport;
import io.perfplane.analyzer.report.ReportModel;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /runs/{runId}/report.html}: the self-contained HTML run report ({@code ?download=true} saves it as a
 * file). The page has no script; the Content-Security-Policy forbids any anyway, so even a label that escaped
 * escaping could not run.
 */
@RestController
class ReportPageController {

  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

  private final ReportModels models;

  ReportPageController(ReportModels models) {
    this.models = models;
  }

  @GetMapping("/runs/{runId}/report.html")
  ResponseEntity<?> report(@PathVariable String runId,
      @RequestParam(name = "download", defaultValue = "false") boolean download) {
    Optional<ReportModel> model = models.find(runId);
    if (model.isEmpty()) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
          "no run with runId '" + runId + "'");
      problem.setTitle("Run not found");
      problem.setProperty("field", "runId");
      problem.setProperty("runId", runId);
      return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(problem);
    }
    ResponseEntity.BodyBuilder response = ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff");
    if (download) {
      response.header(HttpHeaders.CONTENT_DISPOSITION,
          ContentDisposition.attachment().filename(fileName(runId)).build().toString());
    }
    return response.body(HtmlReport.render(model.get()));
  }

  /** {@code perfplane-run-<id>.html} with anything but letters, digits, '.', '_' and '-' replaced by '_'. */
  static String fileName(String runId) {
    return "perfplane-run-" + runId.replaceAll("[^A-Za-z0-9._-]", "_") + ".html";
  }
}
