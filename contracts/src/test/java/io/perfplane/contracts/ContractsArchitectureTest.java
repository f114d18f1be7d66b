package io.perfplane.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ContractsArchitectureTest {

  @Test
  void contractsAreSpringFree() {
    noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..")
        .check(new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("io.perfplane.contracts"));
  }
}
