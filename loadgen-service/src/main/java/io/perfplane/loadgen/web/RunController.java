package io.perfplane.loadgen.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.perfplane.loadgen.definition.DefinitionReader;
import io.perfplane.loadgen.definition.Profiles;
import io.perfplane.loadgen.engine.DistributedRuns;
import io.perfplane.loadgen.engine.LoadRun;
import io.perfplane.loadgen.engine.RunConflictException;
import io.perfplane.loadgen.engine.RunRegistry;
import io.perfplane.loadgen.engine.RunState;
import io.perfplane.loadgen.engine.RunStatus;
import io.perfplane.loadgen.plan.PlanValidator;
import io.perfplane.loadgen.plan.TestDefinition;
import io.perfplane.loadgen.plan.ValidPlan;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Control API: start, list, inspect and stop runs. Every endpoint requires the control bearer token. A start with
 * {@code ?shards=N} makes a distributed run: validated here (allow-list, limits on the whole run), then split into N
 * shards that the loadgen instances take through Kafka ({@link DistributedRuns}).
 */
@RestController
@RequestMapping(path = "/runs", produces = MediaType.APPLICATION_JSON_VALUE)
class RunController {

  static final String YAML = "application/yaml";

  private final PlanValidator validator;
  private final DefinitionReader reader;
  private final RunRegistry registry;
  private final DistributedRuns distributed;
  /** Longest a stop request holds the connection before answering 202 with the run still stopping. */
  private static final Duration MAX_STOP_WAIT = Duration.ofSeconds(30);

  RunController(PlanValidator validator, RunRegistry registry, DistributedRuns distributed) {
    this.validator = validator;
    this.reader = new DefinitionReader(validator);
    this.registry = registry;
    this.distributed = distributed;
  }

  /**
   * Response of {@code POST /runs}.
   *
   * @param runId id of the started run
   * @param state always RUNNING (for a distributed run: its shards are on their way to the instances)
   * @param shards number of shards of a distributed run; null for a run on this instance only
   */
  record StartedRun(String runId, RunState state, @Nullable Integer shards) {
  }

  /**
   * Response of {@code POST /runs/{id}/stop} for a distributed run none of whose shards runs here.
   *
   * @param runId the run
   * @param shards its number of shards
   * @param stopRequested always true: the abort request was acknowledged by Kafka; each shard ends ABORTED
   */
  record StopRequested(String runId, int shards, boolean stopRequested) {
  }

  /**
   * Overrides for a built-in profile.
   *
   * @param runId run id; generated when absent
   * @param targetBaseUrl where to send the load; the profile's default (api-service on 127.0.0.1:8081) when absent
   */
  record ProfileOverrides(@Nullable String runId, @Nullable String targetBaseUrl) {
  }

  /**
   * Starts a run from a JSON document: a test definition (it has {@code scenarios}) or the legacy run plan.
   * {@code runId} and {@code targetBaseUrl} replace the document's own (the CLI's {@code --run-id} and
   * {@code --target}); the document is otherwise run as written, so problems still name its lines.
   */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<StartedRun> start(@RequestBody String document,
      @RequestParam(required = false) @Nullable Integer shards, @RequestParam(required = false) @Nullable String runId,
      @RequestParam(required = false) @Nullable String targetBaseUrl) {
    return started(reader.read(document, DefinitionReader.Format.JSON, runId, targetBaseUrl),
        DistributedRuns.Submission.json(document, targetBaseUrl), shards);
  }

  /** Starts a run from a YAML test definition; overrides as for JSON. */
  @PostMapping(consumes = {YAML, "application/x-yaml", "text/yaml"})
  ResponseEntity<StartedRun> startYaml(@RequestBody String document,
      @RequestParam(required = false) @Nullable Integer shards, @RequestParam(required = false) @Nullable String runId,
      @RequestParam(required = false) @Nullable String targetBaseUrl) {
    return started(reader.read(document, DefinitionReader.Format.YAML, runId, targetBaseUrl),
        DistributedRuns.Submission.yaml(document, targetBaseUrl), shards);
  }

  /** Names of the built-in profiles. */
  @GetMapping("/profiles")
  List<String> profiles() {
    return Profiles.NAMES;
  }

  /** A built-in profile as YAML, to read or adapt. */
  @GetMapping(path = "/profiles/{name}", produces = YAML)
  String profile(@PathVariable String name) {
    return Profiles.text(name).orElseThrow(() -> RunNotFoundException.profile(name));
  }

  /** Starts a run of a built-in profile. */
  @PostMapping("/profiles/{name}")
  ResponseEntity<StartedRun> startProfile(@PathVariable String name,
      @RequestBody(required = false) @Nullable ProfileOverrides overrides,
      @RequestParam(required = false) @Nullable Integer shards) {
    TestDefinition definition = Profiles.load(name).orElseThrow(() -> RunNotFoundException.profile(name));
    if (overrides != null) {
      definition = DefinitionReader.override(definition, overrides.runId(), overrides.targetBaseUrl());
    }
    return started(validator.validate(definition),
        DistributedRuns.Submission.profile(name, overrides == null ? null : overrides.targetBaseUrl()), shards);
  }

  private ResponseEntity<StartedRun> started(ValidPlan valid, DistributedRuns.Submission submission,
      @Nullable Integer shards) {
    if (shards != null) {
      distributed.submit(valid, submission, shards);
      return ResponseEntity.accepted()
          .location(URI.create("/runs/" + valid.runId()))
          .body(new StartedRun(valid.runId(), RunState.RUNNING, shards));
    }
    RunStatus status = registry.start(valid);
    return ResponseEntity.accepted()
        .location(URI.create("/runs/" + status.runId()))
        .body(new StartedRun(status.runId(), RunState.RUNNING, null));
  }

  @GetMapping
  List<RunStatus> list() {
    return registry.statuses();
  }

  @GetMapping("/{runId}")
  RunStatus get(@PathVariable String runId) {
    return run(runId).status();
  }

  /**
   * Aborts the run and waits (bounded) until its samples are flushed and ABORTED is published: 200, else 202. For
   * a distributed run known here (submitted here or with a shard here) it first publishes an abort request so every
   * shard on every instance stops; it then waits for the shards running here, and answers with the lowest one's
   * status, or 202 {@link StopRequested} when none runs here.
   */
  @PostMapping("/{runId}/stop")
  ResponseEntity<?> stop(@PathVariable String runId) throws InterruptedException {
    Integer shards = registry.shardCount(runId);
    if (shards != null) {
      return stopDistributed(runId, shards);
    }
    LoadRun run = run(runId);
    if (!run.abort("stopped by user")) {
      RunState state = run.state();
      if (state.terminal()) {
        throw new RunConflictException("run " + runId + " already ended: " + state);
      }
      // Already stopping for another reason: report progress like a fresh stop would.
    }
    boolean ended = run.awaitEnd(min(run.stopBudget(), MAX_STOP_WAIT));
    return ResponseEntity.status(ended ? HttpStatus.OK : HttpStatus.ACCEPTED).body(run.status());
  }

  private ResponseEntity<?> stopDistributed(String runId, int shards) throws InterruptedException {
    // Always published, even when the shards here already ended: this instance cannot see the others'.
    String reason = "stopped by user";
    distributed.requestStop(runId, reason);
    // Also directly: the local shards need not wait for our own consumer to see the event.
    registry.abortIfRunning(runId, reason);
    List<LoadRun> local = registry.findAll(runId);
    if (local.isEmpty()) {
      return ResponseEntity.accepted().body(new StopRequested(runId, shards, true));
    }
    boolean ended = true;
    long deadline = System.nanoTime() + min(local.getFirst().stopBudget(), MAX_STOP_WAIT).toNanos();
    for (LoadRun run : local) {
      ended &= run.awaitEnd(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
    return ResponseEntity.status(ended ? HttpStatus.OK : HttpStatus.ACCEPTED).body(local.getFirst().status());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private LoadRun run(String runId) {
    return registry.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
  }
}
