package io.perfplane.api.dashboard;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.perfplane.api.tenant.Tenant;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** Dashboard writes, through the JPA write model. */
@Service
class DashboardCommands {

  static final int MAX_WIDGETS = 12;

  private final DashboardStore store;

  DashboardCommands(DashboardStore store) {
    this.store = store;
  }

  /**
   * Creates a dashboard for {@code tenant}; returns its slug.
   *
   * @throws DashboardRuleViolation invalid input, naming the field
   * @throws DashboardSlugTakenException the tenant already has a dashboard with that slug
   */
  @Transactional
  String create(Tenant tenant, NewDashboard input) {
    Dashboard dashboard = Dashboard.create(tenant.id(), input.slug(), input.name(), layout(input.layout()));
    List<String> logins = input.users() == null ? List.of() : input.users();
    if (new LinkedHashSet<>(logins).size() != logins.size()) {
      throw new DashboardRuleViolation("users", "lists a user twice");
    }
    if (logins.size() > Dashboard.MAX_USERS) {
      throw new DashboardRuleViolation("users", "at most " + Dashboard.MAX_USERS + " users per dashboard");
    }
    Map<String, Long> ids = logins.isEmpty() ? Map.of() : store.findUserIds(tenant.id(), logins).stream()
        .collect(Collectors.toMap(DashboardStore.UserId::getLogin, DashboardStore.UserId::getId));
    for (String login : logins) {
      // Another tenant's user is as unknown as a missing one.
      Long id = ids.get(login);
      if (id == null) {
        throw new DashboardRuleViolation("users", "unknown GitHub user '" + login + "'");
      }
      dashboard.addUser(id);
    }
    if (store.existsByTenantIdAndSlug(tenant.id(), dashboard.slug())) {
      throw new DashboardSlugTakenException(dashboard.slug());
    }
    try {
      store.saveAndFlush(dashboard);
    } catch (DataIntegrityViolationException e) {
      // A concurrent create of the same slug won the race to the unique index.
      throw new DashboardSlugTakenException(dashboard.slug());
    }
    return dashboard.slug();
  }

  /** The layout document as stored: a JSON object whose {@code widgets}, if any, is a bounded array. */
  static String layout(@Nullable JsonNode layout) {
    if (layout == null || layout.isNull() || layout.isMissingNode()) {
      return "{}";
    }
    if (!layout.isObject()) {
      throw new DashboardRuleViolation("layout", "must be a JSON object");
    }
    JsonNode widgets = layout.path("widgets");
    if (!widgets.isMissingNode()) {
      if (!widgets.isArray()) {
        throw new DashboardRuleViolation("layout.widgets", "must be an array");
      }
      if (widgets.size() > MAX_WIDGETS) {
        throw new DashboardRuleViolation("layout.widgets", "at most " + MAX_WIDGETS + " widgets");
      }
    }
    return Objects.requireNonNull(layout.toString());
  }
}
