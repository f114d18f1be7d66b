package io.perfplane.ingest.upload;

import java.util.List;

import io.perfplane.ingest.format.LineError;
import io.perfplane.ingest.format.UnreadableUploadException;
import org.jspecify.annotations.Nullable;

/**
 * Outcome of one upload whose accepted samples and dead letters Kafka has all acknowledged (not yet committed).
 *
 * @param accepted samples sent to {@code request-samples}
 * @param rejected lines (or k6 requests) rejected, each also sent to {@code ingest-dead-letters}
 * @param ignored valid lines that carry nothing perfplane stores (k6 non-HTTP metrics, Gatling USER records, ...)
 * @param errorCount errors over all rejected lines
 * @param errors the first errors, in line order
 * @param bodyFailure why the body stopped being readable before its end, or {@code null} if it was read whole
 * @param tooLarge whether reading stopped at a size or gzip-ratio limit
 * @param unreadable set if the body turned out not to be of the format at all (answered 400 after the commit)
 */
record UploadResult(long accepted, long rejected, long ignored, long errorCount, List<LineError> errors,
    @Nullable String bodyFailure, boolean tooLarge, @Nullable UnreadableUploadException unreadable) {
}
