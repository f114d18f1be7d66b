package io.perfplane.cost;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.perfplane.architecture.ServiceRules;

@AnalyzeClasses(packages = "io.perfplane.cost", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchTests serviceRules = ArchTests.in(ServiceRules.class);

  /** Sizing and pricing stay pure: no Spring, Kafka, Avro contracts or web types. */
  @ArchTest
  static final ArchRule sizingAndCatalogAreFrameworkFree = noClasses()
      .that().resideInAnyPackage("io.perfplane.cost.sizing..", "io.perfplane.cost.catalog..",
          "io.perfplane.cost.scenario..", "io.perfplane.cost.terraform..")
      .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
          "io.perfplane.contracts..", "jakarta..", "io.perfplane.cost.estimates..", "io.perfplane.cost.system..");
}
