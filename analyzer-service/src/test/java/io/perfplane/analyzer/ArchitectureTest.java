package io.perfplane.analyzer;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.perfplane.analyzer", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

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
}
