package io.perfplane.api.activity;

import java.util.Locale;

/** What a GitHub user did; stored and rendered lower-case ({@code pull_request}). */
public enum ActivityKind {
  PUSH, PULL_REQUEST, REVIEW, ISSUE, COMMENT;

  /** The value stored in {@code activities.kind} and used as JSON key/value. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
