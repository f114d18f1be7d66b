package io.perfplane.ingest.upload;

import java.util.Map;

/**
 * Who an upload is, as the analyzer sees it: the generator id its {@code STARTED}/{@code FINISHED} run events carry,
 * whether it completes the run, and the metadata put on {@code STARTED}.
 *
 * @param generatorId {@code ingest/<format>/<idempotency key>}, or {@code ingest/upload-<uuid>} without a key: a
 *     repeat with the same key is the same generator, so the analyzer's per-generator dedupe of FINISHED holds
 * @param finalPart whether this upload is the last part of the run's import (then the run can be finalized)
 * @param attributes STARTED attributes (source tool, format, file and test name when given)
 */
record ImportRun(String generatorId, boolean finalPart, Map<String, String> attributes) {

  ImportRun {
    attributes = Map.copyOf(attributes);
  }
}
