package io.perfplane.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The jar's RFC 6265 rules: domain (host-only or Domain), path, expiry and Secure. */
class CookieJarTest {

  private final Clock now = Clock.systemUTC();

  private CookieJar jar(String host, boolean secure) {
    return new CookieJar(host, secure ? 443 : 80, secure, now);
  }

  @Test
  void aHostOnlyCookieGoesToItsHostOnlyAndADomainCookieToEverySubdomain() {
    CookieJar shop = jar("shop.example.com", false);
    shop.receive(List.of("host=1", "dom=2; Domain=example.com"), "/");
    CookieJar deep = jar("a.b.example.com", false);
    deep.receive(List.of("dom=2; Domain=example.com"), "/");
    CookieJar other = jar("shop.example.com", false);
    other.receive(List.of("foreign=1; Domain=other.org"), "/");

    assertThat(shop.header("/")).isEqualTo("host=1; dom=2");
    // Domain=example.com set from a.b.example.com matches it (RFC 2965 would refuse a dotted prefix).
    assertThat(deep.header("/")).isEqualTo("dom=2");
    // A Domain the host is not in is rejected, as a browser does.
    assertThat(other.header("/")).isNull();
    assertThat(other.isEmpty()).isTrue();
  }

  @Test
  void aCookieGoesToItsPathAndBelowOnSegmentBoundariesLongestPathFirst() {
    CookieJar jar = jar("127.0.0.1", false);
    jar.receive(List.of("a=1; Path=/api", "b=2; Path=/api/items", "root=0; Path=/"), "/login");

    assertThat(jar.header("/api/items/7")).isEqualTo("b=2; a=1; root=0");
    assertThat(jar.header("/api")).isEqualTo("a=1; root=0");
    assertThat(jar.header("/apix")).isEqualTo("root=0");
    assertThat(jar.header("/")).isEqualTo("root=0");
  }

  @Test
  void withoutAPathTheDefaultIsTheRequestPathsDirectory() {
    CookieJar jar = jar("127.0.0.1", false);
    jar.receive(List.of("s=1"), "/app/login");

    assertThat(jar.header("/app/cart")).isEqualTo("s=1");
    assertThat(jar.header("/other")).isNull();
  }

  @Test
  void expiredCookiesAreNeitherKeptNorSentAndALaterCookieReplacesAnEarlierOne() {
    CookieJar jar = jar("127.0.0.1", false);
    jar.receive(List.of("s=1", "gone=1; Max-Age=0", "past=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT",
        "short=1; Max-Age=60"), "/");
    assertThat(jar.header("/")).isEqualTo("s=1; short=1");

    jar.receive(List.of("s=2"), "/");
    assertThat(jar.header("/").split("; ")).containsExactlyInAnyOrder("s=2", "short=1");
    jar.receive(List.of("s=; Max-Age=0"), "/"); // the server deletes it
    assertThat(jar.header("/")).isEqualTo("short=1");

    CookieJar later = new CookieJar("127.0.0.1", 80, false, Clock.offset(now, Duration.ofSeconds(61)));
    later.receive(List.of("short=1; Max-Age=60", "session=1"), "/");
    assertThat(later.header("/")).isEqualTo("session=1");
  }

  @Test
  void aSecureCookieGoesOverHttpsOnly() {
    CookieJar https = jar("127.0.0.1", true);
    https.receive(List.of("s=1; Secure", "p=2"), "/");
    CookieJar http = jar("127.0.0.1", false);
    http.receive(List.of("s=1; Secure", "p=2"), "/");

    assertThat(https.header("/")).isEqualTo("s=1; p=2");
    assertThat(http.header("/")).isEqualTo("p=2");
  }

  @Test
  void malformedCookiesAreIgnored() {
    CookieJar jar = jar("127.0.0.1", false);
    jar.receive(List.of("=nameless", "", "ok=1"), "/");

    assertThat(jar.header("/")).isEqualTo("ok=1");
  }
}
