package io.perfplane.contracts.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetAllowListTest {

  private final TargetAllowList loopback = new TargetAllowList(List.of("127.0.0.1:*", "localhost:*", "[::1]:*"));

  @ParameterizedTest
  @ValueSource(strings = {
      "http://127.0.0.1:8081", "http://127.0.0.1:8081/api", "https://127.0.0.1", "http://localhost:9",
      "HTTP://LOCALHOST:8081/", "http://LocalHost.:8081", "http://[::1]:8081", "http://[0:0:0:0:0:0:0:1]:80",
      "http://127.0.0.1:8081#@evil.com"}) // the host really is 127.0.0.1; '@evil.com' is only a fragment
  void allowsLoopbackTargets(String url) {
    assertThat(loopback.allows(url)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://127.0.0.1.evil.com:8081", // a suffix is not the host
      "http://evil.com.127.0.0.1", // neither is a prefix
      "http://localhost@evil.com", // user info: the host is evil.com
      "http://localhost:8081@evil.com/", // user info with a fake port
      "http://evil.com#@127.0.0.1", "http://evil.com?@127.0.0.1",
      "http://localhostevil.com", "http://10.0.0.1:8081", "http://[::2]:8081",
      "ftp://127.0.0.1/", "file:///etc/passwd", "127.0.0.1:8081", "//127.0.0.1:8081", "not a url",
      "http://127.0.0.1\\@evil.com/", "http://under_score:80/"})
  void refusesEverythingElse(String url) {
    assertThat(loopback.allows(url)).isFalse();
  }

  @Test
  void defaultPortsAreEightyAndFourFortyThree() {
    TargetAllowList plainHttp = new TargetAllowList(List.of("api.example.com:80"));
    assertThat(plainHttp.allows("http://api.example.com")).isTrue();
    assertThat(plainHttp.allows("http://api.example.com:80/x")).isTrue();
    assertThat(plainHttp.allows("https://api.example.com")).isFalse();
    assertThat(plainHttp.allows("http://api.example.com:8080")).isFalse();
    assertThat(new TargetAllowList(List.of("api.example.com:443")).allows("https://api.example.com/x")).isTrue();
    assertThat(TargetAllowList.authorityOf("HTTPS://API.Example.com/")).contains("api.example.com:443");
  }

  @Test
  void hostWildcardMatchesExactlyOneLabel() {
    TargetAllowList staging = new TargetAllowList(List.of("*.staging.example.com:8443"));
    assertThat(staging.allows("https://api.staging.example.com:8443")).isTrue();
    assertThat(staging.allows("https://API.Staging.Example.COM:8443")).isTrue();
    assertThat(staging.allows("https://staging.example.com:8443")).isFalse();
    assertThat(staging.allows("https://a.b.staging.example.com:8443")).isFalse();
    assertThat(staging.allows("https://api.staging.example.com.evil.com:8443")).isFalse();
    assertThat(staging.allows("https://api.staging.example.com:8444")).isFalse();
  }

  @Test
  void starHostAllowsAnyHostOnTheGivenPort() {
    TargetAllowList anyHost = new TargetAllowList(List.of("*:8081"));
    assertThat(anyHost.allows("http://10.1.2.3:8081")).isTrue();
    assertThat(anyHost.allows("http://10.1.2.3:8082")).isFalse();
    assertThat(anyHost.allows("http://user@10.1.2.3:8081")).isFalse();
  }

  @Test
  void emptyListAllowsNothing() {
    assertThat(new TargetAllowList(List.of()).allows("http://127.0.0.1:8081")).isFalse();
  }

  @Test
  void rejectsMalformedPatterns() {
    assertThatIllegalArgumentException().isThrownBy(() -> new TargetAllowList(List.of("localhost")));
    assertThatIllegalArgumentException().isThrownBy(() -> new TargetAllowList(List.of("localhost:")));
    assertThatIllegalArgumentException().isThrownBy(() -> new TargetAllowList(List.of("localhost:http")));
    assertThatIllegalArgumentException().isThrownBy(() -> new TargetAllowList(List.of("localhost:70000")));
    assertThatIllegalArgumentException().isThrownBy(() -> new TargetAllowList(List.of("::1:80")));
    assertThatIllegalArgumentException().isThrownBy(() -> new TargetAllowList(List.of("[::1:80")));
  }
}
