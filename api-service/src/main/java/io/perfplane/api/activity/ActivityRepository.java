package io.perfplane.api.activity;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.perfplane.api.dbtime.DbQueryTimer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads one user's activities; both range queries are served by index (github_user_id, occurred_at desc). */
@Repository
class ActivityRepository {

  private final JdbcClient jdbc;
  private final DbQueryTimer timer;

  ActivityRepository(JdbcClient jdbc, DbQueryTimer timer) {
    this.jdbc = jdbc;
    this.timer = timer;
  }

  Optional<Long> findUserId(long tenantId, String login) {
    return timer.time("activity.user", () -> jdbc
        .sql("select id from github_users where tenant_id = ? and login = ?")
        .params(tenantId, login)
        .query(Long.class)
        .optional());
  }

  long count(long userId, TimeRange range) {
    return timer.time("activity.count", () -> jdbc
        .sql("""
            select count(*) from activities
            where github_user_id = ? and occurred_at >= ? and occurred_at < ?""")
        .params(userId, utc(range.from()), utc(range.to()))
        .query(Long.class)
        .single());
  }

  List<UserActivity> findPage(long userId, String login, TimeRange range, int limit, long offset) {
    return timer.time("activity.page", () -> jdbc
        .sql("""
            select kind, repo, title, occurred_at from activities
            where github_user_id = ? and occurred_at >= ? and occurred_at < ?
            order by occurred_at desc, id desc
            limit ? offset ?""")
        .params(userId, utc(range.from()), utc(range.to()), limit, offset)
        .query((rs, row) -> new UserActivity(login, rs.getString("kind"), rs.getString("repo"),
            rs.getString("title"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant()))
        .list());
  }

  // pgjdbc binds OffsetDateTime to timestamptz but has no mapping for Instant.
  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
