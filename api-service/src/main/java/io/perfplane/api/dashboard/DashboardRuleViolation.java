package io.perfplane.api.dashboard;

/**
 * A dashboard write broke one of the dashboard's rules. Carries the name of the offending input field, so that
 * REST (problem+json {@code errors[].field}) and GraphQL ({@code extensions.field}) can name it.
 */
final class DashboardRuleViolation extends RuntimeException {

  private final String field;

  DashboardRuleViolation(String field, String message) {
    super(message);
    this.field = field;
  }

  String field() {
    return field;
  }
}
