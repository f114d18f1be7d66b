/**
 * Breach webhooks: every OPENED and RESOLVED breach, read from {@code slo-breaches.json}, POSTed as a signed
 * CloudEvent (or a Slack message) to configured URLs, in order per breach key, with retries and a dead-letter topic.
 */
@NullMarked
package io.perfplane.analyzer.notify;

import org.jspecify.annotations.NullMarked;
