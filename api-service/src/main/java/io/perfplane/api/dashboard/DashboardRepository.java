package io.perfplane.api.dashboard;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.perfplane.api.dbtime.DbQueryTimer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Dashboard reads. Every statement is scoped by tenant id; none is issued per row (no N+1). */
@Repository
class DashboardRepository {

  /** A dashboard row as the overview needs it. */
  /** @param syncedAt the oldest last-sync among its users; null if any was never synced (or it has none) */
  record Header(long id, String slug, String name, long users, @Nullable Instant syncedAt) {
  }

  /** A dashboard row as the detail view needs it. */
  record Row(long id, String slug, String name, String layout) {
  }

  /** A dashboard as GraphQL resolves it; users are fetched for many dashboards at once. */
  record Node(long id, String slug, String name, String layout, int widgets) {
  }

  private static final String NODE_COLUMNS = """
      id, slug, name, layout::text as layout,
      case jsonb_typeof(layout -> 'widgets') when 'array' then jsonb_array_length(layout -> 'widgets') else 0 end
        as widgets""";

  private final JdbcClient jdbc;
  private final DbQueryTimer timer;

  DashboardRepository(JdbcClient jdbc, DbQueryTimer timer) {
    this.jdbc = jdbc;
    this.timer = timer;
  }

  long count(long tenantId) {
    return timer.time("dashboard.count", () -> jdbc
        .sql("select count(*) from dashboards where tenant_id = ?")
        .param(tenantId)
        .query(Long.class)
        .single());
  }

  List<DashboardViews.Summary> findPage(long tenantId, int limit, long offset) {
    return timer.time("dashboard.page", () -> jdbc
        .sql("""
            select slug, name,
                   case jsonb_typeof(layout -> 'widgets')
                     when 'array' then jsonb_array_length(layout -> 'widgets') else 0 end as widgets
            from dashboards
            where tenant_id = ?
            order by slug
            limit ? offset ?""")
        .params(tenantId, limit, offset)
        .query((rs, row) -> new DashboardViews.Summary(rs.getString("slug"), rs.getString("name"),
            rs.getInt("widgets")))
        .list());
  }

  Optional<Row> findRow(long tenantId, String slug) {
    return timer.time("dashboard.by-slug", () -> jdbc
        .sql("select id, slug, name, layout::text as layout from dashboards where tenant_id = ? and slug = ?")
        .params(tenantId, slug)
        .query((rs, row) -> new Row(rs.getLong("id"), rs.getString("slug"), rs.getString("name"),
            rs.getString("layout")))
        .optional());
  }

  Optional<Header> findHeader(long tenantId, String slug) {
    return timer.time("dashboard.overview.header", () -> jdbc
        .sql("""
            select d.id, d.slug, d.name, s.users, s.synced_at
            from dashboards d
            cross join lateral (
              select count(*) as users,
                     case when bool_or(u.synced_at is null) then null else min(u.synced_at) end as synced_at
              from dashboard_users du
              join github_users u on u.id = du.github_user_id
              where du.dashboard_id = d.id) s
            where d.tenant_id = ? and d.slug = ?""")
        .params(tenantId, slug)
        .query((rs, row) -> {
          OffsetDateTime syncedAt = rs.getObject("synced_at", OffsetDateTime.class);
          return new Header(rs.getLong("id"), rs.getString("slug"), rs.getString("name"), rs.getLong("users"),
              syncedAt == null ? null : syncedAt.toInstant());
        })
        .optional());
  }

  List<DashboardViews.User> findUsers(long dashboardId) {
    return timer.time("dashboard.users", () -> jdbc
        .sql("""
            select u.login, u.name
            from dashboard_users du
            join github_users u on u.id = du.github_user_id
            where du.dashboard_id = ?
            order by u.login""")
        .param(dashboardId)
        .query((rs, row) -> new DashboardViews.User(rs.getString("login"), rs.getString("name")))
        .list());
  }

  /** Activity counts per kind since {@code since} (inclusive); kinds without activity are absent. */
  Map<String, Long> countActivityByKind(long dashboardId, Instant since) {
    return timer.time("dashboard.overview.by-kind", () -> {
      Map<String, Long> counts = new LinkedHashMap<>();
      jdbc.sql("""
              select a.kind, count(*) as n
              from dashboard_users du
              join activities a on a.github_user_id = du.github_user_id and a.occurred_at >= ?
              where du.dashboard_id = ?
              group by a.kind""")
          .params(since.atOffset(ZoneOffset.UTC), dashboardId)
          .query(rs -> {
            counts.put(rs.getString("kind"), rs.getLong("n"));
          });
      return counts;
    });
  }

  /**
   * The {@code limit} most recent activities of the dashboard's users. The lateral subquery takes each user's
   * newest {@code limit} rows straight off index (github_user_id, occurred_at desc), so the cost is bounded by
   * users × limit however much history there is.
   */
  List<DashboardViews.Activity> findLatestActivities(long dashboardId, int limit) {
    return timer.time("dashboard.overview.latest", () -> jdbc
        .sql("""
            select u.login, a.kind, a.repo, a.title, a.occurred_at
            from dashboard_users du
            join github_users u on u.id = du.github_user_id
            cross join lateral (
              select x.id, x.kind, x.repo, x.title, x.occurred_at
              from activities x
              where x.github_user_id = du.github_user_id
              order by x.occurred_at desc, x.id desc
              limit ?) a
            where du.dashboard_id = ?
            order by a.occurred_at desc, a.id desc
            limit ?""")
        .params(limit, dashboardId, limit)
        .query((rs, row) -> new DashboardViews.Activity(rs.getString("login"), rs.getString("kind"),
            rs.getString("repo"), rs.getString("title"),
            rs.getObject("occurred_at", OffsetDateTime.class).toInstant()))
        .list());
  }

  List<Node> findNodes(long tenantId, int limit, long offset) {
    return timer.time("dashboard.nodes", () -> jdbc
        .sql("select " + NODE_COLUMNS + " from dashboards where tenant_id = ? order by slug limit ? offset ?")
        .params(tenantId, limit, offset)
        .query(DashboardRepository::node)
        .list());
  }

  Optional<Node> findNode(long tenantId, String slug) {
    return timer.time("dashboard.node", () -> jdbc
        .sql("select " + NODE_COLUMNS + " from dashboards where tenant_id = ? and slug = ?")
        .params(tenantId, slug)
        .query(DashboardRepository::node)
        .optional());
  }

  /** The users of each of {@code dashboardIds}, in one statement whatever their number (GraphQL batch loading). */
  Map<Long, List<DashboardViews.User>> findUsersOf(Collection<Long> dashboardIds) {
    return timer.time("dashboard.users-batch", () -> {
      Map<Long, List<DashboardViews.User>> users = new HashMap<>();
      jdbc.sql("""
              select du.dashboard_id, u.login, u.name
              from dashboard_users du
              join github_users u on u.id = du.github_user_id
              where du.dashboard_id = any(?)
              order by du.dashboard_id, u.login""")
          .param(dashboardIds.toArray(Long[]::new))
          .query(rs -> {
            users.computeIfAbsent(rs.getLong("dashboard_id"), id -> new ArrayList<>())
                .add(new DashboardViews.User(rs.getString("login"), rs.getString("name")));
          });
      return users;
    });
  }

  private static Node node(ResultSet rs, int row) throws SQLException {
    return new Node(rs.getLong("id"), rs.getString("slug"), rs.getString("name"), rs.getString("layout"),
        rs.getInt("widgets"));
  }
}
