package io.perfplane.api.dashboard;

import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Spring Data JPA persistence of the {@link Dashboard} write model. */
interface DashboardStore extends JpaRepository<Dashboard, Long> {

  boolean existsByTenantIdAndSlug(long tenantId, String slug);

  /** A tracked user's id by login; only the tenant's own users are visible. */
  interface UserId {
    String getLogin();

    Long getId();
  }

  @Query(value = "select login, id from github_users where tenant_id = :tenantId and login in (:logins)",
      nativeQuery = true)
  List<UserId> findUserIds(@Param("tenantId") long tenantId, @Param("logins") Collection<String> logins);
}
