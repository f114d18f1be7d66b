package io.perfplane.analyzer;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.perfplane.analyzer.report.RenderingWithFrameworksFixture;
import io.perfplane.architecture.ServiceRules;
import org.junit.jupiter.api.Test;

@AnalyzeClasses(packages = "io.perfplane.analyzer", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchTests serviceRules = ArchTests.in(ServiceRules.class);

  /**
   * Window math, SLO evaluation and knee detection stay plain Java: testable without Kafka or Spring.
   * The SLO format in {@code contracts.slo} is plain Java too (records and a YAML reader), so the SLO
   * evaluator may use it; the wire types (generated Avro records, topic definitions) stay out.
   */
  @ArchTest
  static final ArchRule domainIsFrameworkFree = noClasses()
      .that().resideInAnyPackage("..analyzer.window..", "..analyzer.slo..", "..analyzer.capacity..")
      .should().dependOnClassesThat(resideInAnyPackage("org.apache.kafka..", "org.springframework..",
          "io.perfplane.contracts..", "org.apache.avro..")
          .and(not(resideInAPackage("io.perfplane.contracts.slo.."))));

  /** The topology is Spring-free so it runs unchanged in TopologyTestDriver. */
  @ArchTest
  static final ArchRule topologyIsSpringFree = noClasses()
      .that().resideInAPackage("..analyzer.stream..")
      .should().dependOnClassesThat().resideInAPackage("org.springframework..");

  /**
   * The report is rendered from plain records by pure functions, tested with hand-made data; reading the stores,
   * serving and routing belong to {@code analyzer.runs}.
   */
  @ArchTest
  static final ArchRule renderingIsFrameworkFree = noClasses()
      .that().resideInAPackage("..analyzer.report..")
      .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..");

  @Test
  void renderingRuleReportsARendererThatUsesSpringOrKafka() {
    EvaluationResult result = renderingIsFrameworkFree.evaluate(
        new ClassFileImporter().importClasses(RenderingWithFrameworksFixture.class));
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anyMatch(detail -> detail.contains("org.springframework.http.MediaType"))
        .anyMatch(detail -> detail.contains("org.apache.kafka.common.serialization.StringSerializer"));
  }
}
