package io.perfplane.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.perfplane.architecture.ServiceRules;

@AnalyzeClasses(packages = "io.perfplane.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchTests serviceRules = ArchTests.in(ServiceRules.class);

  @ArchTest
  static final ArchRule pureLogicDoesNotDependOnSpringOrJdbc = noClasses()
      .that().haveSimpleName("DemoDataset").or().haveSimpleName("TimeRange").or().haveSimpleName("ApiKeyHash")
      .or().haveSimpleName("Page")
      .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "jakarta..");

  @ArchTest
  static final ArchRule onlyRepositoriesAndTheSeederTalkToTheDatabase = noClasses()
      .that().haveSimpleNameNotEndingWith("Repository").and().haveSimpleNameNotEndingWith("Seeder")
      .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient");
}
