package io.perfplane.loadgen.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.perfplane.loadgen.plan.TestDefinition.ScenarioSpec;
import io.perfplane.loadgen.plan.TestDefinition.StageSpec;
import io.perfplane.loadgen.plan.TestDefinition.StepSpec;
import io.perfplane.loadgen.plan.TestDefinition.ThinkTimeSpec;
import io.perfplane.loadgen.plan.TestDefinition.WorkloadSpec;
import org.jspecify.annotations.Nullable;

/**
 * Translates the legacy JSON run plan ({@link RunPlan}) into the {@link TestDefinition} it means, so that one
 * validator ({@link DefinitionValidator}) builds every {@link ValidPlan}: one scenario named after the plan, its
 * {@code ramping-vus} stages the plan's, its steps the plan's requests in order, the plan's think time after each.
 * The plan's texts (paths, headers, bodies) were never templates: they are escaped so that they stay literal.
 *
 * <p>The legacy numbers (milliseconds, whole virtual users) are checked here, in the legacy field's own terms,
 * because a number out of range has no definition text to translate to; a placeholder takes its place so that the
 * rest of the plan is still validated. Every violation the validator finds in a translation is renamed to the legacy
 * field it came from by {@link #toLegacy}: a legacy client reads {@code requests[2].method}, never
 * {@code scenarios[0].steps[2].method}. Pure; thread-safe.
 */
final class LegacyPlanTranslator {

  /** A translated stage standing in for one whose numbers were refused. */
  private static final StageSpec PLACEHOLDER = new StageSpec("1ms", 0.0);
  private static final String EXECUTOR = "ramping-vus";

  /**
   * Definition paths of a translated plan → legacy paths, first match wins; unmatched paths (runId, name,
   * targetService, targetBaseUrl) are the same in both formats.
   */
  private static final List<Rename> RENAMES = List.of(
      // The scenario is named after the plan: a bad name is already reported as 'name'.
      Rename.dropped("scenarios\\[0]\\.name"),
      new Rename("scenarios\\[0]\\.workload\\.stages\\[(\\d+)]\\.duration", "stages[$1].durationMs"),
      new Rename("scenarios\\[0]\\.workload\\.stages\\[(\\d+)]\\.target", "stages[$1].targetVus"),
      new Rename("scenarios\\[0]\\.workload\\.stages(.*)", "stages$1"),
      new Rename("scenarios\\[0]\\.steps", "requests", message -> message.replace("step", "request")),
      new Rename("scenarios\\[0]\\.steps(\\[.*)", "requests$1"),
      new Rename("scenarios\\[0]\\.thinkTime(\\..*)?", "thinkTimeMs"),
      new Rename("requestTimeout", "requestTimeoutMs"),
      // Only the duration limit names 'scenarios' for a single closed scenario whose stages are all within max-vus.
      new Rename("scenarios", "stages", message -> message.replace("the longest scenario lasts", "the stages last")));

  private LegacyPlanTranslator() {
  }

  /**
   * The definition a legacy plan means.
   *
   * @param definition the translation; its violations name definition paths ({@link #toLegacy} renames them)
   * @param untranslatable legacy numbers out of range, named by their legacy field; empty when all translated
   */
  record Translation(TestDefinition definition, List<FieldViolation> untranslatable) {

    Translation {
      untranslatable = List.copyOf(untranslatable);
    }
  }

  static Translation translate(RunPlan plan) {
    List<FieldViolation> untranslatable = new ArrayList<>();
    String thinkTime = millis(plan.thinkTimeMs(), 0, ThinkTimeSection.MAX_THINK_TIME_MS, "thinkTimeMs",
        untranslatable);
    String requestTimeout = millis(plan.requestTimeoutMs(), 1, DefinitionValidator.MAX_REQUEST_TIMEOUT_MS,
        "requestTimeoutMs", untranslatable);
    WorkloadSpec workload = new WorkloadSpec(EXECUTOR, stages(plan.stages(), untranslatable), null, null, null, null,
        null);
    ScenarioSpec scenario = new ScenarioSpec(plan.name(), null, workload,
        thinkTime == null ? null : new ThinkTimeSpec(thinkTime, null, null), null, steps(plan.requests()));
    TestDefinition definition = new TestDefinition(plan.runId(), plan.name(), plan.targetService(),
        plan.targetBaseUrl(), requestTimeout, null, null, List.of(scenario), null, null);
    return new Translation(definition, untranslatable);
  }

  /** Violations of a translated plan under the legacy plan's field paths. */
  static List<FieldViolation> toLegacy(List<FieldViolation> violations) {
    List<FieldViolation> legacy = new ArrayList<>();
    for (FieldViolation violation : violations) {
      FieldViolation renamed = toLegacy(violation);
      if (renamed != null) {
        legacy.add(renamed);
      }
    }
    return legacy;
  }

  /** The violation under its legacy field path; null when the legacy plan reports it under another field. */
  static @Nullable FieldViolation toLegacy(FieldViolation violation) {
    for (Rename rename : RENAMES) {
      Matcher m = rename.definitionPath().matcher(violation.field());
      if (m.matches()) {
        return rename.legacyPath() == null ? null : new FieldViolation(m.replaceFirst(rename.legacyPath()),
            rename.message().apply(violation.message()), violation.line());
      }
    }
    return violation;
  }

  /** A legacy millisecond count as duration text; null (the default) when absent or out of range. */
  private static @Nullable String millis(@Nullable Long value, long min, long max, String field,
      List<FieldViolation> untranslatable) {
    if (value == null) {
      return null;
    }
    if (value < min || value > max) {
      untranslatable.add(new FieldViolation(field, "must be between " + min + " and " + max));
      return null;
    }
    return value + "ms";
  }

  private static @Nullable List<@Nullable StageSpec> stages(@Nullable List<RunPlan.@Nullable Stage> stages,
      List<FieldViolation> untranslatable) {
    if (stages == null) {
      return null;
    }
    if (stages.size() > WorkloadSection.MAX_STAGES) {
      return Collections.nCopies(stages.size(), PLACEHOLDER); // refused as too many; the stages themselves unread
    }
    List<@Nullable StageSpec> specs = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      RunPlan.Stage stage = stages.get(i);
      specs.add(stage == null ? null : stage(stage, "stages[" + i + "]", untranslatable));
    }
    return specs;
  }

  private static StageSpec stage(RunPlan.Stage stage, String field, List<FieldViolation> untranslatable) {
    int before = untranslatable.size();
    Long durationMs = stage.durationMs();
    if (durationMs == null || durationMs <= 0) {
      untranslatable.add(new FieldViolation(field + ".durationMs", durationMs == null ? "is required" : "must be > 0"));
    }
    Integer targetVus = stage.targetVus();
    if (targetVus == null || targetVus < 0) {
      untranslatable.add(new FieldViolation(field + ".targetVus", targetVus == null ? "is required" : "must be >= 0"));
    }
    if (untranslatable.size() != before) {
      return PLACEHOLDER;
    }
    // Longer than a definition can say (over 100,000 years) is longer than any max-duration: the limit refuses it.
    return new StageSpec(Math.min(durationMs, DurationText.MAX_MILLIS) + "ms", targetVus.doubleValue());
  }

  private static @Nullable List<@Nullable StepSpec> steps(@Nullable List<RunPlan.@Nullable Request> requests) {
    if (requests == null) {
      return null;
    }
    List<@Nullable StepSpec> steps = new ArrayList<>();
    for (RunPlan.Request request : requests) {
      steps.add(request == null ? null : new StepSpec(request.name(), null, request.method(), literal(request.path()),
          headers(request.headers()), literal(request.body()), null, null, null));
    }
    return steps;
  }

  private static @Nullable Map<String, @Nullable String> headers(@Nullable Map<String, @Nullable String> headers) {
    if (headers == null) {
      return null;
    }
    Map<String, @Nullable String> escaped = new LinkedHashMap<>();
    headers.forEach((name, value) -> escaped.put(name, literal(value)));
    return escaped;
  }

  private static @Nullable String literal(@Nullable String text) {
    return text == null ? null : Template.escape(text);
  }

  /**
   * One path mapping.
   *
   * @param definitionPath the whole definition path, groups reused in {@code legacyPath}
   * @param legacyPath replacement; null drops the violation
   * @param message rewording for the legacy plan's vocabulary
   */
  private record Rename(Pattern definitionPath, @Nullable String legacyPath, UnaryOperator<String> message) {

    Rename(String definitionPath, String legacyPath) {
      this(definitionPath, legacyPath, UnaryOperator.identity());
    }

    Rename(String definitionPath, String legacyPath, UnaryOperator<String> message) {
      this(Pattern.compile(definitionPath), legacyPath, message);
    }

    static Rename dropped(String definitionPath) {
      return new Rename(Pattern.compile(definitionPath), null, UnaryOperator.identity());
    }
  }
}
