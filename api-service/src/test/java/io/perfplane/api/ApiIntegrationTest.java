package io.perfplane.api;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Base of the integration tests: the whole service on a random port against the real PostgreSQL ({@code test}
 * database, schema {@code api_service_test}), demo data seeded at startup, time fixed at {@link #NOW}. All
 * subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@ActiveProfiles("test")
@Import(SqlStatementCounter.class)
public abstract class ApiIntegrationTest {

  /** The fixed "now" of every integration test; demo timestamps are relative to it. */
  public static final Instant NOW = Instant.parse("2026-10-31T12:00:00Z");
  public static final String CANDY_CORN_KEY = "ccl-demo-key";
  public static final String HAUNTED_HOLLOW_KEY = "hh-demo-key";

  @TestBean(name = "clock", methodName = "io.perfplane.api.ApiIntegrationTest#fixedClock")
  protected Clock clock;

  @Autowired
  protected RestTestClient client;

  @Autowired
  protected JdbcClient jdbc;

  static Clock fixedClock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  /** A GET with {@code apiKey} as tenant credentials. */
  protected RestTestClient.ResponseSpec get(String apiKey, String uri, Object... uriVariables) {
    return client.get().uri(uri, uriVariables)
        .header("X-Api-Key", apiKey)
        .exchange();
  }

  /** The id of the demo tenant named {@code name}, read fresh (the seeder test re-creates tenants). */
  protected long tenantId(String name) {
    return jdbc.sql("select id from tenants where name = ?").param(name).query(Long.class).single();
  }
}
