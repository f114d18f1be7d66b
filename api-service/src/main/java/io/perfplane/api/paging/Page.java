package io.perfplane.api.paging;

import java.util.List;

/**
 * One page of a list endpoint's results.
 *
 * @param content the items on this page, at most {@code size}
 * @param page zero-based page index
 * @param size requested page size, 1..{@value #MAX_SIZE}
 * @param totalElements items across all pages
 * @param totalPages pages needed for {@code totalElements} at this size
 */
public record Page<T>(List<T> content, int page, int size, long totalElements, long totalPages) {

  /** Upper bound for the {@code size} query parameter. */
  public static final int MAX_SIZE = 100;
  /** {@code size} when the client sends none. */
  public static final String DEFAULT_SIZE = "20";

  public Page {
    content = List.copyOf(content);
  }

  public static <T> Page<T> of(List<T> content, int page, int size, long totalElements) {
    return new Page<>(content, page, size, totalElements, (totalElements + size - 1) / size);
  }

  /** Rows to skip for {@code page} of {@code size}; long because {@code page * size} can overflow an int. */
  public static long offset(int page, int size) {
    return (long) page * size;
  }
}
