/** The {@code perfplane} command: the whole pipeline on the embedded default, with progress and a summary. */
@NullMarked
package io.perfplane.launcher;

import org.jspecify.annotations.NullMarked;
