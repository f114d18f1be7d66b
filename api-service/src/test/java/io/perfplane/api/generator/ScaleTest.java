package io.perfplane.api.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScaleTest {

  @Test
  void namedScalesHaveTheDocumentedSizes() {
    assertThat(Scale.named("1k")).contains(new Scale("1k", 100, 20, 500));
    assertThat(Scale.named("10K")).contains(new Scale("10k", 1_000, 100, 5_000));
    assertThat(Scale.named("huge")).isEmpty();
  }

  @Test
  void overridesMakeACustomScaleWithATenantOfItsOwn() {
    Scale scale = GeneratorCommand.scale(GeneratorCommand.options(new String[] {"generate", "--scale", "10k",
        "--activities=1_000_000"}));

    assertThat(scale).isEqualTo(new Scale("custom-1000000", 1_000, 100, 1_000_000));
    assertThat(scale.apiKey()).isEqualTo("gen-custom-1000000-key");
    assertThat(GeneratorCommand.scale(GeneratorCommand.options(new String[] {"generate", "--scale", "10k"})))
        .isEqualTo(Scale.named("10k").orElseThrow());
    assertThatThrownBy(() -> GeneratorCommand.options(new String[] {"generate", "--scale"}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new Scale("Bad Label", 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Scale("ok", 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
