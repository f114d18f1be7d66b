package io.perfplane.api.dbtime;

import java.math.BigDecimal;
import java.math.RoundingMode;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Adds {@value #HEADER} (milliseconds with three decimals, e.g. {@code 1.250}) to every {@code /api/**} response,
 * errors included, and the same time as a W3C {@value #SERVER_TIMING} entry ({@code db;dur=1.250}), the standard
 * form that browsers' devtools and loadgen read without configuration. It hooks in just before the body is written: a servlet filter would run after the response is
 * committed, too late to add a header.
 */
@ControllerAdvice
class DbQueryDurationHeaderAdvice implements ResponseBodyAdvice<Object> {

  static final String HEADER = "X-Db-Query-Duration";
  static final String SERVER_TIMING = "Server-Timing";

  @Override
  public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
      MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> selectedConverterType,
      ServerHttpRequest request, ServerHttpResponse response) {
    if (request instanceof ServletServerHttpRequest servletRequest && isApi(servletRequest.getServletRequest())) {
      long nanos = DbQueryTimer.requestTotalNanos(servletRequest.getServletRequest());
      String millis = millis(nanos);
      response.getHeaders().set(HEADER, millis);
      response.getHeaders().add(SERVER_TIMING, "db;dur=" + millis);
    }
    return body;
  }

  static String millis(long nanos) {
    return BigDecimal.valueOf(nanos, 6).setScale(3, RoundingMode.HALF_UP).toPlainString();
  }

  private static boolean isApi(HttpServletRequest request) {
    return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
  }
}
