package io.perfplane.cost;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of cost-service. */
@SpringBootApplication
public class CostApplication {

  public static void main(String[] args) {
    SpringApplication.run(CostApplication.class, args);
  }
}
