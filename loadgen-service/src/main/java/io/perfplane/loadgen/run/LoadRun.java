package io.perfplane.loadgen.run;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.perfplane.contracts.ErrorKind;
import io.perfplane.contracts.RequestSample;
import io.perfplane.contracts.RunEvent;
import io.perfplane.loadgen.plan.StageSchedule;
import io.perfplane.loadgen.plan.ValidPlan;
import io.perfplane.loadgen.plan.ValidPlan.PlannedRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One executing run: a closed-model engine where each virtual user (a virtual thread) sends its next request, waits
 * for the response, records a sample, thinks, and repeats. A controller thread moves the number of virtual users to
 * the {@link StageSchedule} target every control interval, announces stages, and at the end stops the users, waits
 * for their in-flight requests, flushes the samples and only then publishes FINISHED or ABORTED, so the totals in
 * that event are final.
 */
final class LoadRun {

  private static final Logger log = LoggerFactory.getLogger(LoadRun.class);
  private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(15);
  /** Grace on top of the request timeout for virtual users to finish their last request. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(2);

  /**
   * Engine settings.
   *
   * @param controlInterval how often the controller adjusts the virtual users
   * @param drainTimeout how long the end of a run waits for samples to be acknowledged
   */
  record Settings(Duration controlInterval, Duration drainTimeout) {
  }

  private final ValidPlan plan;
  private final String generatorId;
  private final Clock clock;
  private final SamplePublisher samples;
  private final RunEventPublisher events;
  private final LoadgenMetrics metrics;
  private final Settings settings;
  private final RunEvents runEvents;
  private final List<Prepared> requests;
  private final RunCounters counters = new RunCounters();
  private final AtomicInteger activeVus = new AtomicInteger();
  private final AtomicReference<@Nullable String> abortReason = new AtomicReference<>();
  private final CountDownLatch abortSignal = new CountDownLatch(1);
  private final CountDownLatch done = new CountDownLatch(1);
  private final EpochMicros timebase;
  private final ExecutorService httpExecutor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http;

  private volatile RunState state = RunState.RUNNING;
  private volatile @Nullable String reason;
  private volatile long loadStartNanos = Long.MIN_VALUE;
  private volatile long loadEndNanos = Long.MIN_VALUE;
  private volatile int stageIndex;
  private volatile int targetVus;

  /** A request with its immutable, reusable {@link HttpRequest} built once. */
  private record Prepared(PlannedRequest planned, HttpRequest request, long bytesOut) {
  }

  LoadRun(ValidPlan plan, String generatorId, Clock clock, SamplePublisher samples, RunEventPublisher events,
      LoadgenMetrics metrics, Settings settings) {
    this.plan = plan;
    this.generatorId = generatorId;
    this.clock = clock;
    this.samples = samples;
    this.events = events;
    this.metrics = metrics;
    this.settings = settings;
    this.runEvents = new RunEvents(plan, generatorId);
    this.requests = plan.requests().stream().map(r -> prepare(r, plan.requestTimeout())).toList();
    this.timebase = EpochMicros.anchoredAt(clock);
    // One client per run: its connection pool (one keep-alive connection per VU) dies with the run.
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER) // a redirect could lead off the allow-listed target
        .connectTimeout(plan.requestTimeout())
        .executor(httpExecutor)
        .build();
  }

  private static Prepared prepare(PlannedRequest planned, Duration timeout) {
    byte[] body = planned.body().getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder builder = HttpRequest.newBuilder(planned.uri())
        .timeout(timeout)
        .method(planned.method(), body.length == 0
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    planned.headers().forEach(builder::header);
    return new Prepared(planned, builder.build(), body.length);
  }

  String runId() {
    return plan.runId();
  }

  /** Starts the controller; returns immediately. */
  void start() {
    Thread.ofVirtual().name("loadgen-" + plan.runId() + "-controller").start(this::control);
  }

  /**
   * Asks the run to stop early; it ends ABORTED with {@code why} once its samples are flushed.
   *
   * @return false when the run had already ended or was already stopping
   */
  boolean abort(String why) {
    boolean first = !state.terminal() && abortReason.compareAndSet(null, why);
    abortSignal.countDown();
    return first;
  }

  boolean awaitEnd(Duration timeout) throws InterruptedException {
    return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Upper bound of how long an abort takes to end the run: last requests, sample flush, ABORTED event. */
  Duration stopBudget() {
    return plan.requestTimeout().plus(STOP_GRACE).plus(settings.drainTimeout()).plus(EVENT_TIMEOUT);
  }

  RunState state() {
    return state;
  }

  RunStatus status() {
    RunState current = state;
    RunCounters.Snapshot totals = counters.snapshot();
    return new RunStatus(plan.runId(), plan.name(), current, stageIndex, activeVus.get(), targetVus, elapsedMs(),
        plan.schedule().totalDurationMs(), totals.requests(), totals.errors(), totals.samplesPublished(),
        totals.samplesDropped(), totals.samplesFailed(), reason);
  }

  private long elapsedMs() {
    long start = loadStartNanos;
    if (start == Long.MIN_VALUE) {
      return 0;
    }
    long end = loadEndNanos;
    return TimeUnit.NANOSECONDS.toMillis((end == Long.MIN_VALUE ? timebase.nanoTime() : end) - start);
  }

  private void control() {
    List<VirtualUser> all = new ArrayList<>();
    try {
      awaitAck(events.publish(runEvents.started(timebase.nowEpochUs())), "STARTED");
      loadStartNanos = timebase.nanoTime();
      drive(all);
      stopVirtualUsers(all);
      if (!samples.flush(counters, settings.drainTimeout())) {
        log.warn("Run {}: not every sample was acknowledged within {}", plan.runId(), settings.drainTimeout());
      }
      String aborted = abortReason.get();
      RunEvent end = runEvents.ended(counters.snapshot(), elapsedMs(), aborted, timebase.nowEpochUs());
      awaitAck(events.publish(end), end.getType().name());
      finish(aborted == null ? RunState.FINISHED : RunState.ABORTED, aborted);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopQuietly(all);
      finish(RunState.FAILED, "interrupted");
    } catch (Exception e) {
      log.error("Run {} failed", plan.runId(), e);
      stopQuietly(all);
      finish(RunState.FAILED, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    } finally {
      // Every VU has ended (or was interrupted): nothing left worth waiting for.
      http.shutdownNow();
      httpExecutor.shutdownNow();
      done.countDown();
    }
  }

  private void drive(List<VirtualUser> all) throws InterruptedException {
    StageSchedule schedule = plan.schedule();
    List<VirtualUser> active = new ArrayList<>();
    int announced = -1;
    int nextVuId = 0;
    while (abortReason.get() == null) {
      long elapsed = elapsedMs();
      int stage = schedule.stageIndexAt(elapsed);
      // Announce every stage entered since the last tick, including stages shorter than a tick.
      while (announced < stage) {
        announced++;
        int index = announced;
        events.publish(runEvents.stageChanged(index, timebase.nowEpochUs())).whenComplete((ok, failure) -> {
          if (failure != null) {
            log.warn("Run {}: could not publish STAGE_CHANGED {}: {}", plan.runId(), index, failure.toString());
          }
        });
      }
      stageIndex = stage;
      if (elapsed >= schedule.totalDurationMs()) {
        break;
      }
      int target = schedule.targetVusAt(elapsed);
      targetVus = target;
      while (active.size() < target) {
        VirtualUser vu = new VirtualUser(nextVuId++);
        active.add(vu);
        all.add(vu);
        vu.start();
      }
      while (active.size() > target) {
        active.removeLast().retire(); // finishes its current request first, like k6's graceful ramp-down
      }
      all.removeIf(vu -> !vu.isAlive() && vu.retired);
      long sleepMs = Math.min(settings.controlInterval().toMillis(), schedule.totalDurationMs() - elapsed);
      abortSignal.await(Math.max(1, sleepMs), TimeUnit.MILLISECONDS);
    }
  }

  /** Retires every VU and waits for in-flight requests; interrupts only VUs stuck past the request timeout. */
  private void stopVirtualUsers(List<VirtualUser> all) throws InterruptedException {
    loadEndNanos = timebase.nanoTime();
    targetVus = 0;
    all.forEach(VirtualUser::retire);
    long deadline = System.nanoTime() + plan.requestTimeout().plus(STOP_GRACE).toNanos();
    for (VirtualUser vu : all) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !vu.join(Duration.ofNanos(left))) {
        vu.interrupt();
      }
    }
    for (VirtualUser vu : all) {
      vu.join(Duration.ofSeconds(1));
    }
  }

  private void stopQuietly(List<VirtualUser> all) {
    try {
      stopVirtualUsers(all);
    } catch (InterruptedException e) {
      all.forEach(VirtualUser::interrupt);
      Thread.currentThread().interrupt();
    }
  }

  private void finish(RunState terminal, @Nullable String why) {
    if (loadEndNanos == Long.MIN_VALUE) {
      loadEndNanos = timebase.nanoTime();
    }
    reason = why;
    state = terminal; // last: a reader that sees the terminal state sees the final counters and reason
    log.info("Run {} {}{}: {}", plan.runId(), terminal, why == null ? "" : " (" + why + ")", counters.snapshot());
  }

  private static void awaitAck(CompletableFuture<?> ack, String what)
      throws InterruptedException {
    try {
      ack.get(EVENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not publish " + what + " run event: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("could not publish " + what + " run event within " + EVENT_TIMEOUT, e);
    }
  }

  /** One closed-model virtual user: send, wait for the response, record, think, repeat. */
  private final class VirtualUser implements Runnable {

    private final int id;
    private final CountDownLatch retireSignal = new CountDownLatch(1);
    private volatile boolean retired;
    private @Nullable Thread thread;

    VirtualUser(int id) {
      this.id = id;
    }

    void start() {
      thread = Thread.ofVirtual().name("loadgen-" + plan.runId() + "-vu-" + id).start(this);
    }

    void retire() {
      retired = true;
      retireSignal.countDown();
    }

    boolean isAlive() {
      Thread t = thread;
      return t != null && t.isAlive();
    }

    void interrupt() {
      Thread t = thread;
      if (t != null) {
        t.interrupt();
      }
    }

    boolean join(Duration timeout) throws InterruptedException {
      Thread t = thread;
      return t == null || t.join(timeout);
    }

    @Override
    public void run() {
      activeVus.incrementAndGet();
      metrics.vuStarted();
      try {
        long thinkMs = plan.thinkTime().toMillis();
        // Each VU walks the request list in order, like one iteration of a k6 script after another.
        for (int next = 0; !retired && !Thread.currentThread().isInterrupted(); next = (next + 1) % requests.size()) {
          exchange(requests.get(next));
          if (thinkMs > 0 && retireSignal.await(thinkMs, TimeUnit.MILLISECONDS)) {
            break;
          }
        }
      } catch (InterruptedException e) {
        // Interrupted only when stuck past the stop deadline: the abandoned request yields no sample.
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        log.error("Run {}: virtual user {} died", plan.runId(), id, e);
      } finally {
        activeVus.decrementAndGet();
        metrics.vuStopped();
      }
    }

    private void exchange(Prepared prepared) throws InterruptedException {
      int status = 0;
      long bytesIn = 0;
      ErrorKind kind;
      long start = timebase.nanoTime();
      try {
        HttpResponse<Long> response = http.send(prepared.request(), COUNTING_BODY);
        status = response.statusCode();
        bytesIn = response.body();
        kind = ErrorClassifier.ofStatus(status);
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        kind = ErrorClassifier.ofFailure(e);
      }
      long end = timebase.nanoTime();
      long startUs = timebase.epochUs(start);
      long serviceTimeUs = (end - start) / 1_000;
      RequestSample sample = RequestSample.newBuilder()
          .setRunId(plan.runId())
          .setGeneratorId(generatorId)
          .setScenario(plan.name())
          .setEndpoint(prepared.planned().name())
          .setMethod(prepared.planned().method())
          .setStatus(status)
          .setErrorKind(kind)
          // Closed model: a VU sends when the previous response arrived, so intended == actual start.
          .setIntendedStartUs(startUs)
          .setActualStartUs(startUs)
          .setLatencyUs(serviceTimeUs)
          .setServiceTimeUs(serviceTimeUs)
          .setTtfbUs(null)
          .setBytesIn(bytesIn)
          .setBytesOut(prepared.bytesOut())
          .setTags(Map.of())
          .build();
      counters.request(kind != ErrorKind.NONE);
      metrics.request(kind);
      samples.offer(sample, counters);
    }
  }

  /** Counts response body bytes without keeping them. */
  private static final HttpResponse.BodyHandler<Long> COUNTING_BODY =
      info -> HttpResponse.BodySubscribers.fromSubscriber(new ByteCounter(), ByteCounter::count);

  private static final class ByteCounter implements Flow.Subscriber<List<ByteBuffer>> {

    private long count;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer buffer : buffers) {
        count += buffer.remaining();
      }
    }

    @Override
    public void onError(Throwable throwable) {
      // The exchange fails with this error; the count is not used.
    }

    @Override
    public void onComplete() {
      // count is final.
    }

    long count() {
      return count;
    }
  }
}
