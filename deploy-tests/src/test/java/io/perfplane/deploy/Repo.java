package io.perfplane.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root and the files the deployment tests read from it. */
final class Repo {

    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("perfplane.repo");
        Path root = (configured != null ? Path.of(configured) : Path.of("..")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("docker-compose.yml"))) {
            throw new IllegalStateException("not the perfplane repository root: " + root);
        }
        return root;
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    /**
     * True under {@code ./perfplane test} ({@code PERFPLANE_TEST_STRICT=true}, which installs every tool first) or
     * CI ({@code CI=true}): a missing tool then fails the build instead of skipping a test.
     */
    static boolean strict() {
        return "true".equalsIgnoreCase(System.getenv("PERFPLANE_TEST_STRICT"))
            || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** How a test names a missing tool: a failure naming the package under the test command, else a skip. */
    static String missing(String what, String install) {
        String message = what + " is missing (" + install + ")";
        return strict() ? message + ": ./perfplane test installs it, so its absence here is an error"
            : message + ": skipped; run ./perfplane test, which installs it and skips nothing";
    }
}
