package io.perfplane.ingest.lines;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Reads a line-based upload (native and k6 NDJSON, JMeter CSV, Gatling's log) one line at a time, holding at most
 * one line (of at most {@code maxLineBytes}) in memory: an over-long line is skipped to its end, not buffered. Lines
 * end at {@code \n}; a trailing {@code \r} is dropped; the last line needs no terminator. Lines are UTF-8. Not
 * thread-safe.
 */
public final class LineReader {

  /** One line of the stream, numbered from 1. */
  public sealed interface Line {

    long number();

    /** A line decoded as UTF-8, without its terminator (possibly blank). */
    record Text(long number, String text) implements Line {
    }

    /** A line longer than the limit; its content was discarded. */
    record TooLong(long number, int maxBytes) implements Line {
    }

    /** A line that is not valid UTF-8. */
    record NotUtf8(long number) implements Line {
    }
  }

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buffer = new byte[65536];
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private byte[] line = new byte[256];
  private int bufferPos;
  private int bufferEnd;
  private long lineNumber;
  private boolean eof;

  /**
   * @param in the body; not closed by this reader
   * @param maxLineBytes longest line accepted, in bytes without the terminator ({@code >= 1})
   */
  public LineReader(InputStream in, int maxLineBytes) {
    this.in = Objects.requireNonNull(in, "in");
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be >= 1: " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
  }

  /** The next line, or {@code null} at the end of the stream. */
  public @Nullable Line next() throws IOException {
    int length = 0;
    boolean tooLong = false;
    boolean sawAnything = false;
    boolean ascii = true;
    while (true) {
      if (bufferPos == bufferEnd && !fill()) {
        if (!sawAnything) {
          return null;
        }
        break;
      }
      sawAnything = true;
      // Scan the buffered bytes for the terminator and copy the run in one go (this loop is the ingest hot path).
      int end = bufferPos;
      byte high = 0;
      while (end < bufferEnd && buffer[end] != '\n') {
        high |= buffer[end];
        end++;
      }
      int run = end - bufferPos;
      if (!tooLong) {
        // One byte of slack for a '\r' that a CRLF terminator adds beyond the limit.
        if (length + run > maxLineBytes + 1) {
          tooLong = true;
        } else {
          if (length + run > line.length) {
            line = Arrays.copyOf(line, Math.min(Math.max(line.length * 2, length + run), maxLineBytes + 1));
          }
          System.arraycopy(buffer, bufferPos, line, length, run);
          length += run;
          ascii &= high >= 0;
        }
      }
      bufferPos = end;
      if (end < bufferEnd) {
        bufferPos++; // past the '\n'
        break;
      }
    }
    lineNumber++;
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    if (tooLong || length > maxLineBytes) {
      return new Line.TooLong(lineNumber, maxLineBytes);
    }
    if (ascii) {
      // Pure ASCII is valid UTF-8: skip the validating decoder.
      return new Line.Text(lineNumber, new String(line, 0, length, StandardCharsets.US_ASCII));
    }
    try {
      return new Line.Text(lineNumber, utf8.decode(ByteBuffer.wrap(line, 0, length)).toString());
    } catch (CharacterCodingException e) {
      return new Line.NotUtf8(lineNumber);
    }
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int read = in.read(buffer);
    if (read < 0) {
      eof = true;
      return false;
    }
    bufferPos = 0;
    bufferEnd = read;
    return true;
  }
}
