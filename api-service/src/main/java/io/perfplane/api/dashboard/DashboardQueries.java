package io.perfplane.api.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.perfplane.api.activity.ActivityKind;
import io.perfplane.api.github.Freshness;
import io.perfplane.api.paging.Page;
import io.perfplane.api.system.ReadOnlyTransaction;
import io.perfplane.api.tenant.Tenant;
import org.springframework.stereotype.Service;

/**
 * The dashboard reads. Each runs in one read-only transaction: its few statements see one snapshot and share one
 * pooled connection.
 */
@Service
class DashboardQueries {

  /** Window of {@code activityByKind}. */
  static final Duration ACTIVITY_WINDOW = Duration.ofDays(7);
  /** Entries in {@code latest}. */
  static final int LATEST_LIMIT = 20;

  private final DashboardRepository dashboards;
  private final Clock clock;

  DashboardQueries(DashboardRepository dashboards, Clock clock) {
    this.dashboards = dashboards;
    this.clock = clock;
  }

  @ReadOnlyTransaction
  Page<DashboardViews.Summary> list(Tenant tenant, int page, int size) {
    long total = dashboards.count(tenant.id());
    return Page.of(dashboards.findPage(tenant.id(), size, Page.offset(page, size)), page, size, total);
  }

  @ReadOnlyTransaction
  DashboardViews.Detail detail(Tenant tenant, String slug) {
    DashboardRepository.Row row = dashboards.findRow(tenant.id(), slug)
        .orElseThrow(() -> new DashboardNotFoundException(slug));
    return new DashboardViews.Detail(row.slug(), row.name(), row.layout(), dashboards.findUsers(row.id()));
  }

  @ReadOnlyTransaction
  DashboardViews.Overview overview(Tenant tenant, String slug, Freshness freshness) {
    Instant now = clock.instant();
    DashboardRepository.Header header = dashboards.findHeader(tenant.id(), slug)
        .orElseThrow(() -> new DashboardNotFoundException(slug));
    Map<String, Long> counted = dashboards.countActivityByKind(header.id(), now.minus(ACTIVITY_WINDOW));
    return new DashboardViews.Overview(header.slug(), header.name(), header.users(), everyKind(counted),
        dashboards.findLatestActivities(header.id(), LATEST_LIMIT), now, freshness.stale(), header.syncedAt());
  }

  @ReadOnlyTransaction
  Page<DashboardRepository.Node> nodes(Tenant tenant, int page, int size) {
    long total = dashboards.count(tenant.id());
    return Page.of(dashboards.findNodes(tenant.id(), size, Page.offset(page, size)), page, size, total);
  }

  @ReadOnlyTransaction
  Optional<DashboardRepository.Node> node(Tenant tenant, String slug) {
    return dashboards.findNode(tenant.id(), slug);
  }

  /** Users per dashboard id; ids come from the caller's own nodes, so they are already tenant-scoped. */
  @ReadOnlyTransaction
  Map<Long, List<DashboardViews.User>> usersOf(Collection<Long> dashboardIds) {
    return dashboardIds.isEmpty() ? Map.of() : dashboards.findUsersOf(dashboardIds);
  }

  /** A stable shape for clients: every kind in declaration order, 0 when absent. */
  static Map<String, Long> everyKind(Map<String, Long> counted) {
    Map<String, Long> byKind = new LinkedHashMap<>();
    for (ActivityKind kind : ActivityKind.values()) {
      byKind.put(kind.value(), counted.getOrDefault(kind.value(), 0L));
    }
    return byKind;
  }
}
