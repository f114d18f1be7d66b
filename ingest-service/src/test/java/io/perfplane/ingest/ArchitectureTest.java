package io.perfplane.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The formats (parsers, sample rules) and the token check stay free of Spring, Kafka and the upload wiring. */
class ArchitectureTest {

  private final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.perfplane.ingest");

  @Test
  void ndjsonIsFrameworkFree() {
    noClasses().that().resideInAPackage("io.perfplane.ingest.ndjson..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
            "jakarta..", "io.perfplane.ingest.upload..", "io.perfplane.ingest.system..")
        .check(classes);
  }

  @Test
  void formatsAreFrameworkFree() {
    noClasses().that().resideInAnyPackage("io.perfplane.ingest.format..", "io.perfplane.ingest.lines..",
            "io.perfplane.ingest.k6..", "io.perfplane.ingest.jmeter..", "io.perfplane.ingest.gatling..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
            "jakarta..", "io.perfplane.ingest.upload..", "io.perfplane.ingest.system..")
        .check(classes);
  }

  @Test
  void tokenComparisonIsFrameworkFree() {
    noClasses().that().haveSimpleName("BearerTokens")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..")
        .check(classes);
  }
}
