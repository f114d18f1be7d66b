package io.perfplane.api.tenant;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Session tokens issued by {@code POST /api/login}: each stands for the tenant whose API key logged in, until it
 * expires ({@code perfplane.api.session-ttl}) or is logged out. Kept in memory, so a token is only known to the
 * instance that issued it (the demo target runs one; several replicas would need sticky sessions or a shared store).
 * Tokens are 256 random bits; only their tenant is stored, never the API key. At most {@link #MAX_SESSIONS} live at
 * once: a full store first drops its expired sessions, then refuses new logins rather than ending live ones.
 */
@Component
class SessionStore {

  static final int MAX_SESSIONS = 100_000;

  private record Session(Tenant tenant, Instant expiresAt) {
  }

  private final SecureRandom random = new SecureRandom();
  private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration ttl;

  SessionStore(Clock clock, @Value("${perfplane.api.session-ttl:1h}") Duration ttl) {
    if (!ttl.isPositive()) {
      throw new IllegalArgumentException("perfplane.api.session-ttl must be positive, was " + ttl);
    }
    this.clock = clock;
    this.ttl = ttl;
  }

  /** How long a new session lives. */
  Duration ttl() {
    return ttl;
  }

  /** A new session for {@code tenant}; empty when {@link #MAX_SESSIONS} live sessions exist. */
  Optional<String> open(Tenant tenant) {
    Instant now = clock.instant();
    if (sessions.size() >= MAX_SESSIONS) {
      sessions.values().removeIf(s -> !now.isBefore(s.expiresAt()));
      if (sessions.size() >= MAX_SESSIONS) {
        return Optional.empty();
      }
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    sessions.put(token, new Session(tenant, now.plus(ttl)));
    return Optional.of(token);
  }

  /** The tenant of a live session. */
  Optional<Tenant> find(String token) {
    Session session = sessions.get(token);
    if (session == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(session.expiresAt())) {
      sessions.remove(token, session);
      return Optional.empty();
    }
    return Optional.of(session.tenant());
  }

  /** Ends a session; false when it was not live. */
  boolean close(String token) {
    return sessions.remove(token) != null;
  }

  /** A tenant changed (re-keyed, deleted): sessions opened with its old key must not outlive that. */
  @EventListener(TenantsChanged.class)
  void clear() {
    sessions.clear();
  }
}
