package io.perfplane.api.dashboard;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * A row of {@code dashboard_users}. It repeats the tenant id because the table's composite foreign keys
 * ({@code tenant_id, github_user_id}) make PostgreSQL itself refuse a member from another tenant.
 */
@Embeddable
record DashboardMember(@Column(name = "tenant_id") long tenantId, @Column(name = "github_user_id") long githubUserId) {
}
