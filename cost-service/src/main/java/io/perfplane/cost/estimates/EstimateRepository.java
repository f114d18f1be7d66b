package io.perfplane.cost.estimates;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.perfplane.cost.sizing.Estimate;
import io.perfplane.cost.sizing.LineItem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Estimates in PostgreSQL (schema {@code cost}), with history. Saving is idempotent per
 * (run, scenario, strategy, inputs fingerprint): a replayed capacity event adds no rows.
 */
@Repository
class EstimateRepository {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {
  };

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  EstimateRepository(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /**
   * Stores the estimates of one capacity event in one transaction. A replay (same inputs) adds no row but marks the
   * existing one priced again at {@code pricedAt}: the latest pricing of a run is then the one a reader sees, also
   * when a run id is analyzed again with the same result after a different one.
   *
   * @param estimates estimates with their inputs fingerprint and tfvars
   * @return how many were new (0 for a replay)
   */
  int saveAll(List<Fingerprinted> estimates, Instant pricedAt) {
    Integer saved = transactions.execute(status -> {
      int inserted = 0;
      for (Fingerprinted f : estimates) {
        if (insert(f, pricedAt).isPresent()) {
          inserted++;
        }
      }
      return inserted;
    });
    return saved == null ? 0 : saved;
  }

  private Optional<Long> insert(Fingerprinted f, Instant pricedAt) {
    Estimate e = f.estimate().estimate();
    // xmax = 0 only for a row this statement inserted, not for one it updated on conflict (PostgreSQL).
    Optional<Long> id = jdbc.sql("""
        insert into estimate (run_id, scenario, strategy, inputs_sha256, users_per_month, peak_rps, catalog_version,
          region, measured_at_us, priced_at, monthly_usd, cost_per_user_usd, growth_factor_10x, saving_usd,
          assumptions, tfvars, capacity_kind, monthly_usd_low, monthly_usd_high)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?)
        on conflict on constraint estimate_inputs_unique do update set priced_at = excluded.priced_at
        returning case when xmax = 0 then id end""")
        .params(f.estimate().runId(), e.scenario().name(), e.strategy().id(), f.inputsSha256(),
            e.scenario().usersPerMonth(), e.fleet().peakRps(), e.catalogVersion(), e.region(), f.estimate().atUs(),
            Timestamp.from(pricedAt), e.monthlyUsd(), e.costPerUserUsd(), e.growthFactor10x(), e.savingUsd(),
            JSON.writeValueAsString(e.assumptions()), JSON.writeValueAsString(f.tfvars()), e.capacityKind().name(),
            e.monthlyUsdLow(), e.monthlyUsdHigh())
        .query(Long.class).optional().filter(java.util.Objects::nonNull);
    id.ifPresent(estimateId -> {
      List<LineItem> items = e.items();
      for (int i = 0; i < items.size(); i++) {
        LineItem item = items.get(i);
        jdbc.sql("""
            insert into estimate_item (estimate_id, position, service, description, usage_type, quantity, unit,
              unit_price_usd, monthly_usd, assumption)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(estimateId, i, item.service(), item.description(), item.usageType(), item.quantity(),
                item.unit(), item.unitPriceUsd(), item.monthlyUsd(), item.assumption())
            .update();
      }
    });
    return id;
  }

  /** The latest estimate per (scenario, strategy) of a run, with items; empty for an unknown run. */
  List<StoredEstimate> latestForRun(String runId) {
    List<StoredEstimate> estimates = jdbc.sql("""
        select distinct on (scenario, strategy) * from estimate where run_id = ?
        order by scenario, strategy, priced_at desc, id desc""")
        .param(runId).query(EstimateRepository::estimate).list();
    if (estimates.isEmpty()) {
      return estimates;
    }
    Map<Long, List<StoredEstimate.Item>> items = new LinkedHashMap<>();
    jdbc.sql("select * from estimate_item where estimate_id = any(?) order by estimate_id, position")
        .param(estimates.stream().map(StoredEstimate::id).toArray(Long[]::new))
        .query((rs, row) -> {
          items.computeIfAbsent(rs.getLong("estimate_id"), k -> new ArrayList<>()).add(new StoredEstimate.Item(
              rs.getString("service"), rs.getString("description"), rs.getString("usage_type"),
              rs.getBigDecimal("quantity"), rs.getString("unit"), rs.getBigDecimal("unit_price_usd"),
              rs.getBigDecimal("monthly_usd"), rs.getString("assumption")));
          return null;
        }).list();
    return estimates.stream().map(e -> e.withItems(items.getOrDefault(e.id(), List.of()))).toList();
  }

  /** Estimates of one scenario and strategy, newest first, without items. */
  List<StoredEstimate> history(String scenario, String strategy, int limit) {
    return jdbc.sql("select * from estimate where scenario = ? and strategy = ? order by id desc limit ?")
        .params(scenario, strategy, limit).query(EstimateRepository::estimate).list();
  }

  /** The tfvars of the latest estimate of a run's scenario and strategy, as JSON text. */
  Optional<String> tfvars(String runId, String scenario, String strategy) {
    return jdbc.sql("""
        select tfvars::text from estimate where run_id = ? and scenario = ? and strategy = ?
        order by priced_at desc, id desc limit 1""")
        .params(runId, scenario, strategy).query(String.class).optional();
  }

  /** Rows stored for a run (all strategies, all versions). */
  long countForRun(String runId) {
    return jdbc.sql("select count(*) from estimate where run_id = ?").param(runId).query(Long.class).single();
  }

  private static StoredEstimate estimate(ResultSet rs, int row) throws SQLException {
    return new StoredEstimate(rs.getLong("id"), rs.getString("run_id"), rs.getString("scenario"),
        rs.getString("strategy"), rs.getLong("users_per_month"), rs.getBigDecimal("peak_rps"),
        rs.getString("catalog_version"), rs.getString("region"), rs.getLong("measured_at_us"),
        rs.getTimestamp("priced_at").toInstant(), rs.getBigDecimal("monthly_usd"),
        rs.getBigDecimal("cost_per_user_usd"), rs.getBigDecimal("growth_factor_10x"), rs.getBigDecimal("saving_usd"),
        JSON.readValue(rs.getString("assumptions"), STRING_MAP), rs.getString("capacity_kind"),
        rs.getBigDecimal("monthly_usd_low"), rs.getBigDecimal("monthly_usd_high"), List.of());
  }

  /**
   * An estimate ready to store.
   *
   * @param estimate the estimate
   * @param inputsSha256 fingerprint of everything it was computed from
   * @param tfvars its Terraform variables
   */
  record Fingerprinted(RunEstimate estimate, String inputsSha256, Map<String, Object> tfvars) {
  }
}
