package io.perfplane.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LocalDatabaseTest {

  @Test
  void usesTheConfiguredUrlAsGiven() {
    try (LocalDatabase db = LocalDatabase.resolve(Map.of("PERFPLANE_DB_URL", "jdbc:postgresql://db.example:5432/x",
        "PERFPLANE_DB_USER", "app", "PERFPLANE_DB_PASSWORD", "s3cret"), "ignored")) {
      assertThat(db.connection().jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5432/x");
      assertThat(db.connection().user()).isEqualTo("app");
      assertThat(db.connection().origin()).isEqualTo("configured");
      assertThat(db.connection().toString()).doesNotContain("s3cret");
    }
  }

  @Test
  void createsTheDatabaseOnTheLocalServer() throws SQLException {
    try (LocalDatabase db = LocalDatabase.resolve(Map.of(), "perfplane_runtime_test")) {
      assertThat(db.connection().origin()).isEqualTo("local server");
      assertThat(currentDatabase(db.connection())).isEqualTo("perfplane_runtime_test");
    }
    // resolving again finds it instead of failing to create it twice
    try (LocalDatabase again = LocalDatabase.resolve(Map.of(), "perfplane_runtime_test")) {
      assertThat(currentDatabase(again.connection())).isEqualTo("perfplane_runtime_test");
    }
  }

  @Test
  void fallsBackToEmbeddedPostgresWhenNoServerAnswers() throws SQLException {
    String nothingListens = "jdbc:postgresql://127.0.0.1:" + FreePorts.find() + "/";
    try (LocalDatabase db = LocalDatabase.resolve(Map.of(), "perfplane_embedded", nothingListens)) {
      assertThat(db.connection().origin()).isEqualTo("embedded");
      assertThat(currentDatabase(db.connection())).isEqualTo("perfplane_embedded");
    }
  }

  @Test
  void refusesDatabaseNamesThatAreNotIdentifiers() {
    assertThatThrownBy(() -> LocalDatabase.resolve(Map.of(), "x; drop database postgres"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String currentDatabase(DatabaseConnection c) throws SQLException {
    try (Connection connection = DriverManager.getConnection(c.jdbcUrl(), c.user(), c.password());
        ResultSet rows = connection.createStatement().executeQuery("select current_database()")) {
      rows.next();
      return rows.getString(1);
    }
  }
}
