package io.perfplane.api;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the SQL statements the application prepares, by wrapping the {@link DataSource} (outside the pool): the
 * N+1 guard of {@code StatementCountTest}. Global, not per request: integration tests run one at a time.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SqlStatementCounter {

  private static final Set<String> STATEMENT_FACTORIES = Set.of("prepareStatement", "createStatement", "prepareCall");
  private static final AtomicInteger STATEMENTS = new AtomicInteger();

  /** Statements prepared since the last {@link #reset()}. */
  public static int count() {
    return STATEMENTS.get();
  }

  public static void reset() {
    STATEMENTS.set(0);
  }

  @Bean
  static BeanPostProcessor countingDataSource() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(Proxy.isProxyClass(bean.getClass()))) {
          return proxy(DataSource.class, dataSource, (proxy, method, args) -> {
            Object result = invoke(dataSource, method, args);
            return result instanceof Connection connection ? countingConnection(connection) : result;
          });
        }
        return bean;
      }
    };
  }

  private static Connection countingConnection(Connection connection) {
    return proxy(Connection.class, connection, (proxy, method, args) -> {
      if (STATEMENT_FACTORIES.contains(method.getName())) {
        STATEMENTS.incrementAndGet();
      }
      return invoke(connection, method, args);
    });
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, T target, InvocationHandler handler) {
    return (T) Proxy.newProxyInstance(SqlStatementCounter.class.getClassLoader(), new Class<?>[] {type}, handler);
  }
}
