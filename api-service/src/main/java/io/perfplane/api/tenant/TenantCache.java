package io.perfplane.api.tenant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Remembers which tenant an API-key hash resolved to for a short time-to-live, so a busy client costs one
 * {@code tenants} lookup per TTL instead of one per request (a pool checkout and a database round trip on every
 * read). Only tenants are cached, never responses: everything a request returns is still read fresh.
 *
 * <p>Unknown keys are not cached (a typo fixed by inserting the tenant works at once, and random keys cannot fill
 * the map). {@link TenantsChanged} clears everything; a tenant deleted or re-keyed by another process is seen
 * after at most {@code perfplane.api.tenant-cache-ttl}. The map is bounded: past {@link #MAX_ENTRIES} keys it
 * starts over rather than evicting one by one, which only costs a lookup per key.
 */
@Component
class TenantCache {

  static final int MAX_ENTRIES = 10_000;

  private record Entry(Tenant tenant, Instant expiresAt) {
  }

  private final TenantRepository tenants;
  private final Clock clock;
  private final Duration ttl;
  private final ConcurrentMap<String, Entry> byApiKeyHash = new ConcurrentHashMap<>();

  TenantCache(TenantRepository tenants, Clock clock,
      @Value("${perfplane.api.tenant-cache-ttl:10s}") Duration ttl) {
    this.tenants = tenants;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** The tenant owning {@code apiKeyHash} (see {@link ApiKeyHash}), from memory when looked up less than a TTL ago. */
  Optional<Tenant> findByApiKeyHash(String apiKeyHash) {
    Instant now = clock.instant();
    Entry entry = byApiKeyHash.get(apiKeyHash);
    if (entry != null && now.isBefore(entry.expiresAt())) {
      return Optional.of(entry.tenant());
    }
    Optional<Tenant> tenant = tenants.findByApiKeyHash(apiKeyHash);
    if (tenant.isPresent() && ttl.isPositive()) {
      if (byApiKeyHash.size() >= MAX_ENTRIES) {
        byApiKeyHash.clear();
      }
      byApiKeyHash.put(apiKeyHash, new Entry(tenant.get(), now.plus(ttl)));
    } else {
      byApiKeyHash.remove(apiKeyHash);
    }
    return tenant;
  }

  @EventListener(TenantsChanged.class)
  void clear() {
    byApiKeyHash.clear();
  }
}
