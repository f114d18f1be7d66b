package io.perfplane.api.user;

import io.perfplane.api.paging.Page;
import io.perfplane.api.system.ReadOnlyTransaction;
import io.perfplane.api.tenant.Tenant;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class UserSearchController {

  private final UserSearchRepository users;

  UserSearchController(UserSearchRepository users) {
    this.users = users;
  }

  /**
   * The tenant's tracked GitHub users whose login or name contains {@code q} (case-insensitive; empty: all),
   * ordered by login.
   */
  @GetMapping("/api/users")
  @ReadOnlyTransaction
  Page<TrackedUserView> search(Tenant tenant,
      @RequestParam(defaultValue = "") @Size(max = 100) String q,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
    long total = users.count(tenant.id(), q);
    return Page.of(users.find(tenant.id(), q, size, Page.offset(page, size)), page, size, total);
  }
}
