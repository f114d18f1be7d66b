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

    /** True when running under CI, where a missing tool must fail the build rather than skip a test. */
    static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
