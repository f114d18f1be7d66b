package io.perfplane.analyzer.slo;

import io.perfplane.contracts.slo.Slo;

/**
 * The breach lifecycle of one (run, SLO, endpoint), with hysteresis in event time as a Prometheus alerting rule has
 * it: a breach fires after the objective failed for the SLO's {@code for} (pending until then, reset by any window
 * that holds), and resolves after it held for {@code keepFiringFor} (reset by any window that fails). Windows
 * without enough requests change nothing. Every instant is the samples' clock (the end of the evaluated window), so
 * a run imported a month later gets the same episodes as it got live. Stateless: the caller keeps {@link State}.
 */
public final class BreachTracker {

  /** No instant. */
  public static final long NONE = Long.MIN_VALUE;
  private static final long US_PER_SECOND = 1_000_000L;

  private BreachTracker() {
  }

  /**
   * Where one series stands.
   *
   * @param open whether a breach is open (fired, not resolved)
   * @param failingSinceUs closed: event time (µs) of the first window of the current failing streak, {@link #NONE}
   *     if the last verdict held; open: when the episode began failing
   * @param firedAtUs open: event time (µs) the breach fired; windows ending no later cannot resolve it
   * @param holdingSinceUs open: event time (µs) of the first window of the current holding streak, else NONE
   */
  public record State(boolean open, long failingSinceUs, long firedAtUs, long holdingSinceUs) {

    /** No breach, nothing pending. */
    public static final State IDLE = new State(false, NONE, NONE, NONE);

    /** A closed series that has been failing since {@code failingSinceUs} ({@link #NONE}: not failing). */
    public static State pending(long failingSinceUs) {
      return new State(false, failingSinceUs, NONE, NONE);
    }

    /** An open breach. */
    public static State open(long failingSinceUs, long firedAtUs, long holdingSinceUs) {
      return new State(true, failingSinceUs, firedAtUs, holdingSinceUs);
    }
  }

  /** What the verdict changed. */
  public enum Change {
    NONE,
    /** The breach fired: publish OPENED (opened at {@code failingSinceUs}, fired at the window's end). */
    OPEN,
    /** The breach resolved: publish RESOLVED (held again since the previous state's {@code holdingSinceUs}). */
    RESOLVE
  }

  /**
   * The next state.
   *
   * @param state before this verdict
   * @param change what to publish
   * @param resolvedAtUs on RESOLVE: event time (µs) the objective held again; else NONE
   */
  public record Step(State state, Change change, long resolvedAtUs) {
  }

  /**
   * Applies the verdict of the window ending at {@code atUs}. Windows are expected in event-time order; a window
   * ending no later than an open breach's firing is from a catch-up behind an early opening and is ignored.
   */
  public static Step step(State state, Slo slo, Verdict verdict, long atUs) {
    if (verdict.outcome() == Verdict.Outcome.INSUFFICIENT_DATA) {
      return new Step(state, Change.NONE, NONE);
    }
    boolean failing = verdict.violated();
    if (!state.open()) {
      if (!failing) {
        return new Step(State.IDLE, Change.NONE, NONE);
      }
      long since = state.failingSinceUs() == NONE ? atUs : state.failingSinceUs();
      if (atUs - since >= slo.forSeconds() * US_PER_SECOND) {
        return new Step(State.open(since, atUs, NONE), Change.OPEN, NONE);
      }
      return new Step(State.pending(since), Change.NONE, NONE);
    }
    if (atUs <= state.firedAtUs()) {
      return new Step(state, Change.NONE, NONE);
    }
    if (failing) {
      return new Step(State.open(state.failingSinceUs(), state.firedAtUs(), NONE), Change.NONE, NONE);
    }
    long holding = state.holdingSinceUs() == NONE ? atUs : state.holdingSinceUs();
    if (atUs - holding >= slo.keepFiringForSeconds() * US_PER_SECOND) {
      return new Step(State.IDLE, Change.RESOLVE, holding);
    }
    return new Step(State.open(state.failingSinceUs(), state.firedAtUs(), holding), Change.NONE, NONE);
  }

  /**
   * The early check on a window whose newest second is still filling: it may fire a breach whose pending time is
   * already over (or whose {@code for} is 0), never start, reset or resolve anything, since the window is incomplete.
   */
  public static Step stepEarly(State state, Slo slo, Verdict verdict, long atUs) {
    if (state.open() || !verdict.violated()) {
      return new Step(state, Change.NONE, NONE);
    }
    long since = state.failingSinceUs() == NONE ? atUs : state.failingSinceUs();
    boolean due = slo.forSeconds() == 0 || (state.failingSinceUs() != NONE
        && atUs - since >= slo.forSeconds() * US_PER_SECOND);
    return due ? new Step(State.open(since, atUs, NONE), Change.OPEN, NONE) : new Step(state, Change.NONE, NONE);
  }
}
