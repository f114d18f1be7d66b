package io.perfplane.ingest.upload;

import java.io.IOException;

/** The body exceeded a configured size or gzip-ratio limit; reading stopped there (answered 413). */
final class UploadTooLargeException extends IOException {

  UploadTooLargeException(String message) {
    super(message);
  }
}
