package io.perfplane.api.generator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.perfplane.api.tenant.TenantsChanged;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Generates a {@link Scale} into a tenant of its own. Idempotent: every row has a natural key and is inserted with
 * {@code ON CONFLICT DO NOTHING}, so re-running creates nothing twice. Resumable: activities go in batches, each
 * committed together with the run's checkpoint, so a run killed midway continues from the last committed batch.
 */
@Service
@EnableConfigurationProperties(DataGenerator.Settings.class)
class DataGenerator {

  /**
   * {@code perfplane.api.generator.*}.
   *
   * @param batchSize activities per transaction (and per progress line)
   */
  @ConfigurationProperties("perfplane.api.generator")
  record Settings(@DefaultValue("20000") int batchSize) {
  }

  /**
   * What a run did.
   *
   * @param resumedFrom activities already committed when this run started (0 for a fresh run)
   */
  public record Result(long tenantId, int usersInserted, int dashboardsInserted, int membersInserted,
      long activitiesInserted, long resumedFrom, Duration took) {
  }

  private final GeneratorRepository repository;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final int batchSize;

  DataGenerator(GeneratorRepository repository, TransactionTemplate transactions, Clock clock,
      ApplicationEventPublisher events, Settings settings) {
    this.repository = repository;
    this.transactions = transactions;
    this.clock = clock;
    this.events = events;
    this.batchSize = settings.batchSize();
  }

  public Result generate(Scale scale, GeneratorProgress progress) {
    return generate(scale, batchSize, progress);
  }

  /** As {@link #generate(Scale, GeneratorProgress)} with {@code batchSize} activities per transaction. */
  public Result generate(Scale scale, int batchSize, GeneratorProgress progress) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive");
    }
    long started = System.nanoTime();
    GeneratorRepository.Run run = inTransaction(() -> repository.startOrResume(scale, clock.instant()));
    long tenantId = run.tenantId();
    int users = inTransaction(() -> repository.insertUsers(tenantId, scale.users()));
    int dashboards = inTransaction(() -> repository.insertDashboards(tenantId, scale.dashboards()));
    int members = inTransaction(() -> repository.insertDashboardUsers(tenantId, scale.users(),
        scale.usersPerDashboard()));

    long resumedFrom = Math.min(run.activitiesDone(), scale.activities());
    long activities = 0;
    for (long from = resumedFrom; from < scale.activities(); from += batchSize) {
      long batchStart = from;
      long batchEnd = Math.min(from + batchSize, scale.activities());
      int inserted = inTransaction(() ->
          repository.insertActivities(tenantId, scale.users(), run.anchor(), batchStart, batchEnd));
      activities += inserted;
      progress.batchCommitted(batchEnd, scale.activities(), inserted);
    }
    Instant now = clock.instant();
    transactions.executeWithoutResult(status -> repository.complete(tenantId, now));
    return new Result(tenantId, users, dashboards, members, activities, resumedFrom,
        Duration.ofNanos(System.nanoTime() - started));
  }

  /** Removes every generated tenant with all its data; demo and real tenants are untouched. */
  public int cleanup() {
    int deleted = inTransaction(repository::deleteGenerated);
    events.publishEvent(new TenantsChanged());
    return deleted;
  }

  private <T> T inTransaction(java.util.function.Supplier<T> work) {
    T result = transactions.execute(status -> work.get());
    if (result == null) {
      throw new IllegalStateException("transaction returned nothing");
    }
    return result;
  }
}
