package io.perfplane.api.dashboard;

import io.perfplane.api.paging.Page;
import io.perfplane.api.tenant.Tenant;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/dashboards")
class DashboardController {

  private final DashboardQueries queries;

  DashboardController(DashboardQueries queries) {
    this.queries = queries;
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

  /** The read the load profiles hit: four indexed statements including the tenant lookup. */
  @GetMapping("/{slug}/overview")
  DashboardViews.Overview overview(Tenant tenant, @PathVariable String slug) {
    return queries.overview(tenant, slug);
  }
}
