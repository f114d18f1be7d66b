package io.perfplane.api.tenant;

import java.util.Optional;

import io.perfplane.api.dbtime.DbQueryTimer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class TenantRepository {

  private final JdbcClient jdbc;
  private final DbQueryTimer timer;

  TenantRepository(JdbcClient jdbc, DbQueryTimer timer) {
    this.jdbc = jdbc;
    this.timer = timer;
  }

  Optional<Tenant> findByApiKeyHash(String apiKeyHash) {
    return timer.time("tenant.by-api-key", () -> jdbc
        .sql("select id, name, plan from tenants where api_key_hash = ?")
        .param(apiKeyHash)
        .query((rs, row) -> new Tenant(rs.getLong("id"), rs.getString("name"), Plan.fromDb(rs.getString("plan"))))
        .optional());
  }
}
