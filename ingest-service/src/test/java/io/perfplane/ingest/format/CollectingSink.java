package io.perfplane.ingest.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Records what a reader pushes, for assertions. */
public final class CollectingSink implements ResultSink {

  /** A sample with the line it came from. */
  public record Accepted(long line, NativeSample sample) {
  }

  public final List<Accepted> samples = new ArrayList<>();
  public final List<LineError> errors = new ArrayList<>();
  public final List<String> rejectedPayloads = new ArrayList<>();
  public long ignored;

  /** Runs {@code reader} over {@code body} into a new sink. */
  public static CollectingSink read(ResultReader reader, String body) {
    return read(reader, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }

  public static CollectingSink read(ResultReader reader, InputStream body) {
    CollectingSink sink = new CollectingSink();
    try {
      reader.read(body, sink);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sink;
  }

  /** A fixture from {@code src/test/resources/fixtures}. */
  public static String fixture(String name) {
    try (InputStream in = CollectingSink.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<NativeSample> sampleList() {
    return samples.stream().map(Accepted::sample).toList();
  }

  /** {@code line:field} of every error, {@code -} for no field. */
  public List<String> errorKeys() {
    return errors.stream().map(e -> e.line() + ":" + (e.field() == null ? "-" : e.field())).toList();
  }

  @Override
  public void sample(long line, NativeSample sample, String payload) {
    samples.add(new Accepted(line, sample));
  }

  @Override
  public void rejected(List<LineError> lineErrors, String payload) {
    errors.addAll(lineErrors);
    rejectedPayloads.add(payload);
  }

  @Override
  public void ignored(long line) {
    ignored++;
  }
}
