package io.perfplane.api.generator;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import io.perfplane.api.tenant.ApiKeyHash;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The generator's SQL. Rows are derived in PostgreSQL from {@code generate_series} and hashes of the row number, so
 * row n is the same on every run (deterministic), a million activities need no round trips per row, and each
 * insert is {@code ON CONFLICT DO NOTHING} on a natural key (idempotent).
 */
@Repository
class GeneratorRepository {

  /** A generated tenant's progress. */
  record Run(long tenantId, int users, int dashboards, long activities, Instant anchor, long activitiesDone,
      boolean completed) {
  }

  private final JdbcClient jdbc;

  GeneratorRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Creates the scale's tenant and run row if absent; adopts the requested counts; returns the run. */
  Run startOrResume(Scale scale, Instant now) {
    jdbc.sql("""
            insert into tenants (name, plan, api_key_hash, generated) values (?, 'premium', ?, true)
            on conflict do nothing""")
        .params(scale.tenantName(), ApiKeyHash.sha256Hex(scale.apiKey()))
        .update();
    long tenantId = jdbc.sql("select id from tenants where name = ? and generated")
        .param(scale.tenantName())
        .query(Long.class)
        .optional()
        .orElseThrow(() -> new IllegalStateException("'" + scale.tenantName() + "' exists and is not generated"));
    jdbc.sql("""
            insert into generator_runs (tenant_id, users, dashboards, activities, anchor) values (?, ?, ?, ?, ?)
            on conflict (tenant_id) do update
              set users = excluded.users, dashboards = excluded.dashboards, activities = excluded.activities,
                  completed_at = null""")
        .params(tenantId, scale.users(), scale.dashboards(), scale.activities(), utc(now))
        .update();
    return run(tenantId).orElseThrow();
  }

  Optional<Run> run(long tenantId) {
    return jdbc.sql("""
            select tenant_id, users, dashboards, activities, anchor, activities_done, completed_at is not null as done
            from generator_runs where tenant_id = ?""")
        .param(tenantId)
        .query((rs, row) -> new Run(rs.getLong("tenant_id"), rs.getInt("users"), rs.getInt("dashboards"),
            rs.getLong("activities"), rs.getObject("anchor", OffsetDateTime.class).toInstant(),
            rs.getLong("activities_done"), rs.getBoolean("done")))
        .optional();
  }

  int insertUsers(long tenantId, int users) {
    return jdbc.sql("""
            insert into github_users (tenant_id, login, name, avatar_url)
            select ?, 'gen-user-' || lpad(n::text, 7, '0'), 'Generated User ' || n,
                   'https://avatars.githubusercontent.com/gen-user-' || n
            from generate_series(1, ?) n
            on conflict do nothing""")
        .params(tenantId, users)
        .update();
  }

  int insertDashboards(long tenantId, int dashboards) {
    return jdbc.sql("""
            insert into dashboards (tenant_id, slug, name, layout)
            select ?, 'gen-dash-' || lpad(n::text, 5, '0'), 'Generated dashboard ' || n,
                   '{"columns": 2, "widgets": [{"type": "activity-by-kind"}, {"type": "latest-activity"}]}'::jsonb
            from generate_series(1, ?) n
            on conflict do nothing""")
        .params(tenantId, dashboards)
        .update();
  }

  /** Dashboard n follows {@code perDashboard} consecutive users starting at user (n * 7) mod users. */
  int insertDashboardUsers(long tenantId, int users, int perDashboard) {
    return jdbc.sql("""
            insert into dashboard_users (tenant_id, dashboard_id, github_user_id)
            select d.tenant_id, d.id, u.id
            from dashboards d
            cross join generate_series(0, ? - 1) m
            join github_users u on u.tenant_id = d.tenant_id
              and u.login = 'gen-user-' || lpad(((substring(d.slug from 10)::int * 7 + m) % ? + 1)::text, 7, '0')
            where d.tenant_id = ?
            on conflict do nothing""")
        .params(perDashboard, users, tenantId)
        .update();
  }

  /**
   * Inserts activities numbered {@code [from, to)} and moves the checkpoint to {@code to}; call in one
   * transaction so the checkpoint never runs ahead of the data. Activity n belongs to user hash(n) mod users,
   * is one of the five kinds with pushes weighted most, and happened up to 30 days before {@code anchor}.
   */
  int insertActivities(long tenantId, int users, Instant anchor, long from, long to) {
    int inserted = jdbc.sql("""
            with ids as (
              select array_agg(id order by login) as id
              from github_users where tenant_id = ? and login like 'gen-user-%')
            insert into activities (tenant_id, github_user_id, source_id, kind, repo, title, occurred_at)
            select ?, ids.id[1 + (abs(hashint8(n)::bigint) % ?)],
                   'gen-' || n,
                   k.kind,
                   'gen-org/repo-' || (abs(hashint8(n * 13)::bigint) % 50),
                   case k.kind
                     when 'push' then 'Pushed ' || (1 + abs(hashint8(n * 7)::bigint) % 5) || ' commits to main'
                     when 'pull_request' then 'Opened pull request #' || (n % 100000)
                     when 'review' then 'Reviewed pull request #' || (n % 100000)
                     when 'issue' then 'Opened issue #' || (n % 100000)
                     else 'Commented on #' || (n % 100000) end,
                   ?::timestamptz - make_interval(secs => abs(hashint8(n * 17)::bigint) % (30 * 86400) + 1)
            from generate_series(?::bigint, ?::bigint - 1) n
            cross join ids
            cross join lateral (
              select (array['push', 'push', 'push', 'push', 'push', 'push', 'push', 'push',
                            'pull_request', 'pull_request', 'pull_request', 'pull_request',
                            'review', 'review', 'review', 'issue', 'issue', 'comment', 'comment', 'comment'])
                     [1 + abs(hashint8(n * 31)::bigint) % 20] as kind) k
            on conflict (tenant_id, source_id) do nothing""")
        .params(tenantId, tenantId, users, utc(anchor), from, to)
        .update();
    jdbc.sql("update generator_runs set activities_done = ? where tenant_id = ?").params(to, tenantId).update();
    return inserted;
  }

  void complete(long tenantId, Instant now) {
    jdbc.sql("update generator_runs set completed_at = ? where tenant_id = ?").params(utc(now), tenantId).update();
  }

  /** Deletes every generated tenant and, by cascade, all their rows; returns the number of tenants. */
  int deleteGenerated() {
    return jdbc.sql("delete from tenants where generated").update();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
