package io.perfplane.api.dashboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import io.perfplane.api.paging.Page;
import io.perfplane.api.tenant.Tenant;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Controller;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** GraphQL ({@code /api/graphql}) over the same dashboard reads and writes as the REST controller. */
@Controller
class DashboardGraphqlController {

  /** GraphQL input {@code CreateDashboardInput}; {@code layout} is JSON text. */
  record CreateDashboardInput(@Nullable String slug, @Nullable String name, @Nullable String layout,
      @Nullable List<String> users) {
  }

  private final DashboardQueries queries;
  private final DashboardCommands commands;
  private final JsonMapper json;

  DashboardGraphqlController(DashboardQueries queries, DashboardCommands commands, JsonMapper json) {
    this.queries = queries;
    this.commands = commands;
    this.json = json;
  }

  @QueryMapping
  Page<DashboardRepository.Node> dashboards(@ContextValue(Tenant.GRAPHQL_CONTEXT_KEY) Tenant tenant,
      @Argument int page, @Argument int size) {
    checkPage(page, size);
    return queries.nodes(tenant, page, size);
  }

  @QueryMapping
  DashboardRepository.@Nullable Node dashboard(@ContextValue(Tenant.GRAPHQL_CONTEXT_KEY) Tenant tenant,
      @Argument String slug) {
    return queries.node(tenant, slug).orElse(null);
  }

  @MutationMapping
  DashboardRepository.Node createDashboard(@ContextValue(Tenant.GRAPHQL_CONTEXT_KEY) Tenant tenant,
      @Argument CreateDashboardInput input) {
    String slug = commands.create(tenant, new NewDashboard(input.slug(), input.name(), parseLayout(input.layout()),
        input.users()));
    return queries.node(tenant, slug).orElseThrow();
  }

  /** All dashboards of a response get their users from one statement (no N+1). */
  @BatchMapping(typeName = "Dashboard", field = "users")
  Map<DashboardRepository.Node, List<DashboardViews.User>> users(List<DashboardRepository.Node> dashboards) {
    Map<Long, List<DashboardViews.User>> byId =
        queries.usersOf(dashboards.stream().map(DashboardRepository.Node::id).toList());
    Map<DashboardRepository.Node, List<DashboardViews.User>> users = new LinkedHashMap<>();
    dashboards.forEach(node -> users.put(node, byId.getOrDefault(node.id(), List.of())));
    return users;
  }

  @GraphQlExceptionHandler
  GraphQLError invalid(DashboardRuleViolation violation, DataFetchingEnvironment environment) {
    return badRequest(environment, violation.field(), violation.getMessage());
  }

  @GraphQlExceptionHandler
  GraphQLError slugTaken(DashboardSlugTakenException taken, DataFetchingEnvironment environment) {
    return badRequest(environment, "slug", taken.getMessage());
  }

  private static GraphQLError badRequest(DataFetchingEnvironment environment, String field,
      @Nullable String message) {
    return GraphqlErrorBuilder.newError(environment)
        .errorType(ErrorType.BAD_REQUEST)
        .message("Invalid field '%s': %s", field, message == null ? "is invalid" : message)
        .extensions(Map.of("field", field))
        .build();
  }

  private @Nullable JsonNode parseLayout(@Nullable String layout) {
    if (layout == null) {
      return null;
    }
    try {
      return json.readTree(layout);
    } catch (JacksonException e) {
      throw new DashboardRuleViolation("layout", "must be a JSON object");
    }
  }

  static void checkPage(int page, int size) {
    if (page < 0) {
      throw new DashboardRuleViolation("page", "must be greater than or equal to 0");
    }
    if (size < 1 || size > Page.MAX_SIZE) {
      throw new DashboardRuleViolation("size", "must be between 1 and " + Page.MAX_SIZE);
    }
  }
}
