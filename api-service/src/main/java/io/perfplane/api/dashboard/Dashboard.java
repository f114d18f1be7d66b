package io.perfplane.api.dashboard;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard write model (JPA; reads go through {@link DashboardRepository}'s SQL, see ADR 0003). Its
 * invariants hold for every instance: a URL-safe slug, a non-blank name, a bounded set of distinct users. A
 * violation throws {@link DashboardRuleViolation} naming the input field.
 */
@Entity
@Table(name = "dashboards")
class Dashboard {

  static final int MAX_SLUG_LENGTH = 64;
  static final int MAX_NAME_LENGTH = 100;
  static final int MAX_USERS = 50;
  private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private @Nullable Long id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private long tenantId;

  @Column(nullable = false, updatable = false)
  private String slug;

  @Column(nullable = false)
  private String name;

  // A JSON document validated by DashboardCommands; the cast lets pgjdbc bind a string to the jsonb column.
  @ColumnTransformer(write = "?::jsonb")
  @Column(nullable = false, columnDefinition = "jsonb")
  private String layout;

  @ElementCollection
  @CollectionTable(name = "dashboard_users", joinColumns = @JoinColumn(name = "dashboard_id"))
  private Set<DashboardMember> members = new LinkedHashSet<>();

  /** For JPA only. */
  @SuppressWarnings("NullAway.Init")
  protected Dashboard() {
  }

  private Dashboard(long tenantId, String slug, String name, String layout) {
    this.tenantId = tenantId;
    this.slug = slug;
    this.name = name;
    this.layout = layout;
  }

  /**
   * A new dashboard of tenant {@code tenantId}.
   *
   * @param layout a JSON object document
   * @throws DashboardRuleViolation if the slug or name is missing or malformed
   */
  static Dashboard create(long tenantId, @Nullable String slug, @Nullable String name, String layout) {
    return new Dashboard(tenantId, checkSlug(slug), checkName(name), layout);
  }

  /**
   * Puts a GitHub user of the same tenant on the dashboard.
   *
   * @throws DashboardRuleViolation (field {@code users}) if already on it or the dashboard is full
   */
  void addUser(long githubUserId) {
    if (members.size() >= MAX_USERS) {
      throw new DashboardRuleViolation("users", "at most " + MAX_USERS + " users per dashboard");
    }
    if (!members.add(new DashboardMember(tenantId, githubUserId))) {
      throw new DashboardRuleViolation("users", "lists a user twice");
    }
  }

  void rename(@Nullable String newName) {
    this.name = checkName(newName);
  }

  @Nullable Long id() {
    return id;
  }

  long tenantId() {
    return tenantId;
  }

  String slug() {
    return slug;
  }

  String name() {
    return name;
  }

  String layout() {
    return layout;
  }

  Set<DashboardMember> members() {
    return Collections.unmodifiableSet(members);
  }

  private static String checkSlug(@Nullable String slug) {
    if (slug == null || slug.isEmpty()) {
      throw new DashboardRuleViolation("slug", "must not be empty");
    }
    if (slug.length() > MAX_SLUG_LENGTH || !SLUG.matcher(slug).matches()) {
      throw new DashboardRuleViolation("slug",
          "must be lower-case letters and digits in dash-separated words, at most " + MAX_SLUG_LENGTH + " characters");
    }
    return slug;
  }

  private static String checkName(@Nullable String name) {
    String stripped = name == null ? "" : name.strip();
    if (stripped.isEmpty()) {
      throw new DashboardRuleViolation("name", "must not be blank");
    }
    if (stripped.length() > MAX_NAME_LENGTH) {
      throw new DashboardRuleViolation("name", "must be at most " + MAX_NAME_LENGTH + " characters");
    }
    return stripped;
  }
}
