package io.perfplane.ingest.lines;

import java.util.List;

import io.perfplane.ingest.format.LineError;
import io.perfplane.ingest.format.ResultSink;
import io.perfplane.ingest.lines.LineReader.Line;
import org.jspecify.annotations.Nullable;

/** The rejections every line-based format shares: over-long lines and lines that are not UTF-8. */
public final class LineRejections {

  private LineRejections() {
  }

  /** The line's text, or {@code null} after reporting it to the sink as rejected. */
  public static @Nullable String textOrReject(Line line, ResultSink sink) {
    return switch (line) {
      case Line.Text text -> text.text();
      case Line.TooLong tooLong -> {
        sink.rejected(List.of(new LineError(tooLong.number(), null,
            "line is longer than " + tooLong.maxBytes() + " bytes (perfplane.ingest.max-line-bytes)")), "");
        yield null;
      }
      case Line.NotUtf8 notUtf8 -> {
        sink.rejected(List.of(new LineError(notUtf8.number(), null, "line is not valid UTF-8")), "");
        yield null;
      }
    };
  }
}
