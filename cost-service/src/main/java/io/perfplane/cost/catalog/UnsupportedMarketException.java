package io.perfplane.cost.catalog;

/**
 * A region or currency was asked for that the loaded catalog does not price. Thrown instead of answering with the
 * catalog's own figures, which would be a silently wrong number.
 */
public final class UnsupportedMarketException extends IllegalArgumentException {

  private final String field;

  UnsupportedMarketException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The request field that was not supported: {@code region} or {@code currency}. */
  public String field() {
    return field;
  }
}
