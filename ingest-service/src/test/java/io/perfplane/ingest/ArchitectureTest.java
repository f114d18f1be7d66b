package io.perfplane.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.perfplane.architecture.ServiceRules;

/** The formats (parsers, sample rules) and the token check stay free of Spring, Kafka and the upload wiring. */
@AnalyzeClasses(packages = "io.perfplane.ingest", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchTests serviceRules = ArchTests.in(ServiceRules.class);

  @ArchTest
  static final ArchRule formatsAreFrameworkFree = noClasses()
      .that().resideInAnyPackage("io.perfplane.ingest.format..", "io.perfplane.ingest.lines..",
          "io.perfplane.ingest.ndjson..", "io.perfplane.ingest.k6..", "io.perfplane.ingest.jmeter..",
          "io.perfplane.ingest.gatling..")
      .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
          "jakarta..", "io.perfplane.ingest.upload..", "io.perfplane.ingest.system..");
}
