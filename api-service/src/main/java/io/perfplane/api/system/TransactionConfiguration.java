package io.perfplane.api.system;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.orm.jpa.JpaTransactionManager;

/**
 * Two transaction managers over the one pool. JPA writes ({@code DashboardStore}) keep Boot's usual
 * {@link JpaTransactionManager}, declared here because Boot backs off as soon as any other manager exists.
 * {@link ReadOnlyTransaction} reads, all plain {@code JdbcClient}, use a {@link JdbcTransactionManager}: the JPA
 * manager would open and close a Hibernate session around every one of them (JFR: about a tenth of the CPU of a
 * dashboard-overview request) for nothing, since they never touch an entity. On the wire both send the same
 * {@code BEGIN READ ONLY} ... {@code COMMIT}.
 */
@Configuration(proxyBeanMethods = false)
class TransactionConfiguration {

  @Bean
  @Primary
  JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory,
      ObjectProvider<TransactionManagerCustomizers> customizers) {
    JpaTransactionManager manager = new JpaTransactionManager(entityManagerFactory);
    customizers.ifAvailable(each -> each.customize(manager));
    return manager;
  }

  @Bean(ReadOnlyTransaction.MANAGER)
  JdbcTransactionManager jdbcReadTransactionManager(DataSource dataSource,
      ObjectProvider<TransactionManagerCustomizers> customizers) {
    JdbcTransactionManager manager = new JdbcTransactionManager(dataSource);
    customizers.ifAvailable(each -> each.customize(manager));
    return manager;
  }
}
