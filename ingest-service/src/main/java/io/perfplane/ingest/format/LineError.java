package io.perfplane.ingest.format;

import org.jspecify.annotations.Nullable;

/**
 * Why one line was rejected.
 *
 * @param line 1-based line number in the (decompressed) body
 * @param field offending field, or {@code null} when the line as a whole is wrong (malformed JSON, too long)
 * @param reason human-readable reason
 */
public record LineError(long line, @Nullable String field, String reason) {
}
