package io.perfplane.analyzer.baseline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Baseline entries in PostgreSQL (table {@code baseline_entry} of the analyzer's schema, the connection's search
 * path). Entries are only ever added: the history of a name is every entry it had, the current one its highest
 * version.
 */
class BaselineRepository {

  private static final String COLUMNS = "name, version, run_id, set_at, set_by, note";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;

  /**
   * @param clock stamps {@link BaselineEntry#setAt()}
   */
  BaselineRepository(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * Adds the next version of {@code name}. Versions are numbered under a transaction-scoped advisory lock per name,
   * so concurrent calls (on any analyzer instance) get consecutive versions; the primary key (name, version) would
   * refuse a duplicate anyway.
   *
   * @param snapshotJson the run's histograms document, JSON
   */
  BaselineEntry add(String name, String runId, String setBy, @Nullable String note, String snapshotJson) {
    // PostgreSQL keeps microseconds: the entry returned is the one stored.
    Instant setAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Integer version = transactions.execute(status -> {
      jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('perfplane-baseline:' || :name))::text")
          .param("name", name).query(String.class).single();
      return jdbc.sql("INSERT INTO baseline_entry (name, version, run_id, set_at, set_by, note, snapshot) "
              + "SELECT CAST(:name AS varchar), COALESCE(MAX(version), 0) + 1, CAST(:runId AS text), "
              + "CAST(:setAt AS timestamptz), CAST(:setBy AS text), CAST(:note AS text), CAST(:snapshot AS jsonb) "
              + "FROM baseline_entry WHERE name = :name RETURNING version")
          .param("name", name).param("runId", runId)
          .param("setAt", OffsetDateTime.ofInstant(setAt, ZoneOffset.UTC))
          .param("setBy", setBy).param("note", note).param("snapshot", snapshotJson)
          .query(Integer.class).single();
    });
    return new BaselineEntry(name, runId, Objects.requireNonNull(version), setAt, setBy, note);
  }

  /** The current entry of every name, sorted by name. */
  List<BaselineEntry> current() {
    return jdbc.sql("SELECT DISTINCT ON (name) " + COLUMNS + " FROM baseline_entry ORDER BY name, version DESC")
        .query(BaselineRepository::entry).list();
  }

  /** The current entry of {@code name} with its snapshot; empty when the name was never set. */
  Optional<Snapshot> current(String name) {
    return jdbc.sql("SELECT " + COLUMNS + ", snapshot::text AS snapshot FROM baseline_entry WHERE name = :name "
            + "ORDER BY version DESC LIMIT 1")
        .param("name", name)
        .query((rs, row) -> new Snapshot(entry(rs, row), rs.getString("snapshot"))).optional();
  }

  /** Every entry of {@code name}, newest first; empty when the name was never set. */
  List<BaselineEntry> history(String name) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM baseline_entry WHERE name = :name ORDER BY version DESC")
        .param("name", name).query(BaselineRepository::entry).list();
  }

  private static BaselineEntry entry(ResultSet rs, int row) throws SQLException {
    return new BaselineEntry(rs.getString("name"), rs.getString("run_id"), rs.getInt("version"),
        rs.getObject("set_at", OffsetDateTime.class).toInstant(), rs.getString("set_by"), rs.getString("note"));
  }

  /**
   * An entry with the histograms document it snapshotted.
   *
   * @param histogramsJson the run's {@code GET /runs/{runId}/histograms} document when the entry was set, JSON
   */
  record Snapshot(BaselineEntry entry, String histogramsJson) {
  }
}
