package io.perfplane.loadgen.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import io.perfplane.contracts.ErrorKind;
import org.junit.jupiter.api.Test;

class ErrorClassifierTest {

  @Test
  void failuresAreClassifiedThroughTheCauseChain() {
    assertThat(ErrorClassifier.ofFailure(new HttpTimeoutException("request timed out"))).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(ErrorClassifier.ofFailure(new HttpConnectTimeoutException("connect timed out")))
        .isEqualTo(ErrorKind.CONNECT);
    assertThat(ErrorClassifier.ofFailure(new ConnectException())).isEqualTo(ErrorKind.CONNECT);
    assertThat(ErrorClassifier.ofFailure(new IOException("wrapped", new ConnectException())))
        .isEqualTo(ErrorKind.CONNECT);
    assertThat(ErrorClassifier.ofFailure(new UnknownHostException("nope"))).isEqualTo(ErrorKind.CONNECT);
    assertThat(ErrorClassifier.ofFailure(new SSLHandshakeException("PKIX path building failed")))
        .as("an untrusted certificate: nothing was sent").isEqualTo(ErrorKind.CONNECT);
    assertThat(ErrorClassifier.ofFailure(new SSLException("record overflow"))).isEqualTo(ErrorKind.IO);
    assertThat(ErrorClassifier.ofFailure(new ClosedChannelException())).isEqualTo(ErrorKind.IO);
    assertThat(ErrorClassifier.ofFailure(new IOException("reset"))).isEqualTo(ErrorKind.IO);
    assertThat(ErrorClassifier.ofFailure(new IllegalStateException())).isEqualTo(ErrorKind.OTHER);
  }
}
