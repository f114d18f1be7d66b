package io.perfplane.api.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import io.perfplane.api.ApiIntegrationTest;
import io.perfplane.api.SqlStatementCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The API-key cache: one {@code tenants} lookup per key and TTL, unknown keys never remembered, and
 * {@link TenantsChanged} honoured by the service's own cache. Dashboards are read fresh regardless (only the
 * tenant is cached), which the re-created-tenant case shows: new rows become visible as soon as the key is
 * resolved again.
 */
class TenantCacheTest extends ApiIntegrationTest {

  private static final String KEY = "cache-labs-key";
  private static final Duration TTL = Duration.ofSeconds(10);

  @Autowired
  private TenantRepository repository;
  @Autowired
  private ApplicationEventPublisher events;

  private final MutableClock time = new MutableClock(NOW);

  @AfterEach
  void deleteTenant() {
    jdbc.sql("delete from tenants where name = 'Cache Labs'").update();
    events.publishEvent(new TenantsChanged());
  }

  @Test
  void looksAKeyUpOnceWithinTheTtlAndAgainAfterIt() {
    long id = createTenant();
    TenantCache cache = new TenantCache(repository, time, TTL);

    assertThat(lookups(cache)).isEqualTo(1);
    time.advance(TTL.minusMillis(1));
    assertThat(lookups(cache)).isZero();
    time.advance(Duration.ofMillis(1));
    assertThat(lookups(cache)).isEqualTo(1);
    assertThat(cache.findByApiKeyHash(ApiKeyHash.sha256Hex(KEY))).map(Tenant::id).contains(id);
  }

  @Test
  void neverRemembersAnUnknownKey() {
    TenantCache cache = new TenantCache(repository, time, TTL);
    assertThat(cache.findByApiKeyHash(ApiKeyHash.sha256Hex(KEY))).isEmpty();

    long id = createTenant();

    assertThat(cache.findByApiKeyHash(ApiKeyHash.sha256Hex(KEY))).map(Tenant::id).contains(id);
  }

  @Test
  void aZeroTtlDisablesCaching() {
    createTenant();
    TenantCache cache = new TenantCache(repository, time, Duration.ZERO);

    assertThat(lookups(cache)).isEqualTo(1);
    assertThat(lookups(cache)).isEqualTo(1);
  }

  @Test
  void theServiceForgetsResolvedKeysWhenTenantsChange() {
    createTenant();
    get(KEY, "/api/dashboards/cached").expectStatus().isOk();

    // Deleted and re-created behind the service's back (new id): the remembered id owns nothing any more.
    jdbc.sql("delete from tenants where name = 'Cache Labs'").update();
    createTenant();
    get(KEY, "/api/dashboards/cached").expectStatus().isNotFound();

    events.publishEvent(new TenantsChanged());
    get(KEY, "/api/dashboards/cached").expectStatus().isOk();

    jdbc.sql("delete from tenants where name = 'Cache Labs'").update();
    events.publishEvent(new TenantsChanged());
    get(KEY, "/api/dashboards/cached").expectStatus().isUnauthorized();
  }

  private long createTenant() {
    long id = jdbc.sql("insert into tenants (name, plan, api_key_hash) values ('Cache Labs', 'basic', ?) returning id")
        .param(ApiKeyHash.sha256Hex(KEY)).query(Long.class).single();
    jdbc.sql("insert into dashboards (tenant_id, slug, name) values (?, 'cached', 'Cached')").param(id).update();
    return id;
  }

  /** Statements one resolution of {@link #KEY} issued. */
  private static int lookups(TenantCache cache) {
    SqlStatementCounter.reset();
    Optional<Tenant> tenant = cache.findByApiKeyHash(ApiKeyHash.sha256Hex(KEY));
    assertThat(tenant).isPresent();
    return SqlStatementCounter.count();
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {

    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
