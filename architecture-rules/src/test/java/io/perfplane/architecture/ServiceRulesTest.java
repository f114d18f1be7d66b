package io.perfplane.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** Each shared rule fails on the fixture service that breaks it, and only on what breaks it. */
class ServiceRulesTest {

  private final JavaClasses fixtureService = new ClassFileImporter().importPackages("io.perfplane.fixturesvc");

  @Test
  void aCycleBetweenFeaturePackagesIsReported() {
    EvaluationResult result = ServiceRules.featurePackagesAreFreeOfCycles.evaluate(fixtureService);

    assertThat(result.hasViolation()).isTrue();
    assertThat(String.join("\n", result.getFailureReport().getDetails()))
        .contains("feature 'alpha'").contains("feature 'beta'").doesNotContain("feature 'gamma'");
  }

  @Test
  void aPublicTypeNoOtherPackageUsesIsReportedAndEntryPointsAreNot() {
    EvaluationResult result = ServiceRules.onlyEntryPointsArePublic.evaluate(fixtureService);

    assertThat(result.getFailureReport().getDetails())
        .singleElement().asString()
        .contains("io.perfplane.fixturesvc.gamma.NeedlesslyPublic is public but used only inside");
  }

  @Test
  void featuresWithoutACycleHold() {
    JavaClasses acyclic = new ClassFileImporter().importPackages("io.perfplane.fixturesvc.gamma",
        "io.perfplane.fixturesvc.delta", "io.perfplane.fixturesvc.alpha");

    assertThat(ServiceRules.featurePackagesAreFreeOfCycles.evaluate(acyclic).hasViolation()).isFalse();
  }
}
