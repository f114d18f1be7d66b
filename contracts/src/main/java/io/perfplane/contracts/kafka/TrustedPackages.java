package io.perfplane.contracts.kafka;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate generated classes outside trusted packages. The generated contract classes are
 * trusted here, in code, so no service has to remember {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES}.
 */
final class TrustedPackages {

  static final String CONTRACTS_PACKAGE = "io.perfplane.contracts.";

  private static boolean installed;

  private TrustedPackages() {
  }

  static synchronized void install() {
    if (installed) {
      return;
    }
    ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
        type -> type.getName().startsWith(CONTRACTS_PACKAGE)));
    installed = true;
  }
}
