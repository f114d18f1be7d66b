package io.perfplane.analyzer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.perfplane.analyzer", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** Window math, SLO evaluation and knee detection stay plain Java: testable without Kafka or Spring. */
  @ArchTest
  static final ArchRule domainIsFrameworkFree = noClasses()
      .that().resideInAnyPackage("..analyzer.window..", "..analyzer.slo..", "..analyzer.capacity..")
      .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework..",
          "io.perfplane.contracts..", "org.apache.avro..");

  /** The topology is Spring-free so it runs unchanged in TopologyTestDriver. */
  @ArchTest
  static final ArchRule topologyIsSpringFree = noClasses()
      .that().resideInAPackage("..analyzer.stream..")
      .should().dependOnClassesThat().resideInAPackage("org.springframework..");
}
