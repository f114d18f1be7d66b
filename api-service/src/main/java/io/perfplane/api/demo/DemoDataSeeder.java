package io.perfplane.api.demo;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.perfplane.api.tenant.ApiKeyHash;
import io.perfplane.api.tenant.TenantsChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Inserts {@link DemoDataset} at startup when {@code perfplane.api.demo-data=true}. Every insert is
 * {@code ON CONFLICT DO NOTHING} on a natural key, so it is safe to run repeatedly and from several instances at
 * once: a concurrent seeder blocks on the first conflicting row until the other commits, then skips it. Runners
 * complete before the readiness probe reports ACCEPTING_TRAFFIC.
 */
@Component
@ConditionalOnBooleanProperty("perfplane.api.demo-data")
class DemoDataSeeder implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoDataSeeder.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  DemoDataSeeder(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
    this.events = events;
  }

  @Override
  public void run(ApplicationArguments args) {
    seed();
  }

  /** Seeds every demo tenant in one transaction; returns the number of rows inserted (0 when already seeded). */
  int seed() {
    List<DemoDataset.Tenant> tenants = DemoDataset.generate(clock);
    Integer inserted = transactions.execute(status -> tenants.stream().mapToInt(this::seed).sum());
    int rows = inserted == null ? 0 : inserted;
    // A re-seed after tenants were deleted gives them new ids: resolved API keys must not keep the old ones.
    events.publishEvent(new TenantsChanged());
    // Tenant names only: API keys are secrets and never logged.
    log.info("Demo data for {}: {} rows inserted",
        tenants.stream().map(DemoDataset.Tenant::name).toList(), rows);
    return rows;
  }

  private int seed(DemoDataset.Tenant tenant) {
    String keyHash = ApiKeyHash.sha256Hex(tenant.apiKey());
    int rows = jdbc.sql("insert into tenants (name, plan, api_key_hash) values (?, ?, ?) on conflict do nothing")
        .params(tenant.name(), tenant.plan().dbValue(), keyHash)
        .update();
    long tenantId = jdbc.sql("select id from tenants where api_key_hash = ?").param(keyHash)
        .query(Long.class).single();

    for (DemoDataset.User user : tenant.users()) {
      rows += jdbc.sql("""
              insert into github_users (tenant_id, login, name, avatar_url) values (?, ?, ?, ?)
              on conflict do nothing""")
          .params(tenantId, user.login(), user.name(), user.avatarUrl())
          .update();
    }
    Map<String, Long> userIds = ids("select login as key, id from github_users where tenant_id = ?", tenantId);

    for (DemoDataset.Dashboard dashboard : tenant.dashboards()) {
      rows += jdbc.sql("""
              insert into dashboards (tenant_id, slug, name, layout) values (?, ?, ?, ?::jsonb)
              on conflict do nothing""")
          .params(tenantId, dashboard.slug(), dashboard.name(), dashboard.layout())
          .update();
    }
    Map<String, Long> dashboardIds = ids("select slug as key, id from dashboards where tenant_id = ?", tenantId);

    for (DemoDataset.Dashboard dashboard : tenant.dashboards()) {
      for (String login : dashboard.logins()) {
        rows += jdbc.sql("""
                insert into dashboard_users (tenant_id, dashboard_id, github_user_id) values (?, ?, ?)
                on conflict do nothing""")
            .params(tenantId, dashboardIds.get(dashboard.slug()), userIds.get(login))
            .update();
      }
    }

    for (DemoDataset.Activity activity : tenant.activities()) {
      rows += jdbc.sql("""
              insert into activities (tenant_id, github_user_id, source_id, kind, repo, title, occurred_at)
              values (?, ?, ?, ?, ?, ?, ?)
              on conflict do nothing""")
          .params(tenantId, userIds.get(activity.login()), activity.sourceId(), activity.kind().value(),
              activity.repo(), activity.title(), activity.occurredAt().atOffset(ZoneOffset.UTC))
          .update();
    }
    return rows;
  }

  private Map<String, Long> ids(String sql, long tenantId) {
    return jdbc.sql(sql).param(tenantId)
        .query((rs, row) -> Map.entry(rs.getString("key"), rs.getLong("id")))
        .list().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
