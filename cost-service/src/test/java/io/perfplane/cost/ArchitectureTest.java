package io.perfplane.cost;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Sizing and pricing stay pure: no Spring, Kafka, Avro contracts or web types. */
class ArchitectureTest {

  private final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.perfplane.cost");

  @Test
  void sizingAndCatalogAreFrameworkFree() {
    noClasses().that().resideInAnyPackage("io.perfplane.cost.sizing..", "io.perfplane.cost.catalog..",
            "io.perfplane.cost.scenario..", "io.perfplane.cost.terraform..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
            "io.perfplane.contracts..", "jakarta..", "io.perfplane.cost.estimates..", "io.perfplane.cost.system..")
        .check(classes);
  }
}
