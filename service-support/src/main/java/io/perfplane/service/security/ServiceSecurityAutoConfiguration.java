package io.perfplane.service.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Bearer-token security for every service that declares {@link AccessRules}: static tokens and JWTs of the
 * configured OIDC issuer ({@link PerfplaneSecurityProperties}), the service's rules, health, info and Prometheus
 * open, 401/403 as problem+json ({@link ProblemResponses}). Stateless: no session, no CSRF token (no cookies are
 * ever issued, so there is nothing for a cross-site request to ride on).
 */
@AutoConfiguration(beforeName = {
    "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
    "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
    "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web"
        + ".OAuth2ResourceServerWebSecurityAutoConfiguration"})
@ConditionalOnClass({SecurityFilterChain.class, JwtDecoder.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(AccessRules.class)
@EnableWebSecurity
@EnableConfigurationProperties(PerfplaneSecurityProperties.class)
public class ServiceSecurityAutoConfiguration {

  /** Open to anyone: probes, scrapes (reach them on the cluster network only) and the API's description. */
  static final List<String> OPEN_PATHS = List.of("/actuator/health", "/actuator/health/**", "/actuator/info",
      "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**");

  @Bean
  SecurityFilterChain perfplaneSecurityFilterChain(HttpSecurity http, AccessRules accessRules,
      PerfplaneSecurityProperties properties, ObjectProvider<Clock> clock) throws Exception {
    List<Map.Entry<RequestMatcher, Scope>> rules = new ArrayList<>();
    for (AccessRule rule : accessRules.rules()) {
      rules.add(Map.entry(PathPatternRequestMatcher.withDefaults().matcher(rule.method(), rule.pattern()),
          rule.scope()));
    }
    ProblemResponses problems = new ProblemResponses(accessRules.realm(), rules);
    TokenAuthenticationManager manager = new TokenAuthenticationManager(new StaticTokens(properties.allTokens()),
        jwtProvider(properties.jwt(), clock.getIfUnique(Clock::systemUTC)));
    http.authorizeHttpRequests(authorize -> {
      for (String open : OPEN_PATHS) {
        authorize.requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(open)).permitAll();
      }
      // Spring's error page, reached by forward after a controller failed for an already authorized request.
      authorize.dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ERROR).permitAll();
      for (Map.Entry<RequestMatcher, Scope> rule : rules) {
        authorize.requestMatchers(rule.getKey()).hasAuthority(rule.getValue().authority());
      }
      authorize.anyRequest().authenticated();
    });
    http.oauth2ResourceServer(resourceServer -> resourceServer
        .authenticationManagerResolver(request -> manager)
        .authenticationEntryPoint(problems)
        .accessDeniedHandler(problems));
    http.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
    http.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    http.csrf(csrf -> csrf.disable());
    http.requestCache(cache -> cache.disable());
    return http.build();
  }

  /** The JWT half of the authentication, null without an issuer; {@code clock} judges expiry. */
  static @Nullable JwtAuthenticationProvider jwtProvider(PerfplaneSecurityProperties.Jwt settings, Clock clock) {
    if (settings.issuerUri() == null && settings.jwkSetUri() == null) {
      return null;
    }
    return new JwtAuthenticationProvider(decoder(settings, validator(settings, clock)));
  }

  private static JwtDecoder decoder(PerfplaneSecurityProperties.Jwt settings, OAuth2TokenValidator<Jwt> validator) {
    String jwkSetUri = settings.jwkSetUri();
    String issuer = settings.issuerUri();
    if (jwkSetUri != null) {
      NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
      decoder.setJwtValidator(validator);
      return decoder;
    }
    // Discovery on the first JWT rather than at startup: the service starts while the issuer is unreachable.
    return new SupplierJwtDecoder(() -> {
      NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(java.util.Objects.requireNonNull(issuer));
      decoder.setJwtValidator(validator);
      return decoder;
    });
  }

  private static OAuth2TokenValidator<Jwt> validator(PerfplaneSecurityProperties.Jwt settings, Clock clock) {
    List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
    JwtTimestampValidator timestamps = new JwtTimestampValidator();
    timestamps.setClock(clock);
    validators.add(timestamps);
    if (settings.issuerUri() != null) {
      validators.add(new JwtIssuerValidator(settings.issuerUri()));
    }
    String audience = settings.audience();
    if (audience != null) {
      validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
          aud -> aud != null && aud.contains(audience)));
    }
    return new DelegatingOAuth2TokenValidator<>(validators);
  }
}
