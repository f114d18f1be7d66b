package io.perfplane.ingest.format;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one upload of one format to its end, streaming: it holds at most one line (or one k6 request's points) in
 * memory, never the body.
 */
public interface ResultReader {

  /**
   * @param body the decompressed body; read to its end, not closed
   * @throws IOException if the body cannot be read further; what was pushed to the sink before stays valid
   * @throws UnreadableUploadException if the upload as a whole is not of this format (e.g. a JTL without header)
   */
  void read(InputStream body, ResultSink sink) throws IOException;
}
