package io.perfplane.api.github;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Brings tracked users' activity up to date from GitHub. Upstream trouble never reaches the caller: it gets
 * {@link Freshness#STALE} and serves what is stored. No database connection is held while GitHub is called.
 */
@Service
@EnableConfigurationProperties(GithubProperties.class)
public class GithubSync {

  private static final Logger log = LoggerFactory.getLogger(GithubSync.class);

  private final GithubClient client;
  private final GithubSyncRepository repository;
  private final GithubProperties properties;
  private final Clock clock;
  /** Until when GitHub said the rate limit is spent: no request is sent before then. */
  private final AtomicReference<Instant> rateLimitedUntil = new AtomicReference<>(Instant.MIN);

  GithubSync(GithubClient client, GithubSyncRepository repository, GithubProperties properties, Clock clock) {
    this.client = client;
    this.repository = repository;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * With {@code perfplane.api.github.sync-on-read}, syncs the users of the tenant's dashboard {@code slug} whose
   * data is older than {@code max-age}; otherwise does nothing and reports fresh.
   */
  public Freshness refreshDashboard(long tenantId, String slug) {
    if (!properties.syncOnRead()) {
      return Freshness.FRESH;
    }
    boolean stale = false;
    for (TrackedUser user : repository.dashboardUsers(tenantId, slug)) {
      if (isDue(user) && sync(user).isEmpty()) {
        stale = true;
      }
    }
    return stale ? Freshness.STALE : Freshness.FRESH;
  }

  private boolean isDue(TrackedUser user) {
    return user.syncedAt() == null || user.syncedAt().plus(properties.maxAge()).isBefore(clock.instant());
  }

  /** Forgets a rate-limit reset time reported by GitHub (it is kept in memory only). */
  void forgetRateLimit() {
    rateLimitedUntil.set(Instant.MIN);
  }

  /** Syncs one user; returns the number of new activities, or empty if GitHub could not be used. */
  Optional<Integer> sync(TrackedUser user) {
    Instant now = clock.instant();
    if (now.isBefore(rateLimitedUntil.get())) {
      return Optional.empty();
    }
    try {
      List<SyncedActivity> activities = client.userEvents(user.login()).stream()
          .flatMap(event -> GithubEventMapping.toActivity(event).stream())
          .toList();
      return Optional.of(repository.store(user, activities, now));
    } catch (GithubRateLimitedException e) {
      rateLimitedUntil.accumulateAndGet(e.resetAt(), (a, b) -> a.isAfter(b) ? a : b);
      log.warn("GitHub rate limit exhausted until {}; serving stored data", e.resetAt());
    } catch (GithubLoginUnknownException e) {
      // GitHub answered: the account is gone or renamed, and what is stored is all there will be.
      log.info("{}; keeping its stored activity", e.getMessage());
      return Optional.of(repository.store(user, List.of(), now));
    } catch (CallNotPermittedException | BulkheadFullException | RequestNotPermitted e) {
      // Load shedding by design: no log line per refused call.
      log.debug("GitHub call for {} not permitted: {}", user.login(), e.getMessage());
    } catch (GithubUnavailableException e) {
      log.warn("GitHub unavailable syncing {}: {}", user.login(), e.getMessage());
    } catch (RuntimeException e) {
      // Whatever else goes wrong upstream, the reader still gets the stored data.
      log.warn("Syncing {} from GitHub failed", user.login(), e);
    }
    return Optional.empty();
  }
}
