package io.perfplane.loadgen;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.perfplane.architecture.ServiceRules;
import io.perfplane.loadgen.engine.CyclicEngineFixture;
import io.perfplane.loadgen.engine.RunCounters;
import io.perfplane.loadgen.engine.SpringAwareEngineFixture;
import io.perfplane.loadgen.http.KafkaAwareHttpFixture;
import io.perfplane.loadgen.kafka.KafkaSamplePublisher;
import io.perfplane.loadgen.web.KafkaReachingWebFixture;
import io.perfplane.loadgen.web.WiringReachingWebFixture;
import org.junit.jupiter.api.Test;

/**
 * loadgen's boundaries: the engine in the middle knows neither Spring, Kafka nor its edges (http, kafka, web,
 * system); the edges know the engine's public surface; only {@code system} wires them together. Each rule is also
 * shown to fail on a fixture class in test sources that breaks it, so that a rule matching nothing cannot pass
 * silently.
 */
@AnalyzeClasses(packages = "io.perfplane.loadgen", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String ENGINE = "io.perfplane.loadgen.engine..";
  private static final String HTTP = "io.perfplane.loadgen.http..";
  private static final String KAFKA = "io.perfplane.loadgen.kafka..";
  private static final String WEB = "io.perfplane.loadgen.web..";
  private static final String SYSTEM = "io.perfplane.loadgen.system..";

  @ArchTest
  static final ArchTests serviceRules = ArchTests.in(ServiceRules.class);

  @ArchTest
  static final ArchRule engineIsPlain = noClasses().that().resideInAPackage(ENGINE)
      .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..", HTTP, KAFKA,
          WEB, SYSTEM)
      .because("the engine reaches HTTP, Kafka and the wiring only through its own ports");

  @ArchTest
  static final ArchRule httpIsPlain = noClasses().that().resideInAPackage(HTTP)
      .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..")
      .because("the HTTP client is plain sockets, usable and testable without a container or a broker");

  @ArchTest
  static final ArchRule webDoesNotReachKafka = noClasses().that().resideInAPackage(WEB)
      .should().dependOnClassesThat().resideInAPackage(KAFKA)
      .because("the control API talks to the engine; how the engine's events travel is not its business");

  @ArchTest
  static final ArchRule nothingDependsOnTheWiring = noClasses().that().resideOutsideOfPackage(SYSTEM)
      .should().dependOnClassesThat().resideInAPackage(SYSTEM)
      .because("system wires everything, so anything depending on it would depend on everything");

  /** contracts.slo: the SLO definition format has one reader, shared with the analyzer and the launcher. */
  @ArchTest
  static final ArchRule planLogicIsPlainJava = classes().that().resideInAPackage("io.perfplane.loadgen.plan..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("io.perfplane.loadgen.plan..", "java..",
          "org.jspecify..", "io.perfplane.contracts.slo..", "io.perfplane.contracts.net..",
          "io.perfplane.contracts.json..");

  @ArchTest
  static final ArchRule definitionReadingKnowsNothingOfTheEngineOrSpring = classes()
      .that().resideInAPackage("io.perfplane.loadgen.definition..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("io.perfplane.loadgen.definition..",
          "io.perfplane.loadgen.plan..", "java..", "org.jspecify..", "tools.jackson..");

  @Test
  void everyRuleFailsOnItsViolatingFixture() {
    assertThat(engineIsPlain.evaluate(fixtures(SpringAwareEngineFixture.class)).hasViolation()).isTrue();
    assertThat(httpIsPlain.evaluate(fixtures(KafkaAwareHttpFixture.class)).hasViolation()).isTrue();
    assertThat(webDoesNotReachKafka.evaluate(fixtures(KafkaReachingWebFixture.class)).hasViolation()).isTrue();
    assertThat(nothingDependsOnTheWiring.evaluate(fixtures(WiringReachingWebFixture.class, io.perfplane.loadgen.system.WiringFixtureTarget.class)).hasViolation())
        .isTrue();
    // The cycle closes through production code: the sample publisher (kafka) counts on the engine's RunCounters.
    assertThat(ServiceRules.featurePackagesAreFreeOfCycles.evaluate(fixtures(CyclicEngineFixture.class,
        KafkaSamplePublisher.class, RunCounters.class)).hasViolation()).isTrue();
  }

  @Test
  void theRulesHoldOnProductionClassesAlone() {
    // The same evaluation as the fixtures', on the real classes: hasViolation() is not simply always true.
    assertThat(ServiceRules.featurePackagesAreFreeOfCycles.evaluate(fixtures(KafkaSamplePublisher.class,
        RunCounters.class)).hasViolation()).isFalse();
    assertThat(engineIsPlain.evaluate(fixtures(RunCounters.class)).hasViolation()).isFalse();
  }

  private static JavaClasses fixtures(Class<?>... fixtures) {
    return new ClassFileImporter().importClasses(fixtures);
  }
}
