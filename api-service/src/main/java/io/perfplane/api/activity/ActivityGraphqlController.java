package io.perfplane.api.activity;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import io.perfplane.api.paging.Page;
import io.perfplane.api.system.InvalidParameterException;
import io.perfplane.api.tenant.Tenant;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Controller;

/** GraphQL {@code userActivities}: the same read as {@code GET /api/users/{login}/activities}. */
@Controller
class ActivityGraphqlController {

  private final ActivityQueries queries;

  ActivityGraphqlController(ActivityQueries queries) {
    this.queries = queries;
  }

  @QueryMapping
  Page<UserActivity> userActivities(@ContextValue(Tenant.GRAPHQL_CONTEXT_KEY) Tenant tenant,
      @Argument String login, @Argument @Nullable String from, @Argument @Nullable String to,
      @Argument int page, @Argument int size) {
    if (page < 0) {
      throw new InvalidParameterException("page", "must be greater than or equal to 0");
    }
    if (size < 1 || size > Page.MAX_SIZE) {
      throw new InvalidParameterException("size", "must be between 1 and " + Page.MAX_SIZE);
    }
    return queries.userActivities(tenant, login, instant("from", from), instant("to", to), page, size);
  }

  @GraphQlExceptionHandler
  GraphQLError unknownUser(GithubUserNotFoundException notFound, DataFetchingEnvironment environment) {
    return GraphqlErrorBuilder.newError(environment).errorType(ErrorType.NOT_FOUND)
        .message("%s", notFound.getBody().getDetail()).build();
  }

  @GraphQlExceptionHandler
  GraphQLError invalid(InvalidParameterException invalid, DataFetchingEnvironment environment) {
    return GraphqlErrorBuilder.newError(environment).errorType(ErrorType.BAD_REQUEST)
        .message("%s", invalid.getBody().getDetail()).extensions(Map.of("field", invalid.parameter())).build();
  }

  private static @Nullable Instant instant(String argument, @Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidParameterException(argument, "must be an ISO-8601 instant");
    }
  }
}
