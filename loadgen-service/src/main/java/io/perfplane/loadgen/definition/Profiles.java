package io.perfplane.loadgen.definition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import io.perfplane.loadgen.plan.TestDefinition;

/**
 * The built-in test definitions for the dashboard app (api-service), shipped as YAML resources under
 * {@code profiles/}: {@code seed}, {@code smoke}, {@code 1k-users}, {@code 10k-users}.
 */
public final class Profiles {

  public static final List<String> NAMES = List.of("seed", "smoke", "1k-users", "10k-users");

  private Profiles() {
  }

  /** The profile's YAML text, if {@code name} is a built-in profile. */
  public static Optional<String> text(String name) {
    if (!NAMES.contains(name)) {
      return Optional.empty();
    }
    try (InputStream in = Profiles.class.getClassLoader().getResourceAsStream("profiles/" + name + ".yaml")) {
      if (in == null) {
        throw new IllegalStateException("profile resource profiles/" + name + ".yaml is missing from the build");
      }
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The parsed (not yet validated) profile. */
  public static Optional<TestDefinition> load(String name) {
    return text(name).map(text -> DefinitionReader.parse(text, DefinitionReader.Format.YAML));
  }
}
