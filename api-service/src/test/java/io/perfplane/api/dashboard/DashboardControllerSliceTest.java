package io.perfplane.api.dashboard;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.perfplane.api.github.Freshness;
import io.perfplane.api.github.GithubSync;
import io.perfplane.api.tenant.Plan;
import io.perfplane.api.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard web layer alone ({@code @WebMvcTest}): request mapping, the real {@link DashboardCommands} rules
 * and their problem+json rendering. Persistence and the read queries are stand-ins here (the database-backed
 * behaviour is covered by {@link DashboardWritesTest} and {@link DashboardStoreTest}); the tenant is fixed.
 */
@WebMvcTest(controllers = DashboardController.class,
    excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = WebMvcConfigurer.class))
@Import({DashboardCommands.class, DashboardControllerSliceTest.FixedTenant.class})
class DashboardControllerSliceTest {

  static final Tenant TENANT = new Tenant(42, "Slice Labs", Plan.PREMIUM);

  /** Replaces API-key resolution, which needs the tenants table. */
  @TestConfiguration
  static class FixedTenant implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
      resolvers.add(new HandlerMethodArgumentResolver() {
        @Override
        public boolean supportsParameter(MethodParameter parameter) {
          return parameter.getParameterType() == Tenant.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter,
            org.springframework.web.method.support.@org.jspecify.annotations.Nullable ModelAndViewContainer mav,
            org.springframework.web.context.request.NativeWebRequest request,
            org.springframework.web.bind.support.@org.jspecify.annotations.Nullable WebDataBinderFactory binders) {
          return TENANT;
        }
      });
    }
  }

  @Autowired
  private MockMvc mvc;
  @MockitoBean
  private DashboardQueries queries;
  @MockitoBean
  private DashboardStore store;
  @MockitoBean
  private GithubSync github;

  @Test
  void createReturns201WithLocationAndTheStoredDashboard() throws Exception {
    given(store.findUserIds(eq(42L), any())).willReturn(List.of(userId("ann", 7)));
    given(queries.detail(TENANT, "night")).willReturn(
        new DashboardViews.Detail("night", "Night", "{}", List.of(new DashboardViews.User("ann", null))));

    mvc.perform(post("/api/dashboards").contentType(MediaType.APPLICATION_JSON)
            .content("{\"slug\": \"night\", \"name\": \"Night\", \"users\": [\"ann\"]}"))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/dashboards/night"))
        .andExpect(jsonPath("$.users[0].login").value("ann"));
    verify(store).saveAndFlush(any(Dashboard.class));
  }

  @Test
  void invalidSlugIs400ProblemNamingItWithoutTouchingTheStore() throws Exception {
    mvc.perform(post("/api/dashboards").contentType(MediaType.APPLICATION_JSON)
            .content("{\"slug\": \"Not A Slug\", \"name\": \"x\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value("slug"))
        .andExpect(jsonPath("$.status").value(400));
    verify(store, never()).saveAndFlush(any());
  }

  @Test
  void unknownUserIs400NamingUsers() throws Exception {
    given(store.findUserIds(anyLong(), any())).willReturn(List.of());

    mvc.perform(post("/api/dashboards").contentType(MediaType.APPLICATION_JSON)
            .content("{\"slug\": \"s\", \"name\": \"x\", \"users\": [\"ghost\"]}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("users"))
        .andExpect(jsonPath("$.errors[0].message").value("unknown GitHub user 'ghost'"));
  }

  @Test
  void overviewCarriesTheUpstreamFreshness() throws Exception {
    given(github.refreshDashboard(42, "eng")).willReturn(Freshness.STALE);
    given(queries.overview(TENANT, "eng", Freshness.STALE)).willReturn(new DashboardViews.Overview("eng", "Eng", 1,
        Map.of(), List.of(), Instant.parse("2026-10-31T12:00:00Z"), true, Instant.parse("2026-10-31T11:00:00Z")));

    mvc.perform(get("/api/dashboards/eng/overview"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.stale").value(true))
        .andExpect(jsonPath("$.syncedAt").value("2026-10-31T11:00:00Z"));
  }

  private static DashboardStore.UserId userId(String login, long id) {
    return new DashboardStore.UserId() {
      @Override
      public String getLogin() {
        return login;
      }

      @Override
      public Long getId() {
        return id;
      }
    };
  }
}
