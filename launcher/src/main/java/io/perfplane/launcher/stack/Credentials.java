package io.perfplane.launcher.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code .perfplane/credentials}: the local stack's bearer token, alone on one line, readable by its owner only
 * (mode 0600, set when the file is created, so the token is never readable by others even for a moment). Every
 * service of the stack accepts it with every scope: {@code curl -H "Authorization: Bearer $(cat
 * .perfplane/credentials)" ...}.
 */
final class Credentials {

  static final String NAME = "credentials";

  private Credentials() {
  }

  static Path write(Path workDir, String token) {
    try {
      Files.createDirectories(workDir);
      Path staging = workDir.resolve(NAME + ".tmp");
      Files.deleteIfExists(staging);
      Files.createFile(staging, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(staging, token + "\n");
      Path file = workDir.resolve(NAME);
      Files.move(staging, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      String token = Files.readString(file).strip();
      if (token.isEmpty()) {
        throw new IllegalStateException(file + " holds no token");
      }
      return token;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the stack's credentials " + file + ": " + e.getMessage(), e);
    }
  }
}
