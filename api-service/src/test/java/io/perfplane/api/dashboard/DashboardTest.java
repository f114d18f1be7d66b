package io.perfplane.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** The write model's invariants, without Spring or a database. */
class DashboardTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @ParameterizedTest
  @ValueSource(strings = {"", "Upper", "two  spaces", "-leading", "trailing-", "double--dash", "ünïcode",
      "a-very-long-slug-that-goes-on-and-on-and-on-well-past-sixty-four-chars"})
  void rejectsMalformedSlugsNamingTheField(String slug) {
    assertThatThrownBy(() -> Dashboard.create(1, slug, "Name", "{}"))
        .isInstanceOfSatisfying(DashboardRuleViolation.class, e -> assertThat(e.field()).isEqualTo("slug"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "team-7", "oss-radar", "x1-y2-z3"})
  void acceptsDashSeparatedLowerCaseSlugs(String slug) {
    assertThat(Dashboard.create(1, slug, "Name", "{}").slug()).isEqualTo(slug);
  }

  @Test
  void nameIsRequiredAndStripped() {
    assertThat(Dashboard.create(1, "s", "  Team  ", "{}").name()).isEqualTo("Team");
    assertThatThrownBy(() -> Dashboard.create(1, "s", "   ", "{}"))
        .isInstanceOfSatisfying(DashboardRuleViolation.class, e -> assertThat(e.field()).isEqualTo("name"));
    assertThatThrownBy(() -> Dashboard.create(1, "s", null, "{}")).isInstanceOf(DashboardRuleViolation.class);
    assertThatThrownBy(() -> Dashboard.create(1, "s", "n".repeat(101), "{}"))
        .isInstanceOf(DashboardRuleViolation.class);
  }

  @Test
  void usersAreDistinctBoundedAndCarryTheDashboardsTenant() {
    Dashboard dashboard = Dashboard.create(7, "s", "Name", "{}");
    dashboard.addUser(10);

    assertThat(dashboard.members()).containsExactly(new DashboardMember(7, 10));
    assertThatThrownBy(() -> dashboard.addUser(10))
        .isInstanceOfSatisfying(DashboardRuleViolation.class, e -> assertThat(e.field()).isEqualTo("users"));
    for (long id = 11; dashboard.members().size() < Dashboard.MAX_USERS; id++) {
      dashboard.addUser(id);
    }
    assertThatThrownBy(() -> dashboard.addUser(999)).isInstanceOf(DashboardRuleViolation.class);
  }

  @Test
  void layoutMustBeAnObjectWithABoundedWidgetsArray() {
    assertThat(DashboardCommands.layout(null)).isEqualTo("{}");
    assertThat(DashboardCommands.layout(JSON.readTree("{\"widgets\": [{\"type\": \"x\"}]}")))
        .isEqualTo("{\"widgets\":[{\"type\":\"x\"}]}");
    assertThatThrownBy(() -> DashboardCommands.layout(JSON.readTree("[1]")))
        .isInstanceOfSatisfying(DashboardRuleViolation.class, e -> assertThat(e.field()).isEqualTo("layout"));
    assertThatThrownBy(() -> DashboardCommands.layout(JSON.readTree("{\"widgets\": 3}")))
        .isInstanceOfSatisfying(DashboardRuleViolation.class,
            e -> assertThat(e.field()).isEqualTo("layout.widgets"));
    assertThatThrownBy(() -> DashboardCommands.layout(JSON.readTree("{\"widgets\": [" + "{},".repeat(12) + "{}]}")))
        .isInstanceOf(DashboardRuleViolation.class);
  }
}
