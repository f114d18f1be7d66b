package io.perfplane.ingest.ndjson;

import java.io.IOException;
import java.io.InputStream;

import io.perfplane.ingest.format.ResultReader;
import io.perfplane.ingest.format.ResultSink;
import io.perfplane.ingest.lines.LineReader;
import io.perfplane.ingest.lines.LineReader.Line;
import io.perfplane.ingest.lines.LineRejections;

/** The native format as a {@link ResultReader}: one {@link NativeSampleParser} line per sample. */
public final class NativeNdjsonReader implements ResultReader {

  private final NativeSampleParser parser;
  private final int maxLineBytes;

  /**
   * @param maxLineBytes longest line accepted (bytes)
   */
  public NativeNdjsonReader(NativeSampleParser parser, int maxLineBytes) {
    this.parser = parser;
    this.maxLineBytes = maxLineBytes;
  }

  @Override
  public void read(InputStream body, ResultSink sink) throws IOException {
    LineReader reader = new LineReader(body, maxLineBytes);
    for (Line line = reader.next(); line != null; line = reader.next()) {
      String text = LineRejections.textOrReject(line, sink);
      if (text == null || text.isBlank()) {
        // Blank lines (a trailing newline, spacing) carry nothing and are neither accepted nor rejected.
        continue;
      }
      switch (parser.parse(line.number(), text)) {
        case ParsedLine.Valid valid -> sink.sample(line.number(), valid.sample(), text);
        case ParsedLine.Rejected rejected -> sink.rejected(rejected.errors(), text);
      }
    }
  }
}
