package io.perfplane.ingest.lines;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.perfplane.ingest.lines.LineReader.Line;
import org.junit.jupiter.api.Test;

class LineReaderTest {

  @Test
  void splitsOnNewlinesDropsCarriageReturnsAndKeepsALastUnterminatedLine() throws IOException {
    assertThat(read("a\nb\r\n\nc", 100)).containsExactly(new Line.Text(1, "a"), new Line.Text(2, "b"),
        new Line.Text(3, ""), new Line.Text(4, "c"));
  }

  @Test
  void emptyBodyHasNoLinesAndATrailingNewlineAddsNone() throws IOException {
    assertThat(read("", 100)).isEmpty();
    assertThat(read("a\n", 100)).containsExactly(new Line.Text(1, "a"));
  }

  @Test
  void anOverlongLineIsSkippedAndTheNextLineStillRead() throws IOException {
    String longLine = "x".repeat(20_000);

    assertThat(read("ok\n" + longLine + "\nnext", 10_000)).containsExactly(new Line.Text(1, "ok"),
        new Line.TooLong(2, 10_000), new Line.Text(3, "next"));
  }

  @Test
  void aLineExactlyAtTheLimitIsKeptEvenWithCrLf() throws IOException {
    assertThat(read("abcd\r\nabcde\n", 4)).containsExactly(new Line.Text(1, "abcd"), new Line.TooLong(2, 4));
  }

  @Test
  void linesLongerThanTheReadBufferAreReassembled() throws IOException {
    String line = "y".repeat(30_000);

    assertThat(read(line + "\n", 65_536)).containsExactly(new Line.Text(1, line));
  }

  @Test
  void invalidUtf8IsReportedPerLine() throws IOException {
    byte[] body = {'a', '\n', (byte) 0xC3, (byte) 0x28, '\n', (byte) 0xC3, (byte) 0xA9};

    assertThat(read(new ByteArrayInputStream(body), 100)).containsExactly(new Line.Text(1, "a"),
        new Line.NotUtf8(2), new Line.Text(3, "é"));
  }

  private static List<Line> read(String body, int max) throws IOException {
    return read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), max);
  }

  private static List<Line> read(InputStream in, int max) throws IOException {
    LineReader reader = new LineReader(in, max);
    List<Line> lines = new ArrayList<>();
    for (Line line = reader.next(); line != null; line = reader.next()) {
      lines.add(line);
    }
    return lines;
  }
}
