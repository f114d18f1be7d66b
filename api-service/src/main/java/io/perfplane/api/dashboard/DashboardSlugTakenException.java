package io.perfplane.api.dashboard;

/** 409: the tenant already has a dashboard with this slug (slugs are unique per tenant, not globally). */
final class DashboardSlugTakenException extends RuntimeException {

  private final String slug;

  DashboardSlugTakenException(String slug) {
    super("A dashboard '" + slug + "' already exists");
    this.slug = slug;
  }

  String slug() {
    return slug;
  }
}
