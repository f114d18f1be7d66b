package io.perfplane.api.activity;

import java.time.Instant;

import io.perfplane.api.paging.Page;
import io.perfplane.api.tenant.Tenant;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ActivityController {

  private final ActivityQueries queries;

  ActivityController(ActivityQueries queries) {
    this.queries = queries;
  }

  /**
   * A user's activities in {@code [from, to)} (ISO-8601 instants; default: the last 30 days), newest first.
   */
  @GetMapping("/api/users/{login}/activities")
  Page<UserActivity> activities(Tenant tenant, @PathVariable String login,
      @RequestParam(required = false) @Nullable Instant from,
      @RequestParam(required = false) @Nullable Instant to,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
    return queries.userActivities(tenant, login, from, to, page, size);
  }
}
