package io.perfplane.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.test.context.ActiveProfiles;

/**
 * The JPA write model against the real PostgreSQL schema (Flyway-migrated, no embedded replacement): mapping of
 * jsonb and the member table, and the constraints the database adds to the entity's own invariants. Each test
 * rolls back.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ActiveProfiles("test")
class DashboardStoreTest {

  @Autowired
  private DashboardStore store;
  @Autowired
  private EntityManager entityManager;

  private long acme;
  private long globex;
  private long acmeUser;
  private long globexUser;

  @BeforeEach
  void tenants() {
    acme = insertReturningId("insert into tenants (name, plan, api_key_hash) values ('JPA Acme', 'basic', "
        + "repeat('a', 64)) returning id");
    globex = insertReturningId("insert into tenants (name, plan, api_key_hash) values ('JPA Globex', 'premium', "
        + "repeat('b', 64)) returning id");
    acmeUser = insertReturningId("insert into github_users (tenant_id, login) values (" + acme
        + ", 'wile') returning id");
    globexUser = insertReturningId("insert into github_users (tenant_id, login) values (" + globex
        + ", 'hank') returning id");
  }

  @Test
  void roundTripsLayoutJsonAndMembers() {
    Dashboard dashboard = Dashboard.create(acme, "roadrunner", "Road Runner", "{\"widgets\": [{\"type\": \"x\"}]}");
    dashboard.addUser(acmeUser);
    long id = store.saveAndFlush(dashboard).id();
    entityManager.clear();

    Dashboard loaded = store.findById(id).orElseThrow();
    assertThat(loaded.slug()).isEqualTo("roadrunner");
    assertThat(loaded.layout()).isEqualTo("{\"widgets\": [{\"type\": \"x\"}]}");
    assertThat(loaded.members()).containsExactly(new DashboardMember(acme, acmeUser));
    assertThat(entityManager.createNativeQuery(
            "select jsonb_array_length(layout -> 'widgets') from dashboards where id = " + id)
        .getSingleResult()).isEqualTo(1);
    assertThat(store.existsByTenantIdAndSlug(acme, "roadrunner")).isTrue();
    assertThat(store.existsByTenantIdAndSlug(globex, "roadrunner")).isFalse();
  }

  @Test
  void userLookupSeesOnlyTheTenantsOwnUsers() {
    assertThat(store.findUserIds(acme, List.of("wile", "hank")))
        .extracting(DashboardStore.UserId::getLogin).containsExactly("wile");
  }

  @Test
  void theDatabaseRefusesAMemberFromAnotherTenant() {
    Dashboard dashboard = Dashboard.create(acme, "sneaky", "Sneaky", "{}");
    dashboard.addUser(globexUser);

    assertThatThrownBy(() -> store.saveAndFlush(dashboard)).isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void slugsAreUniquePerTenantOnly() {
    store.saveAndFlush(Dashboard.create(acme, "shared", "Acme's", "{}"));
    store.saveAndFlush(Dashboard.create(globex, "shared", "Globex's", "{}"));

    assertThatThrownBy(() -> store.saveAndFlush(Dashboard.create(acme, "shared", "Again", "{}")))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  private long insertReturningId(String sql) {
    return ((Number) entityManager.createNativeQuery(sql).getSingleResult()).longValue();
  }
}
