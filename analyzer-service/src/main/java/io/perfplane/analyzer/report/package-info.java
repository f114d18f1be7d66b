/** REST read model served from the topology's state stores (interactive queries). */
@NullMarked
package io.perfplane.analyzer.report;

import org.jspecify.annotations.NullMarked;
