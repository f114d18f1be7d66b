package io.perfplane.api.system;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The exception mapping alone, on a stand-alone MockMvc: no database needed to make it unavailable. */
class ProblemDetailsAdviceTest {

  @RestController
  static class FailingController {

    @GetMapping("/fail/{how}")
    String fail(@PathVariable String how) {
      throw switch (how) {
        case "pool" -> new CannotCreateTransactionException("Connection is not available, request timed out");
        case "connect" -> new CannotGetJdbcConnectionException("Connection refused");
        default -> new QueryTimeoutException("canceling statement due to statement timeout");
      };
    }
  }

  private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FailingController())
      .setControllerAdvice(new ProblemDetailsAdvice())
      .build();

  @ParameterizedTest
  @ValueSource(strings = {"pool", "connect", "timeout"})
  void databaseTroubleIs503ProblemJson(String how) throws Exception {
    mvc.perform(get("/fail/{how}", how))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("Database unavailable"));
  }
}
