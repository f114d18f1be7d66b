package io.perfplane.api.dashboard;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.perfplane.api.github.Freshness;
import io.perfplane.api.github.GithubSync;
import io.perfplane.api.paging.Page;
import io.perfplane.api.tenant.Tenant;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping("/api/dashboards")
class DashboardController {

  private final DashboardQueries queries;
  private final DashboardCommands commands;
  private final GithubSync github;

  DashboardController(DashboardQueries queries, DashboardCommands commands, GithubSync github) {
    this.queries = queries;
    this.commands = commands;
    this.github = github;
  }

  /**
   * Creates a dashboard; 201 with {@code Location} and the same body as {@code GET /api/dashboards/{slug}}.
   * Invalid input is 400 problem+json with {@code errors: [{field, message}]}; a taken slug is 409.
   */
  @PostMapping
  ResponseEntity<DashboardViews.Detail> create(Tenant tenant, @RequestBody NewDashboard input) {
    String slug = commands.create(tenant, input);
    URI location = UriComponentsBuilder.fromPath("/api/dashboards/{slug}").buildAndExpand(slug).toUri();
    return ResponseEntity.created(location).body(queries.detail(tenant, slug));
  }

  @ExceptionHandler
  ProblemDetail invalidDashboard(DashboardRuleViolation violation) {
    return fieldProblem(HttpStatus.BAD_REQUEST, violation.field(), violation.getMessage());
  }

  @ExceptionHandler
  ProblemDetail slugTaken(DashboardSlugTakenException taken) {
    return fieldProblem(HttpStatus.CONFLICT, "slug", taken.getMessage());
  }

  private static ProblemDetail fieldProblem(HttpStatus status, String field, @Nullable String message) {
    String text = message == null ? "is invalid" : message;
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "Invalid field '" + field + "': " + text);
    problem.setProperty("errors", List.of(Map.of("field", field, "message", text)));
    return problem;
  }

  /** The tenant's dashboards ordered by slug. */
  @GetMapping
  Page<DashboardViews.Summary> list(Tenant tenant,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
    return queries.list(tenant, page, size);
  }

  @GetMapping("/{slug}")
  DashboardViews.Detail detail(Tenant tenant, @PathVariable String slug) {
    return queries.detail(tenant, slug);
  }

  /**
   * The read the load profiles hit: three indexed statements in one read-only transaction (the API key's tenant
   * normally comes from the tenant cache). With GitHub sync on read, users whose data is too old are refreshed
   * first, outside the read transaction; if GitHub cannot be used the stored data is served with
   * {@code stale: true}.
   */
  @GetMapping("/{slug}/overview")
  DashboardViews.Overview overview(Tenant tenant, @PathVariable String slug) {
    Freshness freshness = github.refreshDashboard(tenant.id(), slug);
    return queries.overview(tenant, slug, freshness);
  }
}
