package io.perfplane.api;

import io.perfplane.api.generator.GeneratorCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Entry point of api-service. With a generator command as first argument ({@code generate --scale 10k},
 * {@code cleanup}) it runs that against the configured database without serving HTTP, and exits.
 */
@SpringBootApplication
public class ApiApplication {

  public static void main(String[] args) {
    if (args.length > 0 && GeneratorCommand.COMMANDS.contains(args[0])) {
      var context = new SpringApplicationBuilder(ApiApplication.class)
          .web(WebApplicationType.NONE)
          .properties("perfplane.api.generator.command=true", "perfplane.api.demo-data=false",
              "spring.main.banner-mode=off")
          .run(args);
      System.exit(SpringApplication.exit(context));
    }
    SpringApplication.run(ApiApplication.class, args);
  }
}
