package io.perfplane.api.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.perfplane.api.tenant.Plan;
import org.junit.jupiter.api.Test;

class DemoDatasetTest {

  private static final Instant NOW = Instant.parse("2026-10-31T12:00:00Z");

  @Test
  void theSameClockGivesTheSameData() {
    assertThat(DemoDataset.generate(clockAt(NOW))).isEqualTo(DemoDataset.generate(clockAt(NOW)));
  }

  @Test
  void timestampsAreRelativeToTheClock() {
    List<DemoDataset.Tenant> later = DemoDataset.generate(clockAt(NOW.plus(Duration.ofDays(2))));
    List<DemoDataset.Tenant> now = DemoDataset.generate(clockAt(NOW));

    assertThat(later.getFirst().activities().getFirst().occurredAt())
        .isEqualTo(now.getFirst().activities().getFirst().occurredAt().plus(Duration.ofDays(2)));
  }

  @Test
  void describesTheTwoDemoTenants() {
    List<DemoDataset.Tenant> tenants = DemoDataset.generate(clockAt(NOW));

    assertThat(tenants).extracting(DemoDataset.Tenant::name, DemoDataset.Tenant::plan, DemoDataset.Tenant::apiKey)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Candy Corn Labs", Plan.BASIC, "ccl-demo-key"),
            org.assertj.core.groups.Tuple.tuple("Haunted Hollow", Plan.PREMIUM, "hh-demo-key"));
    assertThat(tenants).allSatisfy(tenant -> {
      List<String> logins = tenant.users().stream().map(DemoDataset.User::login).toList();
      assertThat(tenant.dashboards()).extracting(DemoDataset.Dashboard::slug).containsExactly("engineering", "oss-radar");
      assertThat(tenant.dashboards()).allSatisfy(dashboard -> assertThat(logins).containsAll(dashboard.logins()));
      assertThat(tenant.activities()).hasSize(DemoDataset.ACTIVITIES_PER_TENANT)
          .allSatisfy(activity -> {
            assertThat(logins).contains(activity.login());
            assertThat(activity.occurredAt()).isBefore(NOW).isAfterOrEqualTo(NOW.minus(DemoDataset.ACTIVITY_SPAN));
          });
      assertThat(tenant.activities()).extracting(DemoDataset.Activity::sourceId).doesNotHaveDuplicates();
    });
  }

  @Test
  void logins_andSourceIdsDoNotCollideAcrossTenants() {
    List<DemoDataset.Tenant> tenants = DemoDataset.generate(clockAt(NOW));

    assertThat(tenants.get(0).users()).doesNotContainAnyElementsOf(tenants.get(1).users());
    assertThat(tenants.get(0).activities()).extracting(DemoDataset.Activity::sourceId)
        .doesNotContainAnyElementsOf(tenants.get(1).activities().stream().map(DemoDataset.Activity::sourceId).toList());
  }

  private static Clock clockAt(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }
}
