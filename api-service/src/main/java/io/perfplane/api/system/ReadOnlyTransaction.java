package io.perfplane.api.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.transaction.annotation.Transactional;

/**
 * A read-only transaction for {@code JdbcClient} reads: its statements see one snapshot and share one pooled
 * connection, without the Hibernate session a JPA-managed transaction would open (see
 * {@link TransactionConfiguration}). Inside a running JPA transaction it joins that one.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Transactional(transactionManager = ReadOnlyTransaction.MANAGER, readOnly = true)
public @interface ReadOnlyTransaction {

  /** Bean name of the JDBC transaction manager behind this annotation. */
  String MANAGER = "jdbcReadTransactionManager";
}
