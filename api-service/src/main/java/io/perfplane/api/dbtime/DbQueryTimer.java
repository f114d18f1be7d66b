package io.perfplane.api.dbtime;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Times every repository call: records it in the Micrometer timer {@value #METER} (tag {@code query}, percentile
 * histogram published so Prometheus can aggregate quantiles across instances) and adds it to the current HTTP
 * request's total, which {@link DbQueryDurationHeaderAdvice} reports as {@code X-Db-Query-Duration}.
 *
 * <p>The measured span is the JDBC call including result mapping; pool checkout is included only for calls
 * outside a transaction (inside one, the connection was already taken when the transaction began).
 */
@Component
public class DbQueryTimer {

  /** Micrometer meter name; Prometheus exposes it as {@code perfplane_api_db_query_seconds}. */
  public static final String METER = "perfplane.api.db.query";

  private static final String REQUEST_TOTAL = DbQueryTimer.class.getName() + ".requestTotalNanos";

  private final MeterRegistry registry;
  private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

  DbQueryTimer(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Runs {@code call}, timing it under {@code query}.
   *
   * @param query a low-cardinality name of the statement, e.g. {@code dashboard.overview.latest}
   */
  public <T> T time(String query, Supplier<T> call) {
    long start = System.nanoTime();
    try {
      return call.get();
    } finally {
      long elapsedNanos = System.nanoTime() - start;
      timers.computeIfAbsent(query, this::newTimer).record(elapsedNanos, TimeUnit.NANOSECONDS);
      addToCurrentRequest(elapsedNanos);
    }
  }

  private Timer newTimer(String query) {
    return Timer.builder(METER)
        .description("Time spent in PostgreSQL per repository call")
        .tag("query", query)
        .publishPercentileHistogram()
        .register(registry);
  }

  private static void addToCurrentRequest(long nanos) {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    if (attributes == null) {
      return; // not serving a request (e.g. the demo seeder)
    }
    Object total = attributes.getAttribute(REQUEST_TOTAL, RequestAttributes.SCOPE_REQUEST);
    if (total instanceof AtomicLong sum) {
      sum.addAndGet(nanos);
    } else {
      attributes.setAttribute(REQUEST_TOTAL, new AtomicLong(nanos), RequestAttributes.SCOPE_REQUEST);
    }
  }

  /** Nanoseconds {@code request} has spent in the database so far; 0 if it made no timed call. */
  static long requestTotalNanos(HttpServletRequest request) {
    return request.getAttribute(REQUEST_TOTAL) instanceof AtomicLong sum ? sum.get() : 0L;
  }
}
