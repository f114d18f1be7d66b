package io.perfplane.loadgen.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.util.List;

import io.perfplane.contracts.net.TargetAllowList;
import io.perfplane.loadgen.definition.DefinitionReader.Format;
import io.perfplane.loadgen.plan.FieldViolation;
import io.perfplane.loadgen.plan.PlanRejectedException;
import io.perfplane.loadgen.plan.PlanValidator;
import io.perfplane.loadgen.plan.TimingCapture;
import org.junit.jupiter.api.Test;

/** The definition's {@code serverTimings:} key: default, {@code false}, configured headers, and its errors. */
class ServerTimingsDefinitionTest {

  private final DefinitionReader reader = new DefinitionReader(new PlanValidator(new PlanValidator.Limits(
      new TargetAllowList(List.of("127.0.0.1:*")), 100, Duration.ofHours(1)), () -> "generated"));

  private static final String BASE = """
      name: n
      targetService: s
      targetBaseUrl: http://127.0.0.1:1
      scenarios:
        - name: a
          workload: {executor: ramping-vus, stages: [{duration: 1s, target: 1}]}
          steps: [{name: A, path: /a}]
      """;

  @Test
  void withoutTheKeyTheServerTimingHeaderIsCaptured() {
    assertThat(reader.read(BASE, Format.YAML).timings()).isEqualTo(TimingCapture.DEFAULT);
    assertThat(reader.read(BASE + "serverTimings: true\n", Format.YAML).timings()).isEqualTo(TimingCapture.DEFAULT);
    assertThat(reader.read(BASE + "serverTimings: false\n", Format.YAML).timings()).isEqualTo(TimingCapture.NONE);
  }

  @Test
  void configuredHeadersAreKeptWithTheirNameAndUnit() {
    TimingCapture capture = reader.read(BASE + """
        serverTimings:
          - {header: X-Db-Query-Duration, name: db, unit: ms}
          - {header: X-Render, name: render}
        """, Format.YAML).timings();

    assertThat(capture.serverTimingHeader()).isTrue();
    assertThat(capture.headers()).containsExactly(new TimingCapture.Header("x-db-query-duration", "db", "ms"),
        new TimingCapture.Header("x-render", "render", "ms"));
  }

  @Test
  void theDefinitionsSlosMayNameAServerTimingAndTheChecks() {
    String slos = reader.read(BASE + """
        slos:
          - {id: db, metric: server_timing.db, objective: p(95) < 100ms}
          - {id: checks, objective: checks > 95%}
        """, Format.YAML).slos();
    assertThat(slos).contains("server_timing.db").contains("checks > 95%");
    assertThat(catchThrowableOfType(PlanRejectedException.class, () -> reader.read(BASE + """
        slos:
          - {id: db, metric: server_timing.db, objective: error_rate < 1%}
        """, Format.YAML)).violations()).singleElement()
        .satisfies(v -> assertThat(v.field()).isEqualTo("slos[0].metric"));
  }

  @Test
  void badEntriesNameTheFieldAndLine() {
    PlanRejectedException e = catchThrowableOfType(PlanRejectedException.class, () -> reader.read(BASE + """
        serverTimings:
          - {header: X-Db-Query-Duration, name: db, unit: minutes}
          - {header: 'bad header', name: 'db.x'}
          - {header: X-Db-Query-Duration, name: again, colour: red}
        """, Format.YAML));

    assertThat(e.violations()).extracting(FieldViolation::field, FieldViolation::line).containsExactlyInAnyOrder(
        tuple("serverTimings[0].unit", 9), tuple("serverTimings[1].header", 10), tuple("serverTimings[1].name", 10),
        tuple("serverTimings[2].colour", 11), tuple("serverTimings[2].header", 11));
    assertThat(catchThrowableOfType(PlanRejectedException.class,
        () -> reader.read(BASE + "serverTimings: yes please\n", Format.YAML)).violations())
        .singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("serverTimings"));
  }
}
