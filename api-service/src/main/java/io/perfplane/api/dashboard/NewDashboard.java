package io.perfplane.api.dashboard;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST /api/dashboards} and input of GraphQL {@code createDashboard}. Components are nullable
 * because clients can omit them; {@link Dashboard} and {@link DashboardCommands} reject what is required.
 *
 * @param slug URL key, unique per tenant: lower-case dash-separated words, at most 64 characters
 * @param name display name, 1..100 characters
 * @param layout a JSON object; {@code widgets}, if present, an array of at most 12; default {@code {}}
 * @param users logins of the tenant's tracked GitHub users, at most 50
 */
record NewDashboard(@Nullable String slug, @Nullable String name, @Nullable JsonNode layout,
    @Nullable List<String> users) {
}
