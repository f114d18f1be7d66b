package io.perfplane.loadgen.run;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.perfplane.loadgen.plan.PlanValidator;
import io.perfplane.loadgen.plan.RunPlan;
import io.perfplane.loadgen.plan.ValidPlan;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Control API: start, list, inspect and stop runs. Every endpoint requires the control bearer token. */
@RestController
@RequestMapping(path = "/runs", produces = MediaType.APPLICATION_JSON_VALUE)
class RunController {

  private final PlanValidator validator;
  private final RunRegistry registry;
  /** Longest a stop request holds the connection before answering 202 with the run still stopping. */
  private static final Duration MAX_STOP_WAIT = Duration.ofSeconds(30);

  RunController(PlanValidator validator, RunRegistry registry) {
    this.validator = validator;
    this.registry = registry;
  }

  /**
   * Response of {@code POST /runs}.
   *
   * @param runId id of the started run
   * @param state always RUNNING
   */
  record StartedRun(String runId, RunState state) {
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<StartedRun> start(@RequestBody RunPlan plan) {
    ValidPlan valid = validator.validate(plan);
    RunStatus status = registry.start(valid);
    return ResponseEntity.accepted()
        .location(URI.create("/runs/" + status.runId()))
        .body(new StartedRun(status.runId(), RunState.RUNNING));
  }

  @GetMapping
  List<RunStatus> list() {
    return registry.statuses();
  }

  @GetMapping("/{runId}")
  RunStatus get(@PathVariable String runId) {
    return run(runId).status();
  }

  /** Aborts the run and waits (bounded) until its samples are flushed and ABORTED is published: 200, else 202. */
  @PostMapping("/{runId}/stop")
  ResponseEntity<RunStatus> stop(@PathVariable String runId) throws InterruptedException {
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

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private LoadRun run(String runId) {
    return registry.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
  }
}
