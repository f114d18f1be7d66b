package io.perfplane.loadgen;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  private final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.perfplane.loadgen");

  @Test
  void planLogicIsPlainJava() {
    classes().that().resideInAPackage("io.perfplane.loadgen.plan..")
        // contracts.slo: the SLO definition format has one reader, shared with the analyzer and the launcher.
        .should().onlyDependOnClassesThat().resideInAnyPackage("io.perfplane.loadgen.plan..", "java..",
            "org.jspecify..", "io.perfplane.contracts.slo..", "io.perfplane.contracts.net..", "io.perfplane.contracts.json..")
        .check(classes);
  }

  @Test
  void definitionReadingKnowsNothingOfTheEngineOrSpring() {
    classes().that().resideInAPackage("io.perfplane.loadgen.definition..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("io.perfplane.loadgen.definition..",
            "io.perfplane.loadgen.plan..", "java..", "org.jspecify..", "tools.jackson..")
        .check(classes);
  }

  @Test
  void wiringDoesNotReachIntoTheEngine() {
    noClasses().that().resideInAPackage("io.perfplane.loadgen.system..")
        .should().dependOnClassesThat().resideInAnyPackage("io.perfplane.loadgen.run..", "io.perfplane.loadgen.plan..")
        .check(classes);
  }
}
