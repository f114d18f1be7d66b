package io.perfplane.api.generator;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * The command line: {@code generate --scale 1k|10k [--users N] [--dashboards N] [--activities N] [--label L]}
 * and {@code cleanup}. Active only when {@link #ENABLED_PROPERTY} is set, which
 * {@link io.perfplane.api.ApiApplication#main} does when the first argument is a command.
 */
@Component
@ConditionalOnBooleanProperty(GeneratorCommand.ENABLED_PROPERTY)
public final class GeneratorCommand implements ApplicationRunner {

  static final String ENABLED_PROPERTY = "perfplane.api.generator.command";
  /** First arguments that make the jar run a generator command instead of serving. */
  public static final Set<String> COMMANDS = Set.of("generate", "cleanup");

  private final DataGenerator generator;
  private final PrintStream out;

  GeneratorCommand(DataGenerator generator) {
    this.generator = generator;
    this.out = System.out;
  }

  @Override
  public void run(ApplicationArguments args) {
    Map<String, String> options = options(args.getSourceArgs());
    String command = args.getSourceArgs().length == 0 ? "" : args.getSourceArgs()[0];
    switch (command) {
      case "generate" -> generate(scale(options));
      case "cleanup" -> out.printf("cleanup: removed %d generated tenant(s) and all their data%n",
          generator.cleanup());
      default -> throw new IllegalArgumentException("usage: generate --scale 1k|10k [...] | cleanup");
    }
  }

  private void generate(Scale scale) {
    out.printf("generate %s: %,d users, %,d dashboards, %,d activities into tenant '%s' (API key %s)%n",
        scale.label(), scale.users(), scale.dashboards(), scale.activities(), scale.tenantName(), scale.apiKey());
    DataGenerator.Result result = generator.generate(scale, (done, total, inserted) ->
        out.printf("  activities %,d/%,d (%.1f%%), %,d new%n", done, total, total == 0 ? 100.0 : 100.0 * done / total,
            inserted));
    out.printf(Locale.ROOT, "done in %.1f s: %d users, %d dashboards, %d memberships, %d activities inserted%s%n",
        result.took().toMillis() / 1000.0, result.usersInserted(), result.dashboardsInserted(),
        result.membersInserted(), result.activitiesInserted(),
        result.resumedFrom() >= scale.activities() && scale.activities() > 0 ? " (activities were already complete)"
            : result.resumedFrom() > 0 ? " (resumed at activity " + result.resumedFrom() + ")" : "");
  }

  /**
   * {@code --name value} and {@code --name=value} pairs after the command. Spring's own option parsing knows only
   * the second form, and {@code generate --scale 10k} is the documented one.
   */
  static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
      }
      int equals = arg.indexOf('=');
      if (equals > 0) {
        options.put(arg.substring(2, equals), arg.substring(equals + 1));
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        options.put(arg.substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException("option " + arg + " needs a value");
      }
    }
    return options;
  }

  /** {@code --scale} names the base; {@code --users/--dashboards/--activities} override it (a custom scale). */
  static Scale scale(Map<String, String> args) {
    String name = option(args, "scale", "1k");
    Scale base = Scale.named(name).orElseGet(() -> new Scale(name.toLowerCase(Locale.ROOT), 100, 20, 500));
    int users = Integer.parseInt(option(args, "users", Integer.toString(base.users())));
    int dashboards = Integer.parseInt(option(args, "dashboards", Integer.toString(base.dashboards())));
    long activities = Long.parseLong(option(args, "activities", Long.toString(base.activities())).replace("_", ""));
    boolean custom = users != base.users() || dashboards != base.dashboards() || activities != base.activities();
    // A custom scale gets its own tenant unless labelled explicitly, so it never reshapes a named one.
    String label = option(args, "label", custom && Scale.named(name).isPresent() ? "custom-" + activities : base.label());
    return new Scale(label, users, dashboards, activities);
  }

  private static String option(Map<String, String> options, String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }
}
