package io.perfplane.cost.estimates;

/** A request parameter is invalid; answered as a 400 problem naming {@link #field()}. */
final class InvalidFieldException extends RuntimeException {

  private final String field;

  InvalidFieldException(String field, String message) {
    super(message);
    this.field = field;
  }

  String field() {
    return field;
  }
}
