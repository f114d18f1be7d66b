package io.perfplane.ingest.format;

/** The upload as a whole cannot be read in its declared format (no JTL header, not a k6 summary object, ...). */
public final class UnreadableUploadException extends RuntimeException {

  private final String field;

  /**
   * @param field what is wrong (a column, {@code body}), named in the problem response
   */
  public UnreadableUploadException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
