package io.perfplane.runtime;

/**
 * How to reach a PostgreSQL database.
 *
 * @param jdbcUrl JDBC URL including the database name
 * @param user user name
 * @param password password (never printed: {@link #toString()} masks it)
 * @param origin where it came from: {@code configured}, {@code local server} or {@code embedded}
 */
public record DatabaseConnection(String jdbcUrl, String user, String password, String origin) {

  @Override
  public String toString() {
    return "DatabaseConnection[" + jdbcUrl + " as " + user + ", " + origin + "]";
  }
}
