package io.perfplane.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.HashSet;
import java.util.Set;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The boundaries every perfplane service keeps, whatever its features. A service's {@code ArchitectureTest}
 * includes them with {@code @ArchTest static final ArchTests serviceRules = ArchTests.in(ServiceRules.class);}
 * beside its own rules, and analyses its main classes only ({@code ImportOption.DoNotIncludeTests}).
 *
 * <p>A service's feature packages are the first level below its root, {@code io.perfplane.<service>.<feature>..}.
 */
public final class ServiceRules {

  /** A feature may use another, never in a circle: each can then be read, tested and moved on its own. */
  @ArchTest
  public static final ArchRule featurePackagesAreFreeOfCycles = slices()
      .matching("io.perfplane.*.(*)..").namingSlices("feature '$1'")
      .should().beFreeOfCycles()
      .as("a service's feature packages are free of cycles");

  /**
   * Package-private by default: a top-level type is public only when it is an entry point (the application class,
   * a {@code main}), another package of the service uses it, or the public signature of such a type names it (a
   * record component, a parameter, a return type: callers must be able to name it). Everything a feature keeps to
   * itself stays hidden, so its public surface is exactly what other features depend on. Shared formats live in
   * {@code contracts}.
   */
  @ArchTest
  public static final ArchRule onlyEntryPointsArePublic = classes()
      .that().arePublic().and().areTopLevelClasses()
      .should(beAnEntryPoint())
      .as("only entry points are public (public types are used from another package, or start the service)");

  private ServiceRules() {
  }

  static ArchCondition<JavaClass> beAnEntryPoint() {
    return new ArchCondition<>("be an entry point") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        if (startsAnApplication(type) || published(type, new HashSet<>())) {
          return;
        }
        events.add(SimpleConditionEvent.violated(type, type.getName()
            + " is public but used only inside " + type.getPackageName() + ": make it package-private"));
      }
    };
  }

  private static boolean startsAnApplication(JavaClass type) {
    return type.isMetaAnnotatedWith("org.springframework.boot.autoconfigure.SpringBootApplication")
        || type.isAnnotatedWith("org.springframework.boot.autoconfigure.SpringBootApplication")
        || type.getMethods().stream().anyMatch(ServiceRules::isMain);
  }

  private static boolean isMain(JavaMethod method) {
    return method.getName().equals("main") && method.getModifiers().contains(JavaModifier.STATIC)
        && method.getModifiers().contains(JavaModifier.PUBLIC);
  }

  /** Used from another package, or named by the public signature of a type that is. */
  private static boolean published(JavaClass type, Set<JavaClass> seen) {
    if (!seen.add(type)) {
      return false;
    }
    String home = type.getPackageName();
    for (Dependency dependency : type.getDirectDependenciesToSelf()) {
      if (!dependency.getOriginClass().getPackageName().equals(home)) {
        return true;
      }
    }
    for (JavaClass neighbour : type.getPackage().getClasses()) {
      boolean nestedInType = neighbour.getEnclosingClass().map(type::equals).orElse(false);
      // Nested types (ValidPlan.Step, ...) reached from elsewhere need their enclosing type public too.
      if ((nestedInType || exposes(neighbour, type)) && published(neighbour, seen)) {
        return true;
      }
    }
    return false;
  }

  private static boolean exposes(JavaClass owner, JavaClass type) {
    if (owner.equals(type) || !owner.getModifiers().contains(JavaModifier.PUBLIC)) {
      return false;
    }
    boolean inMethods = owner.getMethods().stream().filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC))
        .anyMatch(m -> m.getRawReturnType().equals(type) || m.getRawParameterTypes().contains(type));
    boolean inConstructors = owner.getConstructors().stream()
        .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
        .anyMatch(c -> c.getRawParameterTypes().contains(type));
    boolean inFields = owner.getFields().stream().filter(f -> f.getModifiers().contains(JavaModifier.PUBLIC))
        .anyMatch(f -> f.getRawType().equals(type));
    return inMethods || inConstructors || inFields;
  }
}
