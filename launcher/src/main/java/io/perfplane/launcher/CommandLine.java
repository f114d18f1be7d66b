package io.perfplane.launcher;

import java.io.PrintStream;

import org.jspecify.annotations.Nullable;

/**
 * What the {@code perfplane} commands' argument parsing shares: an option's value, the unknown-option error, and the
 * two early exits (help: usage on stdout, 0; a usage error: {@code perfplane COMMAND: message} and the usage on
 * stderr, 2). The messages are part of the command-line contract and asserted by each command's tests.
 */
public final class CommandLine {

  private CommandLine() {
  }

  /**
   * A command's parser: its options, {@code null} when help was asked for.
   *
   * @param <T> the command's options
   */
  @FunctionalInterface
  public interface Parser<T> {

    /**
     * @throws IllegalArgumentException a usage error, its message naming the offending argument
     */
    @Nullable T parse();
  }

  /**
   * The outcome of {@link #parse}: the options, or the exit code the command ends with at once.
   *
   * @param options null when the command ends at once
   * @param exitCode {@link ExitCodes#OK} after help, {@link ExitCodes#USAGE} after a usage error; meaningless
   *     with options
   * @param <T> the command's options
   */
  public record Parsed<T>(@Nullable T options, int exitCode) {
  }

  /**
   * Runs a command's parser and handles its early exits: help prints {@code usage} to {@code out}; a usage error
   * prints {@code perfplane COMMAND: message} and {@code usage} to {@code err}.
   *
   * @param command the command's name as typed, for the error line
   */
  public static <T> Parsed<T> parse(String command, String usage, PrintStream out, PrintStream err,
      Parser<T> parser) {
    T options;
    try {
      options = parser.parse();
    } catch (IllegalArgumentException e) {
      return new Parsed<>(null, usageError(command, e.getMessage(), usage, err));
    }
    if (options == null) {
      out.print(usage);
      return new Parsed<>(null, ExitCodes.OK);
    }
    return new Parsed<>(options, ExitCodes.OK);
  }

  /**
   * Prints {@code perfplane COMMAND: message} and the usage to {@code err}.
   *
   * @return {@link ExitCodes#USAGE}, for the command to return
   */
  public static int usageError(String command, @Nullable String message, String usage, PrintStream err) {
    err.println("perfplane " + command + ": " + message);
    err.print(usage);
    return ExitCodes.USAGE;
  }

  /**
   * The value of the option at {@code index - 1}: whatever argument follows it.
   *
   * @throws IllegalArgumentException {@code OPTION needs a value} when none follows
   */
  public static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw needsValue(option);
    }
    return args[index];
  }

  /**
   * The value of the option at {@code index - 1}, where an argument starting with {@code optionPrefix} is the next
   * option rather than a value ({@code --run --follow} forgot the run id). Commands differ in the prefix ({@code -} or
   * {@code --}), and some take any argument (see {@link #value(String[], int, String)}); each keeps its own rule.
   *
   * @throws IllegalArgumentException {@code OPTION needs a value} when none follows
   */
  public static String value(String[] args, int index, String option, String optionPrefix) {
    if (index >= args.length || args[index].startsWith(optionPrefix)) {
      throw needsValue(option);
    }
    return args[index];
  }

  /** The error for an option the command does not know. */
  public static IllegalArgumentException unknownOption(String arg) {
    return new IllegalArgumentException("unknown option '" + arg + "'");
  }

  private static IllegalArgumentException needsValue(String option) {
    return new IllegalArgumentException(option + " needs a value");
  }
}
