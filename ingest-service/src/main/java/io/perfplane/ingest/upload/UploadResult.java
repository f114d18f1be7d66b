package io.perfplane.ingest.upload;

import java.util.List;

import io.perfplane.ingest.ndjson.LineError;
import org.jspecify.annotations.Nullable;

/**
 * Outcome of one upload whose accepted samples Kafka has all acknowledged.
 *
 * @param accepted lines sent to {@code request-samples}
 * @param rejected lines rejected
 * @param errorCount errors over all rejected lines
 * @param errors the first errors, in line order
 * @param linesRead lines read (blank lines included)
 * @param bodyFailure why the body stopped being readable before its end, or {@code null} if it was read whole
 */
record UploadResult(long accepted, long rejected, long errorCount, List<LineError> errors, long linesRead,
    @Nullable String bodyFailure) {
}
