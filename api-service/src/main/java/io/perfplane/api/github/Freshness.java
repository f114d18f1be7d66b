package io.perfplane.api.github;

/**
 * Whether a dashboard's stored activity could be brought up to date from GitHub for this read.
 *
 * @param stale {@code true} when some user's data is older than {@code perfplane.api.github.max-age} and GitHub
 *     could not be asked (breaker open, rate limit spent, bulkhead full) or failed; the reader still gets the
 *     stored data
 */
public record Freshness(boolean stale) {

  public static final Freshness FRESH = new Freshness(false);
  public static final Freshness STALE = new Freshness(true);
}
