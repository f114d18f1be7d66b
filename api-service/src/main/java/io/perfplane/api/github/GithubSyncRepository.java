package io.perfplane.api.github;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.perfplane.api.dbtime.DbQueryTimer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class GithubSyncRepository {

  private final JdbcClient jdbc;
  private final DbQueryTimer timer;

  GithubSyncRepository(JdbcClient jdbc, DbQueryTimer timer) {
    this.jdbc = jdbc;
    this.timer = timer;
  }

  /** The users on the tenant's dashboard {@code slug}; empty for an unknown or foreign slug. */
  List<TrackedUser> dashboardUsers(long tenantId, String slug) {
    return timer.time("github.dashboard-users", () -> jdbc
        .sql("""
            select u.id, u.tenant_id, u.login, u.synced_at
            from dashboards d
            join dashboard_users du on du.dashboard_id = d.id
            join github_users u on u.id = du.github_user_id
            where d.tenant_id = ? and d.slug = ?
            order by u.login""")
        .params(tenantId, slug)
        .query((rs, row) -> {
          OffsetDateTime syncedAt = rs.getObject("synced_at", OffsetDateTime.class);
          return new TrackedUser(rs.getLong("id"), rs.getLong("tenant_id"), rs.getString("login"),
              syncedAt == null ? null : syncedAt.toInstant());
        })
        .list());
  }

  /**
   * Stores {@code activities} of {@code user} (events already stored are skipped: GitHub's event id is the key)
   * and stamps the user as synced at {@code syncedAt}, atomically. Returns the number of new activities.
   */
  @Transactional
  int store(TrackedUser user, List<SyncedActivity> activities, Instant syncedAt) {
    return timer.time("github.store", () -> {
      int inserted = 0;
      for (SyncedActivity activity : activities) {
        inserted += jdbc.sql("""
                insert into activities (tenant_id, github_user_id, source_id, kind, repo, title, occurred_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (tenant_id, source_id) do nothing""")
            .params(user.tenantId(), user.id(), activity.sourceId(), activity.kind().value(), activity.repo(),
                activity.title(), utc(activity.occurredAt()))
            .update();
      }
      jdbc.sql("update github_users set synced_at = ? where id = ?")
          .params(utc(syncedAt), user.id())
          .update();
      return inserted;
    });
  }

  // pgjdbc binds OffsetDateTime to timestamptz but has no mapping for Instant.
  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
