package io.perfplane.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** What the ITs that start {@code perfplane} as a user would need from its process: its lines, and a patient wait. */
public final class ChildOutput {

  private ChildOutput() {
  }

  /** Copies the process's output lines into {@code sink} on a virtual thread until the output closes. */
  public static Thread follow(Process process, List<String> sink) {
    return Thread.ofVirtual().start(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          sink.add(line);
        }
      } catch (IOException e) {
        sink.add("<output closed: " + e.getMessage() + ">");
      }
    });
  }

  /** Polls {@code condition} every 200 ms until it holds or {@code timeout} passes; the caller asserts after. */
  public static void waitFor(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }
}
