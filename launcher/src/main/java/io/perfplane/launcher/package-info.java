/**
 * The {@code perfplane} command: {@link io.perfplane.launcher.Main} dispatches to its subcommands ({@code demo},
 * {@code run}, {@code analyze}, {@code ingest}, each in its own package); this package holds what they share: the
 * service processes ({@link io.perfplane.launcher.ServiceFleet}), the REST client, exit codes and number formats.
 */
@NullMarked
package io.perfplane.launcher;

import org.jspecify.annotations.NullMarked;
