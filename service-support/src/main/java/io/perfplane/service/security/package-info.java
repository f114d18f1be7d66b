/**
 * One bearer-token model for every perfplane service: static tokens for the local stack, JWTs of any OIDC issuer
 * when deployed, and per-service {@link io.perfplane.service.security.AccessRules} mapping paths to scopes. The
 * format is a user-facing contract, documented in {@code docs/security.md}.
 */
@NullMarked
package io.perfplane.service.security;

import org.jspecify.annotations.NullMarked;
