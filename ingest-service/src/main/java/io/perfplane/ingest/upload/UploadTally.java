package io.perfplane.ingest.upload;

import java.util.ArrayList;
import java.util.List;

import io.perfplane.ingest.format.LineError;

/** Counts accepted, rejected and ignored lines of one upload, keeping the first {@code maxListed} errors. */
final class UploadTally {

  private final int maxListed;
  private final List<LineError> listed = new ArrayList<>();
  private long accepted;
  private long rejected;
  private long ignored;
  private long errors;

  UploadTally(int maxListed) {
    this.maxListed = maxListed;
  }

  void accept() {
    accepted++;
  }

  void ignore() {
    ignored++;
  }

  void reject(List<LineError> lineErrors) {
    rejected++;
    for (LineError error : lineErrors) {
      errors++;
      if (listed.size() < maxListed) {
        listed.add(error);
      }
    }
  }

  long accepted() {
    return accepted;
  }

  long rejected() {
    return rejected;
  }

  long ignored() {
    return ignored;
  }

  /** Errors across all rejected lines, listed or not. */
  long errorCount() {
    return errors;
  }

  List<LineError> listed() {
    return List.copyOf(listed);
  }
}
