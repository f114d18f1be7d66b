package io.perfplane.loadgen;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of loadgen-service. */
@SpringBootApplication
public class LoadgenApplication {

  public static void main(String[] args) {
    SpringApplication.run(LoadgenApplication.class, args);
  }
}
