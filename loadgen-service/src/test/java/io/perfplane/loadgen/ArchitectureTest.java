package io.perfplane.loadgen;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
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
class ArchitectureTest {

  private static final String ENGINE = "io.perfplane.loadgen.engine..";
  private static final String HTTP = "io.perfplane.loadgen.http..";
  private static final String KAFKA = "io.perfplane.loadgen.kafka..";
  private static final String WEB = "io.perfplane.loadgen.web..";
  private static final String SYSTEM = "io.perfplane.loadgen.system..";

  private final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.perfplane.loadgen");

  static final ArchRule ENGINE_IS_PLAIN = noClasses().that().resideInAPackage(ENGINE)
      .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..", HTTP, KAFKA,
          WEB, SYSTEM)
      .because("the engine reaches HTTP, Kafka and the wiring only through its own ports");

  static final ArchRule HTTP_IS_PLAIN = noClasses().that().resideInAPackage(HTTP)
      .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..")
      .because("the HTTP client is plain sockets, usable and testable without a container or a broker");

  static final ArchRule WEB_DOES_NOT_REACH_KAFKA = noClasses().that().resideInAPackage(WEB)
      .should().dependOnClassesThat().resideInAPackage(KAFKA)
      .because("the control API talks to the engine; how the engine's events travel is not its business");

  static final ArchRule NOTHING_DEPENDS_ON_THE_WIRING = noClasses().that().resideOutsideOfPackage(SYSTEM)
      .should().dependOnClassesThat().resideInAPackage(SYSTEM)
      .because("system wires everything, so anything depending on it would depend on everything");

  static final ArchRule FEATURES_ARE_FREE_OF_CYCLES = slices().matching("io.perfplane.loadgen.(*)..")
      .should().beFreeOfCycles();

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
  void theEngineImportsNeitherSpringNorKafkaNorItsEdges() {
    ENGINE_IS_PLAIN.check(classes);
  }

  @Test
  void theHttpClientImportsNeitherSpringNorKafka() {
    HTTP_IS_PLAIN.check(classes);
  }

  @Test
  void theControlApiDoesNotReachKafka() {
    WEB_DOES_NOT_REACH_KAFKA.check(classes);
  }

  @Test
  void onlyTheWiringKnowsTheWiring() {
    NOTHING_DEPENDS_ON_THE_WIRING.check(classes);
  }

  @Test
  void featurePackagesAreFreeOfCycles() {
    FEATURES_ARE_FREE_OF_CYCLES.check(classes);
  }

  @Test
  void everyRuleFailsOnItsViolatingFixture() {
    assertThat(ENGINE_IS_PLAIN.evaluate(fixtures(SpringAwareEngineFixture.class)).hasViolation()).isTrue();
    assertThat(HTTP_IS_PLAIN.evaluate(fixtures(KafkaAwareHttpFixture.class)).hasViolation()).isTrue();
    assertThat(WEB_DOES_NOT_REACH_KAFKA.evaluate(fixtures(KafkaReachingWebFixture.class)).hasViolation()).isTrue();
    assertThat(NOTHING_DEPENDS_ON_THE_WIRING.evaluate(fixtures(WiringReachingWebFixture.class)).hasViolation())
        .isTrue();
    // The cycle closes through production code: the sample publisher (kafka) counts on the engine's RunCounters.
    assertThat(FEATURES_ARE_FREE_OF_CYCLES.evaluate(fixtures(CyclicEngineFixture.class, KafkaSamplePublisher.class,
        RunCounters.class)).hasViolation()).isTrue();
  }

  @Test
  void theRulesHoldOnProductionClassesAlone() {
    // The same evaluation as the fixtures', on the real classes: hasViolation() is not simply always true.
    assertThat(FEATURES_ARE_FREE_OF_CYCLES.evaluate(fixtures(KafkaSamplePublisher.class, RunCounters.class))
        .hasViolation()).isFalse();
    assertThat(ENGINE_IS_PLAIN.evaluate(fixtures(RunCounters.class)).hasViolation()).isFalse();
  }

  private static JavaClasses fixtures(Class<?>... fixtures) {
    return new ClassFileImporter().importClasses(fixtures);
  }
}
