package io.perfplane.api.activity;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import io.perfplane.api.paging.Page;
import io.perfplane.api.system.InvalidParameterException;
import io.perfplane.api.system.ReadOnlyTransaction;
import io.perfplane.api.tenant.Tenant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** One read-only transaction per request: a consistent count and page, on one pooled connection. */
@Service
class ActivityQueries {

  private final ActivityRepository activities;
  private final Clock clock;

  ActivityQueries(ActivityRepository activities, Clock clock) {
    this.activities = activities;
    this.clock = clock;
  }

  @ReadOnlyTransaction
  Page<UserActivity> userActivities(Tenant tenant, String login, @Nullable Instant from, @Nullable Instant to,
      int page, int size) {
    TimeRange range;
    try {
      range = TimeRange.of(from, to, clock);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("from", Objects.requireNonNullElse(e.getMessage(), "is invalid"));
    }
    long userId = activities.findUserId(tenant.id(), login).orElseThrow(() -> new GithubUserNotFoundException(login));
    long total = activities.count(userId, range);
    return Page.of(activities.findPage(userId, login, range, size, Page.offset(page, size)), page, size, total);
  }
}
