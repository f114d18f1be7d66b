package io.perfplane.api.tenant;

/**
 * Published (as a Spring application event) by whoever inserts, re-creates or deletes tenants in this process, so
 * the {@link TenantCache} forgets what it resolved. Changes made by other processes are bounded by the cache TTL.
 */
public record TenantsChanged() {
}
