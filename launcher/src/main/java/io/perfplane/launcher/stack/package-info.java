/**
 * The persistent local stack: {@code perfplane up} starts the embedded broker, PostgreSQL and the five services and
 * records them in {@code .perfplane/stack.json} and {@code .perfplane/credentials}; {@code perfplane down} stops it;
 * {@link io.perfplane.launcher.stack.RunningStack} lets the other commands find it (docs/local-stack.md).
 */
@NullMarked
package io.perfplane.launcher.stack;

import org.jspecify.annotations.NullMarked;
