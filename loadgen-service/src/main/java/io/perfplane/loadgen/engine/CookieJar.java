package io.perfplane.loadgen.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.cookie.Cookie;
import org.apache.hc.client5.http.cookie.CookieOrigin;
import org.apache.hc.client5.http.cookie.CookieSpec;
import org.apache.hc.client5.http.cookie.MalformedCookieException;
import org.apache.hc.client5.http.impl.cookie.RFC6265LaxSpec;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.jspecify.annotations.Nullable;

/**
 * One virtual user's cookies for the target, kept by RFC 6265's rules as Apache HttpClient 5 implements them
 * ({@link RFC6265LaxSpec}: host-only versus Domain cookies, path-match on segment boundaries, {@code Secure} only
 * over https, {@code Max-Age} over {@code Expires}, the lenient date parsing of RFC 6265 §5.1.1). The JDK's
 * {@code java.net.CookieManager} was not used: it domain-matches by RFC 2965 (no cookie for {@code a.b.example.com}
 * from {@code Domain=example.com}), matches paths by string prefix ({@code /api} would get {@code /apix}'s cookies)
 * and expires by the system clock only. Created on the first {@code Set-Cookie}, so a target that sets none costs
 * nothing. Used by one virtual user's thread at a time.
 */
final class CookieJar {

  private static final CookieSpec SPEC = new RFC6265LaxSpec();

  private final String host;
  private final int port;
  private final boolean secure;
  private final Clock clock;
  private final BasicCookieStore store = new BasicCookieStore();

  /**
   * @param host the target host (lower case)
   * @param port the target port
   * @param secure whether the target is https
   */
  CookieJar(String host, int port, boolean secure, Clock clock) {
    this.host = host;
    this.port = port;
    this.secure = secure;
    this.clock = clock;
  }

  /**
   * Stores the cookies of {@code setCookie} header values received for {@code path}; malformed ones and those the
   * rules reject (a Domain the host is not in, ...) are ignored, as browsers do.
   *
   * @param path the request path the response answered, without its query
   */
  void receive(List<String> setCookie, String path) {
    CookieOrigin origin = origin(path);
    for (String value : setCookie) {
      try {
        for (Cookie cookie : SPEC.parse(new BasicHeader("Set-Cookie", value), origin)) {
          SPEC.validate(cookie, origin);
          store.addCookie(cookie); // replaces the same name, domain and path; an expired one only removes
        }
      } catch (MalformedCookieException e) {
        // ignored, like a browser
      }
    }
  }

  /** The {@code Cookie} header value for a request to {@code path} (without query), or null when none matches. */
  @Nullable String header(String path) {
    store.clearExpired(clock.instant());
    CookieOrigin origin = origin(path);
    List<Cookie> matching = new ArrayList<>();
    for (Cookie cookie : store.getCookies()) {
      if (SPEC.match(cookie, origin)) {
        matching.add(cookie);
      }
    }
    if (matching.isEmpty()) {
      return null;
    }
    // RFC 6265 §5.4: longer paths first; the store keeps insertion order otherwise.
    matching.sort((a, b) -> Integer.compare(pathLength(b), pathLength(a)));
    List<Header> headers = SPEC.formatCookies(matching);
    return headers.isEmpty() ? null : headers.getFirst().getValue();
  }

  /** Whether it holds any cookie (expired ones included until the next request clears them). */
  boolean isEmpty() {
    return store.getCookies().isEmpty();
  }

  private static int pathLength(Cookie cookie) {
    return cookie.getPath() == null ? 0 : cookie.getPath().length();
  }

  private CookieOrigin origin(String path) {
    return new CookieOrigin(host, port, path.isEmpty() ? "/" : path, secure);
  }
}
